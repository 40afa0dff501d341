#include "vrmall/engine/vk_check.h"

#include <sstream>

namespace vrmall::engine {

const char* resultName(VkResult result) {
  switch (result) {
#define VRM_RESULT_CASE(r) \
  case r:                  \
    return #r;
    VRM_RESULT_CASE(VK_SUCCESS)
    VRM_RESULT_CASE(VK_NOT_READY)
    VRM_RESULT_CASE(VK_TIMEOUT)
    VRM_RESULT_CASE(VK_EVENT_SET)
    VRM_RESULT_CASE(VK_EVENT_RESET)
    VRM_RESULT_CASE(VK_INCOMPLETE)
    VRM_RESULT_CASE(VK_ERROR_OUT_OF_HOST_MEMORY)
    VRM_RESULT_CASE(VK_ERROR_OUT_OF_DEVICE_MEMORY)
    VRM_RESULT_CASE(VK_ERROR_INITIALIZATION_FAILED)
    VRM_RESULT_CASE(VK_ERROR_DEVICE_LOST)
    VRM_RESULT_CASE(VK_ERROR_MEMORY_MAP_FAILED)
    VRM_RESULT_CASE(VK_ERROR_LAYER_NOT_PRESENT)
    VRM_RESULT_CASE(VK_ERROR_EXTENSION_NOT_PRESENT)
    VRM_RESULT_CASE(VK_ERROR_FEATURE_NOT_PRESENT)
    VRM_RESULT_CASE(VK_ERROR_INCOMPATIBLE_DRIVER)
    VRM_RESULT_CASE(VK_ERROR_TOO_MANY_OBJECTS)
    VRM_RESULT_CASE(VK_ERROR_FORMAT_NOT_SUPPORTED)
    VRM_RESULT_CASE(VK_ERROR_FRAGMENTED_POOL)
    VRM_RESULT_CASE(VK_ERROR_OUT_OF_POOL_MEMORY)
    VRM_RESULT_CASE(VK_ERROR_SURFACE_LOST_KHR)
    VRM_RESULT_CASE(VK_ERROR_OUT_OF_DATE_KHR)
    VRM_RESULT_CASE(VK_SUBOPTIMAL_KHR)
#undef VRM_RESULT_CASE
    default:
      return "VK_ERROR_(unknown)";
  }
}

void throwVkError(VkResult result, const char* call, const char* file, int line) {
  std::ostringstream s;
  s << "Vulkan call failed: " << call << " returned " << resultName(result) << " ("
    << static_cast<int>(result) << ") at " << file << ":" << line;
  throw VulkanError(s.str(), result);
}

void throwCheck(const char* condition, const std::string& message, const char* file, int line) {
  std::ostringstream s;
  s << message << " [check failed: " << condition << " at " << file << ":" << line << "]";
  throw VulkanError(s.str(), VK_ERROR_UNKNOWN);
}

}  // namespace vrmall::engine
