#include "vrmall/engine/xr/xr_math.h"

#include <glm/gtc/matrix_transform.hpp>

namespace vrmall::engine::xr {

glm::mat4 poseMatrix(const XrPosef& pose) {
  glm::mat4 m = glm::mat4_cast(glm::normalize(toGlm(pose.orientation)));
  m[3] = glm::vec4(toGlm(pose.position), 1.0F);
  return m;
}

XrPosef poseFromMatrix(const glm::mat4& m) {
  XrPosef p;
  p.orientation = toXr(glm::normalize(glm::quat_cast(glm::mat3(m))));
  p.position = toXr(glm::vec3(m[3]));
  return p;
}

XrPosef identityPose() {
  XrPosef p;
  p.orientation = {0.0F, 0.0F, 0.0F, 1.0F};
  p.position = {0.0F, 0.0F, 0.0F};
  return p;
}

View eyeView(const XrPosef& eyePose, const XrFovf& fov, const glm::mat4& worldFromStage,
             float zNear, float zFar) {
  const glm::mat4 worldFromEye = worldFromStage * poseMatrix(eyePose);
  View v;
  // A rigid transform's inverse: transpose the rotation, rotate the negated translation back.
  const glm::mat3 r(worldFromEye);
  const glm::mat3 rt = glm::transpose(r);
  const glm::vec3 t(worldFromEye[3]);
  v.view = glm::mat4(rt);
  v.view[3] = glm::vec4(-(rt * t), 1.0F);
  v.proj = View::projectionFromFov(fov.angleLeft, fov.angleRight, fov.angleUp, fov.angleDown, zNear,
                                   zFar);
  v.position = t;
  return v;
}

WorldRay forwardRay(const XrPosef& pose, const glm::mat4& worldFromStage) {
  const glm::mat4 world = worldFromStage * poseMatrix(pose);
  WorldRay ray;
  ray.origin = glm::vec3(world[3]);
  ray.direction = glm::normalize(-glm::vec3(world[2]));
  return ray;
}

glm::quat rotationBetween(const glm::vec3& from, const glm::vec3& to) {
  const glm::vec3 a = glm::normalize(from), b = glm::normalize(to);
  const float d = glm::dot(a, b);
  if (d < -0.99999F) {
    // Opposite: half a turn about any axis perpendicular to `a`.
    glm::vec3 axis = glm::cross(glm::vec3(1, 0, 0), a);
    if (glm::length(axis) < 1e-4F) axis = glm::cross(glm::vec3(0, 1, 0), a);
    return glm::angleAxis(glm::pi<float>(), glm::normalize(axis));
  }
  const glm::vec3 c = glm::cross(a, b);
  return glm::normalize(glm::quat(1.0F + d, c.x, c.y, c.z));
}

glm::mat4 worldFromStage(const glm::vec3& position, float yawRad) {
  return glm::rotate(glm::translate(glm::mat4(1.0F), position), yawRad, glm::vec3(0, 1, 0));
}

}  // namespace vrmall::engine::xr
