// The desktop shopper's eyes: walks on the floor at eye height with W/A/S/D (through the
// WalkArea, so shelves and walls stop and slide the body), turns with the mouse while looking
// is on (captured mouse or right button held) or with the arrow keys, and zooms with the wheel.
// Zoomed in on a selected product it turns to frame it, like stepping closer to inspect.
#pragma once

#include <glm/vec3.hpp>
#include <optional>

#include "frame_input.h"
#include "vrmall/engine/view.h"
#include "walk_area.h"

namespace vrmall::app {

struct WalkerSettings {
  float walkSpeed = 2.0F;          // m/s (Shift: twice)
  float turnSpeedDeg = 90.0F;      // arrow keys, deg/s
  float mouseDegPerPixel = 0.15F;  // mouse look
  float bodyRadius = 0.25F;
  float fovDeg = 65.0F;
  float maxZoom = 4.0F;
};

class WalkerCamera {
 public:
  WalkerCamera(glm::vec3 eye, float yawDeg, float pitchDeg, WalkerSettings settings = {})
      : eye_(eye), yaw_(yawDeg), pitch_(pitchDeg), settings_(settings) {}

  // `look`: mouse motion turns the view this frame. `focus`: a point to turn towards while zoomed
  // in (the selected product), if any.
  void update(const FrameInput& in, float dt, bool look, bool keyboard, const WalkArea& area,
              const std::optional<glm::vec3>& focus);

  engine::View view(float aspect) const;
  glm::vec3 eye() const { return eye_; }
  float yawDeg() const { return yaw_; }
  float pitchDeg() const { return pitch_; }
  float zoom() const { return zoom_; }
  void setZoom(float z);

 private:
  glm::vec3 eye_;
  float yaw_, pitch_;
  float zoom_ = 1.0F;
  WalkerSettings settings_;
};

}  // namespace vrmall::app
