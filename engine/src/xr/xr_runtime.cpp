#include "vrmall/engine/xr/xr_runtime.h"

#include <algorithm>
#include <cstring>
#include <iostream>

#include "vrmall/engine/vk_check.h"
#include "vrmall/engine/xr/xr_check.h"
#include "vrmall/engine/xr/xr_struct.h"
#include "xr_extensions.h"

namespace vrmall::engine::xr {
namespace {

constexpr size_t kMaxKeptMessages = 64;

std::vector<std::string> availableExtensions() {
  uint32_t count = 0;
  VRM_XR_CHECK(xrEnumerateInstanceExtensionProperties(nullptr, 0, &count, nullptr));
  std::vector<XrExtensionProperties> props(
      count, xrStruct<XrExtensionProperties>(XR_TYPE_EXTENSION_PROPERTIES));
  VRM_XR_CHECK(xrEnumerateInstanceExtensionProperties(nullptr, count, &count, props.data()));
  std::vector<std::string> names;
  for (const auto& p : props) names.emplace_back(p.extensionName);
  return names;
}

}  // namespace

template <class Fn>
Fn Runtime::proc(const char* name) const {
  PFN_xrVoidFunction f = nullptr;
  const XrResult r = xrGetInstanceProcAddr(instance_, name, &f);
  if (XR_FAILED(r) || f == nullptr) {
    throwXrError(XR_FAILED(r) ? r : XR_ERROR_FUNCTION_UNSUPPORTED, name, __FILE__, __LINE__);
  }
  return reinterpret_cast<Fn>(f);
}

Runtime::Runtime(const RuntimeOptions& options) : printMessages_(options.printMessages) {
  const std::vector<std::string> available = availableExtensions();
  const auto has = [&](const char* name) {
    return std::find(available.begin(), available.end(), name) != available.end();
  };
  if (!has(XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME)) {
    throwXrError(XR_ERROR_EXTENSION_NOT_PRESENT,
                 "xrEnumerateInstanceExtensionProperties (no " XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME
                 ")",
                 __FILE__, __LINE__);
  }
  enabled_.push_back(XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME);
  if (options.eyeGaze && has(XR_EXT_EYE_GAZE_INTERACTION_EXTENSION_NAME)) {
    enabled_.push_back(XR_EXT_EYE_GAZE_INTERACTION_EXTENSION_NAME);
    eyeGaze_ = true;
  }
  if (options.depthLayer && has(XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME)) {
    enabled_.push_back(XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME);
    depthLayer_ = true;
  }
  if (has(kLocalFloorExtensionName)) {
    enabled_.push_back(kLocalFloorExtensionName);
    localFloor_ = true;
  }
  const bool debugUtils = has(XR_EXT_DEBUG_UTILS_EXTENSION_NAME);
  if (debugUtils) enabled_.push_back(XR_EXT_DEBUG_UTILS_EXTENSION_NAME);

  std::vector<const char*> names;
  for (const auto& e : enabled_) names.push_back(e.c_str());
  auto info = xrStruct<XrInstanceCreateInfo>(XR_TYPE_INSTANCE_CREATE_INFO);
  std::strncpy(info.applicationInfo.applicationName, options.applicationName.c_str(),
               XR_MAX_APPLICATION_NAME_SIZE - 1);
  info.applicationInfo.applicationVersion = 1;
  std::strncpy(info.applicationInfo.engineName, "vrmall_engine", XR_MAX_ENGINE_NAME_SIZE - 1);
  info.applicationInfo.engineVersion = 1;
  info.applicationInfo.apiVersion = XR_MAKE_VERSION(1, 0, 0);  // what this app is written to
  info.enabledExtensionCount = static_cast<uint32_t>(names.size());
  info.enabledExtensionNames = names.data();
  // Messages from instance creation itself (the validation layer checks it too).
  auto messenger =
      xrStruct<XrDebugUtilsMessengerCreateInfoEXT>(XR_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT);
  messenger.messageSeverities = XR_DEBUG_UTILS_MESSAGE_SEVERITY_INFO_BIT_EXT |
                                XR_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT |
                                XR_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
  messenger.messageTypes = XR_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT |
                           XR_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                           XR_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT |
                           XR_DEBUG_UTILS_MESSAGE_TYPE_CONFORMANCE_BIT_EXT;
  messenger.userCallback = &Runtime::debugCallback;
  messenger.userData = this;
  if (debugUtils) info.next = &messenger;
  VRM_XR_CHECK(xrCreateInstance(&info, &instance_));

  try {
    if (debugUtils) {
      auto create = proc<PFN_xrCreateDebugUtilsMessengerEXT>("xrCreateDebugUtilsMessengerEXT");
      VRM_XR_CHECK(create(instance_, &messenger, &messenger_));
    }
    auto props = xrStruct<XrInstanceProperties>(XR_TYPE_INSTANCE_PROPERTIES);
    VRM_XR_CHECK(xrGetInstanceProperties(instance_, &props));
    runtimeName_ = props.runtimeName;
    runtimeVersion_ = props.runtimeVersion;

    auto systemInfo = xrStruct<XrSystemGetInfo>(XR_TYPE_SYSTEM_GET_INFO);
    systemInfo.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
    VRM_XR_CHECK(xrGetSystem(instance_, &systemInfo, &system_));

    auto eyeProps = xrStruct<XrSystemEyeGazeInteractionPropertiesEXT>(
        XR_TYPE_SYSTEM_EYE_GAZE_INTERACTION_PROPERTIES_EXT);
    auto systemProps = xrStruct<XrSystemProperties>(XR_TYPE_SYSTEM_PROPERTIES);
    if (eyeGaze_) systemProps.next = &eyeProps;
    VRM_XR_CHECK(xrGetSystemProperties(instance_, system_, &systemProps));
    systemName_ = systemProps.systemName;
    eyeGazeSupported_ = eyeGaze_ && eyeProps.supportsEyeGazeInteraction == XR_TRUE;

    uint32_t viewCount = 0;
    VRM_XR_CHECK(xrEnumerateViewConfigurationViews(
        instance_, system_, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 0, &viewCount, nullptr));
    views_.assign(viewCount, xrStruct<XrViewConfigurationView>(XR_TYPE_VIEW_CONFIGURATION_VIEW));
    VRM_XR_CHECK(xrEnumerateViewConfigurationViews(instance_, system_,
                                                   XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO,
                                                   viewCount, &viewCount, views_.data()));
    if (views_.size() != 2) {
      throwXrError(XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED,
                   "xrEnumerateViewConfigurationViews (primary stereo without two views)", __FILE__,
                   __LINE__);
    }

    // Opaque first: a store is a full virtual environment; the runtime's first otherwise.
    uint32_t blendCount = 0;
    VRM_XR_CHECK(xrEnumerateEnvironmentBlendModes(
        instance_, system_, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 0, &blendCount, nullptr));
    std::vector<XrEnvironmentBlendMode> blends(blendCount);
    VRM_XR_CHECK(xrEnumerateEnvironmentBlendModes(instance_, system_,
                                                  XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO,
                                                  blendCount, &blendCount, blends.data()));
    if (!blends.empty()) {
      blendMode_ =
          std::find(blends.begin(), blends.end(), XR_ENVIRONMENT_BLEND_MODE_OPAQUE) != blends.end()
              ? XR_ENVIRONMENT_BLEND_MODE_OPAQUE
              : blends.front();
    }
  } catch (...) {
    if (messenger_ != XR_NULL_HANDLE) {
      auto destroy = proc<PFN_xrDestroyDebugUtilsMessengerEXT>("xrDestroyDebugUtilsMessengerEXT");
      destroy(messenger_);
    }
    xrDestroyInstance(instance_);
    throw;
  }
}

Runtime::~Runtime() {
  if (messenger_ != XR_NULL_HANDLE) {
    PFN_xrVoidFunction f = nullptr;
    if (XR_SUCCEEDED(xrGetInstanceProcAddr(instance_, "xrDestroyDebugUtilsMessengerEXT", &f)) &&
        f != nullptr) {
      reinterpret_cast<PFN_xrDestroyDebugUtilsMessengerEXT>(f)(messenger_);
    }
  }
  if (instance_ != XR_NULL_HANDLE) xrDestroyInstance(instance_);
}

std::string Runtime::runtimeVersion() const {
  return std::to_string(XR_VERSION_MAJOR(runtimeVersion_)) + "." +
         std::to_string(XR_VERSION_MINOR(runtimeVersion_)) + "." +
         std::to_string(XR_VERSION_PATCH(runtimeVersion_));
}

void Runtime::refreshSystem() {
  auto systemInfo = xrStruct<XrSystemGetInfo>(XR_TYPE_SYSTEM_GET_INFO);
  systemInfo.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
  VRM_XR_CHECK(xrGetSystem(instance_, &systemInfo, &system_));
}

bool Runtime::extensionEnabled(const char* name) const {
  return std::find(enabled_.begin(), enabled_.end(), name) != enabled_.end();
}

ExternalCreation Runtime::vulkanCreation() {
  ExternalCreation c;
  c.createInstance = [this](const VkInstanceCreateInfo& vkInfo) {
    // The runtime's supported Vulkan range: the engine needs 1.3.
    auto requirements =
        proc<PFN_xrGetVulkanGraphicsRequirements2KHR>("xrGetVulkanGraphicsRequirements2KHR");
    auto req =
        xrStruct<XrGraphicsRequirementsVulkan2KHR>(XR_TYPE_GRAPHICS_REQUIREMENTS_VULKAN2_KHR);
    VRM_XR_CHECK(requirements(instance_, system_, &req));
    const XrVersion wanted = XR_MAKE_VERSION(1, 3, 0);
    if (wanted < req.minApiVersionSupported) {
      throwXrError(
          XR_ERROR_GRAPHICS_DEVICE_INVALID,
          "xrGetVulkanGraphicsRequirements2KHR (the runtime needs a Vulkan newer than 1.3)",
          __FILE__, __LINE__);
    }
    auto create = proc<PFN_xrCreateVulkanInstanceKHR>("xrCreateVulkanInstanceKHR");
    auto info = xrStruct<XrVulkanInstanceCreateInfoKHR>(XR_TYPE_VULKAN_INSTANCE_CREATE_INFO_KHR);
    info.systemId = system_;
    info.pfnGetInstanceProcAddr = &vkGetInstanceProcAddr;
    info.vulkanCreateInfo = &vkInfo;
    VkInstance vkInstance = VK_NULL_HANDLE;
    VkResult vkResult = VK_SUCCESS;
    VRM_XR_CHECK(create(instance_, &info, &vkInstance, &vkResult));
    if (vkResult != VK_SUCCESS) {
      throwVkError(vkResult, "xrCreateVulkanInstanceKHR -> vkCreateInstance", __FILE__, __LINE__);
    }
    return vkInstance;
  };
  c.physicalDevice = [this](VkInstance vkInstance) {
    auto get = proc<PFN_xrGetVulkanGraphicsDevice2KHR>("xrGetVulkanGraphicsDevice2KHR");
    auto info =
        xrStruct<XrVulkanGraphicsDeviceGetInfoKHR>(XR_TYPE_VULKAN_GRAPHICS_DEVICE_GET_INFO_KHR);
    info.systemId = system_;
    info.vulkanInstance = vkInstance;
    VkPhysicalDevice physical = VK_NULL_HANDLE;
    VRM_XR_CHECK(get(instance_, &info, &physical));
    return physical;
  };
  c.createDevice = [this](VkPhysicalDevice physical, const VkDeviceCreateInfo& vkInfo) {
    auto create = proc<PFN_xrCreateVulkanDeviceKHR>("xrCreateVulkanDeviceKHR");
    auto info = xrStruct<XrVulkanDeviceCreateInfoKHR>(XR_TYPE_VULKAN_DEVICE_CREATE_INFO_KHR);
    info.systemId = system_;
    info.pfnGetInstanceProcAddr = &vkGetInstanceProcAddr;
    info.vulkanPhysicalDevice = physical;
    info.vulkanCreateInfo = &vkInfo;
    VkDevice device = VK_NULL_HANDLE;
    VkResult vkResult = VK_SUCCESS;
    VRM_XR_CHECK(create(instance_, &info, &device, &vkResult));
    if (vkResult != VK_SUCCESS) {
      throwVkError(vkResult, "xrCreateVulkanDeviceKHR -> vkCreateDevice", __FILE__, __LINE__);
    }
    return device;
  };
  return c;
}

XrPath Runtime::path(const std::string& text) const {
  XrPath p = XR_NULL_PATH;
  VRM_XR_CHECK(xrStringToPath(instance_, text.c_str(), &p));
  return p;
}

std::string Runtime::pathString(XrPath p) const {
  if (p == XR_NULL_PATH) return "";
  uint32_t count = 0;
  VRM_XR_CHECK(xrPathToString(instance_, p, 0, &count, nullptr));
  std::string s(count, '\0');
  VRM_XR_CHECK(xrPathToString(instance_, p, count, &count, s.data()));
  if (!s.empty() && s.back() == '\0') s.pop_back();
  return s;
}

bool Runtime::pollEvent(XrEventDataBuffer& event) const {
  event = xrStruct<XrEventDataBuffer>(XR_TYPE_EVENT_DATA_BUFFER);
  const XrResult r = xrPollEvent(instance_, &event);
  if (r == XR_EVENT_UNAVAILABLE) return false;
  VRM_XR_CHECK(r);
  return true;
}

XrBool32 Runtime::debugCallback(XrDebugUtilsMessageSeverityFlagsEXT severity,
                                XrDebugUtilsMessageTypeFlagsEXT /*types*/,
                                const XrDebugUtilsMessengerCallbackDataEXT* data, void* user) {
  auto* self = static_cast<Runtime*>(user);
  std::lock_guard<std::mutex> lock(self->messageMutex_);
  const bool serious = (severity & (XR_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT |
                                    XR_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT)) != 0;
  if ((severity & XR_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT) != 0) {
    ++self->counts_.error;
  } else if ((severity & XR_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT) != 0) {
    ++self->counts_.warning;
  } else {
    ++self->counts_.info;
  }
  if (serious) {
    std::string text = data != nullptr && data->message != nullptr ? data->message : "";
    if (data != nullptr && data->functionName != nullptr) {
      text = std::string(data->functionName) + ": " + text;
    }
    if (self->messages_.size() < kMaxKeptMessages) self->messages_.push_back(text);
    if (self->printMessages_) std::cerr << "openxr: " << text << "\n";
  }
  return XR_FALSE;
}

XrMessageCounts Runtime::messageCounts() const {
  std::lock_guard<std::mutex> lock(messageMutex_);
  return counts_;
}

std::vector<std::string> Runtime::messages() const {
  std::lock_guard<std::mutex> lock(messageMutex_);
  return messages_;
}

}  // namespace vrmall::engine::xr
