// Zero-initialised Vulkan info structs with sType set: `auto info = vkStruct<VkFooInfo>(TYPE);`.
// Keeps -Wmissing-field-initializers quiet without listing every member.
#pragma once

#include <vulkan/vulkan.h>

namespace vrmall::engine {

template <typename T>
T vkStruct(VkStructureType type) {
  T s{};
  s.sType = type;
  return s;
}

}  // namespace vrmall::engine
