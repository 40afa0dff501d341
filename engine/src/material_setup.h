// What GpuModel needs from the renderer to build material descriptor sets: the set layout and
// neutral textures for slots a material leaves empty (so the shader never branches on "has
// texture", except for the normal map).
#pragma once

#include <vulkan/vulkan.h>

namespace vrmall::engine {

struct MaterialSetup {
  VkDescriptorSetLayout layout = VK_NULL_HANDLE;
  VkImageView white = VK_NULL_HANDLE;       // base colour, metallic-roughness, occlusion, emissive
  VkImageView flatNormal = VK_NULL_HANDLE;  // (0.5, 0.5, 1)
  VkSampler defaultSampler = VK_NULL_HANDLE;
  float maxAnisotropy = 1.0F;  // 1 = anisotropic filtering off
  VkDeviceSize uniformAlignment = 256;
};

}  // namespace vrmall::engine
