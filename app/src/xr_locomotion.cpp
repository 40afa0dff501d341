#include "xr_locomotion.h"

#include <algorithm>
#include <cmath>
#include <glm/gtc/matrix_transform.hpp>

namespace vrmall::app {
namespace {

constexpr float kGravity = 9.81F;

glm::vec2 rotate(glm::vec2 v, float yaw) {
  // A rotation by `yaw` about +Y, seen on the (x, z) floor: x' = x cos + z sin, z' = -x sin + z
  // cos.
  const float c = std::cos(yaw), s = std::sin(yaw);
  return {v.x * c + v.y * s, -v.x * s + v.y * c};
}

}  // namespace

Locomotion::Locomotion(const WalkArea* area, LocomotionConfig config)
    : area_(area), config_(config) {}

glm::mat4 Locomotion::worldFromStage() const {
  return glm::rotate(glm::translate(glm::mat4(1.0F), origin()), yaw_, glm::vec3(0, 1, 0));
}

glm::vec3 Locomotion::headInWorld(const glm::vec3& headInStage) const {
  return glm::vec3(worldFromStage() * glm::vec4(headInStage, 1.0F));
}

void Locomotion::place(glm::vec2 positionXZ, float yawDeg, const glm::vec3& headInStage,
                       const glm::vec3& headForwardInStage) {
  // The store's facing for yawDeg, and the head's own heading in the space: turn the space so
  // the second becomes the first.
  const float want = std::atan2(std::sin(glm::radians(yawDeg)), std::cos(glm::radians(yawDeg)));
  const glm::vec2 f(headForwardInStage.x, headForwardInStage.z);
  const float have = glm::length(f) > 1e-4F ? std::atan2(f.x, f.y) : glm::pi<float>();
  // A +Y rotation by r turns heading angle atan2(x, z) into atan2(x, z) + r.
  yaw_ = want - have;
  const glm::vec2 head = rotate(glm::vec2(headInStage.x, headInStage.z), yaw_);
  origin_ = positionXZ - head;
}

void Locomotion::turn(float degrees, const glm::vec3& headInStage) {
  const glm::vec3 head = headInWorld(headInStage);
  yaw_ += glm::radians(degrees);
  const glm::vec2 h = rotate(glm::vec2(headInStage.x, headInStage.z), yaw_);
  origin_ = glm::vec2(head.x, head.z) - h;
}

TeleportArc Locomotion::arc(const glm::vec3& aimOrigin, const glm::vec3& aimDirection,
                            const glm::vec3& headInStage) const {
  TeleportArc out;
  const glm::vec3 v0 = glm::normalize(aimDirection) * config_.launchSpeed;
  constexpr float kStep = 1.0F / 30.0F;
  glm::vec3 previous = aimOrigin;
  out.points.push_back(previous);
  for (float t = kStep; t <= 2.0F; t += kStep) {
    const glm::vec3 p = aimOrigin + v0 * t + glm::vec3(0.0F, -0.5F * kGravity * t * t, 0.0F);
    if (p.y <= 0.0F) {
      // Where the segment crosses the floor.
      const float a = previous.y / std::max(1e-6F, previous.y - p.y);
      const glm::vec3 hit = previous + (p - previous) * a;
      out.points.push_back(hit);
      out.landing = glm::vec3(hit.x, 0.0F, hit.z);
      break;
    }
    out.points.push_back(p);
    previous = p;
  }
  out.valid = out.landing && canLandAt(glm::vec2(out.landing->x, out.landing->z), headInStage);
  return out;
}

bool Locomotion::canLandAt(glm::vec2 xz, const glm::vec3& headInStage) const {
  const glm::vec3 head = headInWorld(headInStage);
  if (glm::length(xz - glm::vec2(head.x, head.z)) > config_.maxTeleport) return false;
  return area_ == nullptr || area_->empty() || area_->clear(xz, config_.bodyRadius);
}

bool Locomotion::teleport(glm::vec2 xz, const glm::vec3& headInStage) {
  if (!canLandAt(xz, headInStage)) return false;
  const glm::vec3 head = headInWorld(headInStage);
  origin_ += xz - glm::vec2(head.x, head.z);
  return true;
}

float Locomotion::walk(glm::vec2 stick, const glm::vec3& headForwardWorld, float dt,
                       const glm::vec3& headInStage) {
  const float amount = std::min(1.0F, glm::length(stick));
  if (amount < 0.15F || dt <= 0.0F) return 0.0F;  // dead zone
  glm::vec2 forward(headForwardWorld.x, headForwardWorld.z);
  if (glm::length(forward) < 1e-4F) return 0.0F;
  forward = glm::normalize(forward);
  // Right of the heading on the floor: forward x up = (-z, x) in (x, z).
  const glm::vec2 right(-forward.y, forward.x);
  // Stick +y walks forward, +x walks right.
  const glm::vec2 dir = forward * stick.y + right * stick.x;
  const glm::vec2 delta = dir * (config_.smoothSpeed * dt);
  const glm::vec3 head = headInWorld(headInStage);
  const glm::vec2 from(head.x, head.z);
  const glm::vec2 to = area_ != nullptr && !area_->empty()
                           ? area_->move(from, delta, config_.bodyRadius)
                           : from + delta;
  origin_ += to - from;
  return glm::length(to - from) / dt;
}

float vignetteStrength(float speed, float maxSpeed) {
  if (maxSpeed <= 0.0F) return 0.0F;
  const float x = std::clamp(speed / maxSpeed, 0.0F, 1.0F);
  return x * x * (3.0F - 2.0F * x);  // smoothstep
}

}  // namespace vrmall::app
