// Products the guide moves onto a shelf grow in over a third of a second instead of popping in,
// so a change at the edge of the shopper's view reads as "new here" rather than a glitch. The
// animator owns nothing but timers; it writes instance transforms in the scene each frame.
#pragma once

#include <glm/mat4x4.hpp>
#include <map>

#include "vrmall/engine/scene.h"

namespace vrmall::app {

class SlotAnimator {
 public:
  explicit SlotAnimator(float seconds = 0.35F) : seconds_(seconds) {}

  // `instance` now shows a new product placed at `finalTransform`: animate it in.
  void start(engine::InstanceId instance, const glm::mat4& finalTransform);
  // Advances every animation by dt and writes the transforms; finished ones end exactly at
  // their final transform.
  void update(engine::Scene& scene, float dt);
  size_t active() const { return running_.size(); }
  // The scale an animation shows `t` seconds in (0 -> 1 with a small overshoot), for tests.
  static float scaleAt(float t, float seconds);

 private:
  struct Running {
    glm::mat4 finalTransform;
    float t = 0.0F;
  };
  float seconds_;
  std::map<engine::InstanceId, Running> running_;
};

}  // namespace vrmall::app
