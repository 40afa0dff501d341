// One eye or camera: what the renderer needs per view. A desktop or headless frame has one, an
// XR frame two (OpenXR gives each eye's pose and field of view).
#pragma once

#include <glm/glm.hpp>

namespace vrmall::engine {

struct View {
  glm::mat4 view{1.0F};
  glm::mat4 proj{1.0F};  // Vulkan clip space: y down, depth 0..1
  glm::vec3 position{0.0F};

  glm::mat4 viewProj() const { return proj * view; }

  // Perspective camera at `eye` looking at `target` (+y up); fovY in radians.
  static View lookAt(const glm::vec3& eye, const glm::vec3& target, float fovY, float aspect,
                     float zNear = 0.05F, float zFar = 200.0F);
  // Camera at `eye` with yaw and pitch in degrees, in the store layout's convention: yaw about +Y,
  // 0 looks towards +Z and 90 towards +X; pitch up positive.
  static View yawPitch(const glm::vec3& eye, float yawDeg, float pitchDeg, float fovY, float aspect,
                       float zNear = 0.05F, float zFar = 200.0F);
  // Asymmetric frustum from OpenXR-style half-angles (radians; left/down negative).
  static glm::mat4 projectionFromFov(float angleLeft, float angleRight, float angleUp,
                                     float angleDown, float zNear, float zFar);
};

}  // namespace vrmall::engine
