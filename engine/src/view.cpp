#include "vrmall/engine/view.h"

#include <cmath>
#include <glm/gtc/matrix_transform.hpp>

namespace vrmall::engine {
namespace {

glm::mat4 vulkanPerspective(float fovY, float aspect, float zNear, float zFar) {
  glm::mat4 p =
      glm::perspective(fovY, aspect, zNear, zFar);  // depth 0..1 (GLM_FORCE_DEPTH_ZERO_TO_ONE)
  p[1][1] *= -1.0F;                                 // Vulkan's clip space has y pointing down
  return p;
}

}  // namespace

View View::lookAt(const glm::vec3& eye, const glm::vec3& target, float fovY, float aspect,
                  float zNear, float zFar) {
  View v;
  glm::vec3 up(0.0F, 1.0F, 0.0F);
  if (std::abs(glm::dot(glm::normalize(target - eye), up)) > 0.999F) up = {0.0F, 0.0F, -1.0F};
  v.view = glm::lookAt(eye, target, up);
  v.proj = vulkanPerspective(fovY, aspect, zNear, zFar);
  v.position = eye;
  return v;
}

View View::yawPitch(const glm::vec3& eye, float yawDeg, float pitchDeg, float fovY, float aspect,
                    float zNear, float zFar) {
  const float yaw = glm::radians(yawDeg);
  const float pitch = glm::radians(pitchDeg);
  const glm::vec3 forward(std::sin(yaw) * std::cos(pitch), std::sin(pitch),
                          std::cos(yaw) * std::cos(pitch));
  return lookAt(eye, eye + forward, fovY, aspect, zNear, zFar);
}

glm::mat4 View::projectionFromFov(float angleLeft, float angleRight, float angleUp, float angleDown,
                                  float zNear, float zFar) {
  const float l = std::tan(angleLeft);
  const float r = std::tan(angleRight);
  const float u = std::tan(angleUp);
  const float d = std::tan(angleDown);
  glm::mat4 p(0.0F);
  p[0][0] = 2.0F / (r - l);
  p[1][1] = -2.0F / (u - d);  // y down
  p[2][0] = (r + l) / (r - l);
  p[2][1] = -(u + d) / (u - d);
  p[2][2] = zFar / (zNear - zFar);
  p[2][3] = -1.0F;
  p[3][2] = zNear * zFar / (zNear - zFar);
  return p;
}

}  // namespace vrmall::engine
