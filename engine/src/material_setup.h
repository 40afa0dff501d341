// What GpuModel needs from the renderer to register materials: the texture set layout, neutral
// textures for empty slots, and the global material table the shaders index per instance.
#pragma once

#include <vulkan/vulkan.h>

#include <vector>

#include "gpu_layouts.h"

namespace vrmall::engine {

struct MaterialSetup {
  VkDescriptorSetLayout textureLayout = VK_NULL_HANDLE;
  VkImageView white = VK_NULL_HANDLE;       // base colour, metallic-roughness, occlusion, emissive
  VkImageView flatNormal = VK_NULL_HANDLE;  // (0.5, 0.5, 1)
  float maxAnisotropy = 1.0F;               // 1 = anisotropic filtering off
  // Every material of every model, indexed by MaterialUniforms position (the shader's
  // materials[] storage buffer). Models append to it; the renderer uploads it.
  std::vector<MaterialUniforms>* table = nullptr;
};

}  // namespace vrmall::engine
