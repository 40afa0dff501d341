// OpenXR poses and fields of view as the renderer's matrices. OpenXR spaces are right-handed,
// +Y up, -Z forward, metres, like the store's world; `worldFromStage` is the shopper's
// locomotion (where the tracking space stands in the store, turned about +Y), so an eye's world
// pose is worldFromStage * pose.
#pragma once

#include <openxr/openxr.h>

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

#include "vrmall/engine/view.h"

namespace vrmall::engine::xr {

inline glm::vec3 toGlm(const XrVector3f& v) {
  return {v.x, v.y, v.z};
}
inline glm::quat toGlm(const XrQuaternionf& q) {
  return {q.w, q.x, q.y, q.z};  // glm::quat's constructor takes w first
}
inline XrVector3f toXr(const glm::vec3& v) {
  return {v.x, v.y, v.z};
}
inline XrQuaternionf toXr(const glm::quat& q) {
  return {q.x, q.y, q.z, q.w};
}

// The pose's rigid transform (rotation then translation): parent-from-pose.
glm::mat4 poseMatrix(const XrPosef& pose);
// A pose from a rigid transform (its rotation part must be orthonormal).
XrPosef poseFromMatrix(const glm::mat4& m);
XrPosef identityPose();

// One eye as the renderer wants it: the view matrix (eye-from-world), the asymmetric projection
// of `fov` (never a symmetric one: headset lenses are off-centre) and the eye's world position.
View eyeView(const XrPosef& eyePose, const XrFovf& fov, const glm::mat4& worldFromStage,
             float zNear, float zFar);

// A ray along the pose's -Z (its forward), in world space: head gaze, eye gaze, controller aim.
struct WorldRay {
  glm::vec3 origin{0.0F};
  glm::vec3 direction{0.0F, 0.0F, -1.0F};  // unit length
};
WorldRay forwardRay(const XrPosef& pose, const glm::mat4& worldFromStage);

// The shortest rotation taking unit vector `from` onto unit vector `to`.
glm::quat rotationBetween(const glm::vec3& from, const glm::vec3& to);

// The locomotion transform: the tracking space's origin at `position` in the store, turned by
// `yawRad` about +Y (yaw 0: the space's -Z is the store's -Z).
glm::mat4 worldFromStage(const glm::vec3& position, float yawRad);

}  // namespace vrmall::engine::xr
