// CPU mirrors of the GLSL blocks in shaders/common.glsl (std140 / std430). Keep in step.
#pragma once

#include <glm/glm.hpp>

namespace vrmall::engine {

struct FrameUniforms {
  glm::mat4 viewProj[2];
  glm::vec4 cameraPos[2];
  glm::vec4 lightPos[4];
  glm::vec4 lightColor[4];
  glm::vec4 skyColor;
  glm::vec4 groundColor;
  glm::vec4 params;  // light count, exposure
};
static_assert(sizeof(FrameUniforms) == 128 + 32 + 64 + 64 + 48, "std140 layout of FrameUniforms");

struct MaterialUniforms {
  glm::vec4 baseColorFactor;
  glm::vec4 emissiveFactor;
  glm::vec4 factors;  // metallic, roughness, normal scale, occlusion strength
  glm::vec4 flags;    // alpha cutoff, alpha mode, has normal map, unlit
  glm::ivec4 texCoordA;
  glm::ivec4 texCoordB;
  glm::vec4 uvTransform[10];
};
static_assert(sizeof(MaterialUniforms) == 256, "std140 layout of MaterialUniforms");

// One per drawn instance (std430): model matrix and the material-table index.
struct InstanceRecord {
  glm::mat4 model;
  glm::mat4 normal;  // inverse-transpose of the upper 3x3
  glm::uvec4 info;   // x: material index
};
static_assert(sizeof(InstanceRecord) == 144, "std430 layout of InstanceRecord");

}  // namespace vrmall::engine
