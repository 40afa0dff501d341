#include "vrmall/engine/context.h"

#include <cstring>
#include <iostream>

#include "vrmall/engine/vk_check.h"
#include "vrmall/engine/vk_struct.h"

namespace vrmall::engine {
namespace {

constexpr const char* kValidationLayer = "VK_LAYER_KHRONOS_validation";
constexpr size_t kMaxKeptMessages = 64;

bool hasLayer(const char* name) {
  uint32_t count = 0;
  vkEnumerateInstanceLayerProperties(&count, nullptr);
  std::vector<VkLayerProperties> layers(count);
  vkEnumerateInstanceLayerProperties(&count, layers.data());
  for (const auto& layer : layers) {
    if (std::strcmp(layer.layerName, name) == 0) return true;
  }
  return false;
}

}  // namespace

Context::Context(const ContextOptions& options) : printMessages_(options.printValidationMessages) {
  try {
    createInstance(options);
    pickDevice(options);
    createDevice(options);
  } catch (...) {
    release();  // no destructor runs for a constructor that throws
    throw;
  }
}

Context::~Context() {
  release();
}

void Context::release() {
  if (device_ != VK_NULL_HANDLE) {
    vkDeviceWaitIdle(device_);
    vkDestroyCommandPool(device_, uploadPool_, nullptr);
    vkDestroyDevice(device_, nullptr);
  }
  if (messenger_ != VK_NULL_HANDLE) {
    auto destroy = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(instance_, "vkDestroyDebugUtilsMessengerEXT"));
    if (destroy != nullptr) destroy(instance_, messenger_, nullptr);
  }
  if (instance_ != VK_NULL_HANDLE) vkDestroyInstance(instance_, nullptr);
  device_ = VK_NULL_HANDLE;
  messenger_ = VK_NULL_HANDLE;
  instance_ = VK_NULL_HANDLE;
}

void Context::createInstance(const ContextOptions& options) {
  std::vector<const char*> extensions = options.instanceExtensions;
  std::vector<const char*> layers;
  if (options.validation) {
    if (hasLayer(kValidationLayer)) {
      layers.push_back(kValidationLayer);
      extensions.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
      validationEnabled_ = true;
    } else {
      VRM_CHECK(!options.requireValidation,
                "Vulkan validation was required but VK_LAYER_KHRONOS_validation is not installed "
                "(Debian: apt install vulkan-validationlayers)");
      std::cerr << "vrmall: warning: validation requested but " << kValidationLayer
                << " is not installed; running without it\n";
    }
  }

  auto app = vkStruct<VkApplicationInfo>(VK_STRUCTURE_TYPE_APPLICATION_INFO);
  app.pApplicationName = "vrmall";
  app.applicationVersion = VK_MAKE_API_VERSION(0, 0, 1, 0);
  app.pEngineName = "vrmall_engine";
  app.apiVersion = VK_API_VERSION_1_3;

  // The messenger is chained into instance creation too, so messages from vkCreateInstance and
  // vkDestroyInstance are counted as well.
  auto messenger = vkStruct<VkDebugUtilsMessengerCreateInfoEXT>(
      VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT);
  messenger.messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT |
                              VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT |
                              VK_DEBUG_UTILS_MESSAGE_SEVERITY_INFO_BIT_EXT;
  messenger.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT |
                          VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                          VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
  messenger.pfnUserCallback = &Context::debugCallback;
  messenger.pUserData = this;

  auto info = vkStruct<VkInstanceCreateInfo>(VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO);
  info.pApplicationInfo = &app;
  info.enabledLayerCount = static_cast<uint32_t>(layers.size());
  info.ppEnabledLayerNames = layers.data();
  info.enabledExtensionCount = static_cast<uint32_t>(extensions.size());
  info.ppEnabledExtensionNames = extensions.data();
  if (validationEnabled_) info.pNext = &messenger;
  if (options.external.createInstance) {
    instance_ = options.external.createInstance(info);
    VRM_CHECK(instance_ != VK_NULL_HANDLE, "the external instance hook returned no instance");
  } else {
    VRM_VK_CHECK(vkCreateInstance(&info, nullptr, &instance_));
  }

  if (validationEnabled_) {
    auto create = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(instance_, "vkCreateDebugUtilsMessengerEXT"));
    VRM_CHECK(create != nullptr, "vkCreateDebugUtilsMessengerEXT is missing");
    VRM_VK_CHECK(create(instance_, &messenger, nullptr, &messenger_));
  }
}

void Context::pickBestDevice() {
  uint32_t count = 0;
  VRM_VK_CHECK(vkEnumeratePhysicalDevices(instance_, &count, nullptr));
  VRM_CHECK(count > 0, "no Vulkan device found (install mesa-vulkan-drivers for lavapipe)");
  std::vector<VkPhysicalDevice> devices(count);
  VRM_VK_CHECK(vkEnumeratePhysicalDevices(instance_, &count, devices.data()));
  // Prefer a real GPU; otherwise take what there is (lavapipe in CI).
  int best = -1;
  int bestScore = -1;
  for (size_t i = 0; i < devices.size(); ++i) {
    VkPhysicalDeviceProperties props;
    vkGetPhysicalDeviceProperties(devices[i], &props);
    if (props.apiVersion < VK_API_VERSION_1_3) continue;
    int score = props.deviceType == VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU     ? 3
                : props.deviceType == VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU ? 2
                                                                             : 1;
    if (score > bestScore) {
      bestScore = score;
      best = static_cast<int>(i);
    }
  }
  VRM_CHECK(best >= 0, "no Vulkan 1.3 device found");
  physical_ = devices[static_cast<size_t>(best)];
}

void Context::pickDevice(const ContextOptions& options) {
  if (options.external.physicalDevice) {
    physical_ = options.external.physicalDevice(instance_);
    VRM_CHECK(physical_ != VK_NULL_HANDLE, "the external device hook returned no physical device");
  } else {
    pickBestDevice();
  }
  vkGetPhysicalDeviceProperties(physical_, &properties_);
  VRM_CHECK(
      properties_.apiVersion >= VK_API_VERSION_1_3,
      std::string("the Vulkan device ") + properties_.deviceName + " does not support Vulkan 1.3");
  vkGetPhysicalDeviceMemoryProperties(physical_, &memory_);

  uint32_t familyCount = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(physical_, &familyCount, nullptr);
  std::vector<VkQueueFamilyProperties> families(familyCount);
  vkGetPhysicalDeviceQueueFamilyProperties(physical_, &familyCount, families.data());
  bool found = false;
  for (uint32_t i = 0; i < familyCount; ++i) {
    if ((families[i].queueFlags & VK_QUEUE_GRAPHICS_BIT) != 0) {
      queueFamily_ = i;
      found = true;
      break;
    }
  }
  VRM_CHECK(found, "the Vulkan device has no graphics queue");
}

void Context::createDevice(const ContextOptions& options) {
  // Core 1.3 features the renderer relies on: dynamic rendering (one code path for offscreen,
  // swapchain and OpenXR images), synchronization2 barriers, and multiview for two-eye frames.
  auto f13 = vkStruct<VkPhysicalDeviceVulkan13Features>(
      VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES);
  auto f11 = vkStruct<VkPhysicalDeviceVulkan11Features>(
      VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES);
  f11.pNext = &f13;
  auto supported =
      vkStruct<VkPhysicalDeviceFeatures2>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2);
  supported.pNext = &f11;
  vkGetPhysicalDeviceFeatures2(physical_, &supported);
  VRM_CHECK(f13.dynamicRendering && f13.synchronization2 && f11.multiview,
            "the Vulkan device lacks dynamicRendering, synchronization2 or multiview");
  // Multi-draw indirect merges hundreds of product draws into a handful of calls.
  VRM_CHECK(supported.features.multiDrawIndirect && supported.features.drawIndirectFirstInstance,
            "the Vulkan device lacks multiDrawIndirect or drawIndirectFirstInstance");

  auto e13 = vkStruct<VkPhysicalDeviceVulkan13Features>(
      VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES);
  e13.dynamicRendering = VK_TRUE;
  e13.synchronization2 = VK_TRUE;
  auto e11 = vkStruct<VkPhysicalDeviceVulkan11Features>(
      VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES);
  e11.multiview = VK_TRUE;
  e11.pNext = &e13;
  auto enabled = vkStruct<VkPhysicalDeviceFeatures2>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2);
  enabled.pNext = &e11;
  enabled.features.samplerAnisotropy = supported.features.samplerAnisotropy;
  enabled.features.multiDrawIndirect = VK_TRUE;
  enabled.features.drawIndirectFirstInstance = VK_TRUE;

  const float priority = 1.0F;
  auto queue = vkStruct<VkDeviceQueueCreateInfo>(VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO);
  queue.queueFamilyIndex = queueFamily_;
  queue.queueCount = 1;
  queue.pQueuePriorities = &priority;

  auto info = vkStruct<VkDeviceCreateInfo>(VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO);
  info.pNext = &enabled;
  info.queueCreateInfoCount = 1;
  info.pQueueCreateInfos = &queue;
  info.enabledExtensionCount = static_cast<uint32_t>(options.deviceExtensions.size());
  info.ppEnabledExtensionNames = options.deviceExtensions.data();
  if (options.external.createDevice) {
    device_ = options.external.createDevice(physical_, info);
    VRM_CHECK(device_ != VK_NULL_HANDLE, "the external device hook returned no device");
  } else {
    VRM_VK_CHECK(vkCreateDevice(physical_, &info, nullptr, &device_));
  }
  vkGetDeviceQueue(device_, queueFamily_, 0, &queue_);

  auto pool = vkStruct<VkCommandPoolCreateInfo>(VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO);
  pool.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
  pool.queueFamilyIndex = queueFamily_;
  VRM_VK_CHECK(vkCreateCommandPool(device_, &pool, nullptr, &uploadPool_));
}

uint32_t Context::findMemoryType(uint32_t typeBits, VkMemoryPropertyFlags required) const {
  for (uint32_t i = 0; i < memory_.memoryTypeCount; ++i) {
    if ((typeBits & (1U << i)) != 0 &&
        (memory_.memoryTypes[i].propertyFlags & required) == required) {
      return i;
    }
  }
  VRM_CHECK(false, "no Vulkan memory type with the required properties");
}

void Context::submitAndWait(const std::function<void(VkCommandBuffer)>& record) const {
  auto alloc =
      vkStruct<VkCommandBufferAllocateInfo>(VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO);
  alloc.commandPool = uploadPool_;
  alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  alloc.commandBufferCount = 1;
  VkCommandBuffer cmd = VK_NULL_HANDLE;
  VRM_VK_CHECK(vkAllocateCommandBuffers(device_, &alloc, &cmd));
  auto begin = vkStruct<VkCommandBufferBeginInfo>(VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO);
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  VRM_VK_CHECK(vkBeginCommandBuffer(cmd, &begin));
  record(cmd);
  VRM_VK_CHECK(vkEndCommandBuffer(cmd));
  auto submit = vkStruct<VkSubmitInfo>(VK_STRUCTURE_TYPE_SUBMIT_INFO);
  submit.commandBufferCount = 1;
  submit.pCommandBuffers = &cmd;
  VRM_VK_CHECK(vkQueueSubmit(queue_, 1, &submit, VK_NULL_HANDLE));
  VRM_VK_CHECK(vkQueueWaitIdle(queue_));
  vkFreeCommandBuffers(device_, uploadPool_, 1, &cmd);
}

VkBool32 Context::debugCallback(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                VkDebugUtilsMessageTypeFlagsEXT /*types*/,
                                const VkDebugUtilsMessengerCallbackDataEXT* data, void* user) {
  auto* self = static_cast<Context*>(user);
  std::lock_guard<std::mutex> lock(self->validationMutex_);
  const bool serious = severity >= VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT;
  if (severity >= VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT) {
    ++self->counts_.error;
  } else if (severity >= VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT) {
    ++self->counts_.warning;
  } else if (severity >= VK_DEBUG_UTILS_MESSAGE_SEVERITY_INFO_BIT_EXT) {
    ++self->counts_.info;
  } else {
    ++self->counts_.verbose;
  }
  if (serious) {
    const char* text = data != nullptr && data->pMessage != nullptr ? data->pMessage : "";
    if (self->messages_.size() < kMaxKeptMessages) self->messages_.emplace_back(text);
    if (self->printMessages_) std::cerr << "vulkan validation: " << text << "\n";
  }
  return VK_FALSE;
}

ValidationCounts Context::validationCounts() const {
  std::lock_guard<std::mutex> lock(validationMutex_);
  return counts_;
}

std::vector<std::string> Context::validationMessages() const {
  std::lock_guard<std::mutex> lock(validationMutex_);
  return messages_;
}

void Context::resetValidation() {
  std::lock_guard<std::mutex> lock(validationMutex_);
  counts_ = {};
  messages_.clear();
}

}  // namespace vrmall::engine
