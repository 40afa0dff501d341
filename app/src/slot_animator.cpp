#include "slot_animator.h"

#include <algorithm>
#include <cmath>
#include <glm/gtc/matrix_transform.hpp>

namespace vrmall::app {

float SlotAnimator::scaleAt(float t, float seconds) {
  if (seconds <= 0.0F || t >= seconds) return 1.0F;
  const float x = std::clamp(t / seconds, 0.0F, 1.0F) - 1.0F;
  // easeOutBack: reaches 1 with a ~5% overshoot, which reads as the product settling in place.
  constexpr float c = 1.2F;
  return std::max(0.0F, 1.0F + (c + 1.0F) * x * x * x + c * x * x);
}

void SlotAnimator::start(engine::InstanceId instance, const glm::mat4& finalTransform) {
  running_[instance] = Running{finalTransform, 0.0F};
}

void SlotAnimator::update(engine::Scene& scene, float dt) {
  for (auto it = running_.begin(); it != running_.end();) {
    Running& r = it->second;
    r.t += dt;
    engine::Instance& instance = scene.instance(it->first);
    if (r.t >= seconds_) {
      instance.transform = r.finalTransform;
      it = running_.erase(it);
      continue;
    }
    // Product origins are the bottom-centre of their bounds, so scaling in model space grows the
    // product out of its shelf spot.
    const float s = std::max(1e-3F, scaleAt(r.t, seconds_));
    instance.transform = glm::scale(r.finalTransform, glm::vec3(s));
    ++it;
  }
}

}  // namespace vrmall::app
