// The Vulkan instance, device and queue every other engine object is created from. Headless by
// design: it needs no surface, so it runs on lavapipe in CI. Window and OpenXR targets add their
// instance/device extensions through ContextOptions.
#pragma once

#include <vulkan/vulkan.h>

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace vrmall::engine {

// Where the instance and device come from when someone else must create them: OpenXR's
// XR_KHR_vulkan_enable2 creates both from the create-infos the Context builds (adding what the
// runtime needs) and names the physical device the headset is attached to. Each one left empty
// means the Context's own way (vkCreateInstance, the best Vulkan 1.3 device, vkCreateDevice).
// A hook throws on failure; the Context still owns and destroys what it returns.
struct ExternalCreation {
  std::function<VkInstance(const VkInstanceCreateInfo&)> createInstance;
  std::function<VkPhysicalDevice(VkInstance)> physicalDevice;
  std::function<VkDevice(VkPhysicalDevice, const VkDeviceCreateInfo&)> createDevice;
};

struct ContextOptions {
  bool validation = false;         // enable VK_LAYER_KHRONOS_validation and count its messages
  bool requireValidation = false;  // fail when the layer is missing (tests) instead of warning
  std::vector<const char*> instanceExtensions;  // e.g. from glfwGetRequiredInstanceExtensions
  std::vector<const char*> deviceExtensions;    // e.g. VK_KHR_swapchain
  bool printValidationMessages = true;          // echo warning/error messages to stderr
  ExternalCreation external;
};

// Validation messages seen since the context was made, by severity.
struct ValidationCounts {
  uint32_t verbose = 0;
  uint32_t info = 0;
  uint32_t warning = 0;
  uint32_t error = 0;
};

class Context {
 public:
  explicit Context(const ContextOptions& options = {});
  ~Context();
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  VkInstance instance() const { return instance_; }
  VkPhysicalDevice physicalDevice() const { return physical_; }
  VkDevice device() const { return device_; }
  VkQueue queue() const { return queue_; }
  uint32_t queueFamily() const { return queueFamily_; }
  const VkPhysicalDeviceProperties& properties() const { return properties_; }
  bool validationEnabled() const { return validationEnabled_; }
  std::string deviceName() const { return properties_.deviceName; }

  // Memory type with all `required` flags among `typeBits`; throws when there is none.
  uint32_t findMemoryType(uint32_t typeBits, VkMemoryPropertyFlags required) const;

  // Record with `record` into a one-time command buffer, submit, and wait. For uploads at load
  // time only; frames use the renderer's own command buffers.
  void submitAndWait(const std::function<void(VkCommandBuffer)>& record) const;

  ValidationCounts validationCounts() const;
  // Warning and error message texts (capped), for test failure output.
  std::vector<std::string> validationMessages() const;
  void resetValidation();

 private:
  static VkBool32 VKAPI_PTR debugCallback(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                          VkDebugUtilsMessageTypeFlagsEXT types,
                                          const VkDebugUtilsMessengerCallbackDataEXT* data,
                                          void* user);
  void createInstance(const ContextOptions& options);
  void pickDevice(const ContextOptions& options);
  void pickBestDevice();
  void release();
  void createDevice(const ContextOptions& options);

  VkInstance instance_ = VK_NULL_HANDLE;
  VkDebugUtilsMessengerEXT messenger_ = VK_NULL_HANDLE;
  VkPhysicalDevice physical_ = VK_NULL_HANDLE;
  VkDevice device_ = VK_NULL_HANDLE;
  VkQueue queue_ = VK_NULL_HANDLE;
  uint32_t queueFamily_ = 0;
  VkCommandPool uploadPool_ = VK_NULL_HANDLE;
  VkPhysicalDeviceProperties properties_{};
  VkPhysicalDeviceMemoryProperties memory_{};
  bool validationEnabled_ = false;
  bool printMessages_ = true;

  mutable std::mutex validationMutex_;
  ValidationCounts counts_;
  std::vector<std::string> messages_;
};

}  // namespace vrmall::engine
