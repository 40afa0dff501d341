// Error handling for Vulkan calls. Like OpenXR's hello_xr CHECK_XRCMD, a failing call throws an
// exception that carries the call's text, the VkResult, and the file and line it came from, so a
// log line alone says what failed where.
#pragma once

#include <vulkan/vulkan.h>

#include <stdexcept>
#include <string>

namespace vrmall::engine {

// Thrown for any failed Vulkan call and for engine preconditions (VRM_CHECK).
class VulkanError : public std::runtime_error {
 public:
  VulkanError(const std::string& what, VkResult result)
      : std::runtime_error(what), result_(result) {}
  VkResult result() const { return result_; }

 private:
  VkResult result_;
};

// Name of a VkResult ("VK_ERROR_OUT_OF_DEVICE_MEMORY"), for messages.
const char* resultName(VkResult result);

[[noreturn]] void throwVkError(VkResult result, const char* call, const char* file, int line);
[[noreturn]] void throwCheck(const char* condition, const std::string& message, const char* file,
                             int line);

}  // namespace vrmall::engine

// Call a Vulkan function; throw VulkanError naming the call, file and line unless VK_SUCCESS.
#define VRM_VK_CHECK(call)                                                    \
  do {                                                                        \
    const VkResult vrm_result_ = (call);                                      \
    if (vrm_result_ != VK_SUCCESS) {                                          \
      ::vrmall::engine::throwVkError(vrm_result_, #call, __FILE__, __LINE__); \
    }                                                                         \
  } while (false)

// Engine precondition: throw VulkanError with the condition, a message, file and line.
#define VRM_CHECK(condition, message)                                          \
  do {                                                                         \
    if (!(condition)) {                                                        \
      ::vrmall::engine::throwCheck(#condition, (message), __FILE__, __LINE__); \
    }                                                                          \
  } while (false)
