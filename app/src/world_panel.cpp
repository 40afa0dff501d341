#include "world_panel.h"

#include <cmath>
#include <glm/gtc/matrix_transform.hpp>

namespace vrmall::app {

void WorldPanel::placeInFront(const glm::vec3& headWorld, const glm::vec3& headForwardWorld,
                              float distance, float drop, float tiltDeg) {
  glm::vec2 f(headForwardWorld.x, headForwardWorld.z);
  f = glm::length(f) > 1e-4F ? glm::normalize(f) : glm::vec2(0.0F, -1.0F);
  const glm::vec3 centre =
      headWorld + glm::vec3(f.x, 0.0F, f.y) * distance - glm::vec3(0.0F, drop, 0.0F);
  // The panel's +Z points back at the viewer: heading of -f.
  const float yaw = std::atan2(-f.x, -f.y);
  glm::mat4 m = glm::translate(glm::mat4(1.0F), centre);
  m = glm::rotate(m, yaw, glm::vec3(0, 1, 0));
  // Top leans away, so the face looks up at eyes above it.
  m = glm::rotate(m, -glm::radians(tiltDeg), glm::vec3(1, 0, 0));
  worldFromPanel_ = m;
}

std::optional<PanelHit> WorldPanel::hit(const PointerRay& ray) const {
  const glm::mat4 panelFromWorld = glm::inverse(worldFromPanel_);
  const glm::vec3 o = glm::vec3(panelFromWorld * glm::vec4(ray.origin, 1.0F));
  const glm::vec3 d = glm::vec3(panelFromWorld * glm::vec4(ray.direction, 0.0F));
  // Only from the front (+Z side), travelling towards it.
  if (o.z <= 0.0F || d.z >= -1e-6F) return std::nullopt;
  const float t = -o.z / d.z;
  const glm::vec3 p = o + d * t;
  const glm::vec2 half = size_ * 0.5F;
  if (std::abs(p.x) > half.x || std::abs(p.y) > half.y) return std::nullopt;
  PanelHit h;
  h.pixel = {(p.x + half.x) / size_.x * static_cast<float>(pixels_.x),
             (half.y - p.y) / size_.y * static_cast<float>(pixels_.y)};
  h.distance = t;
  return h;
}

}  // namespace vrmall::app
