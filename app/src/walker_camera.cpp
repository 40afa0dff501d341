#include "walker_camera.h"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>
#include <glm/geometric.hpp>
#include <glm/trigonometric.hpp>

namespace vrmall::app {

void WalkerCamera::setZoom(float z) {
  zoom_ = std::clamp(z, 1.0F, settings_.maxZoom);
}

void WalkerCamera::update(const FrameInput& in, float dt, bool look, bool keyboard,
                          const WalkArea& area, const std::optional<glm::vec3>& focus) {
  if (look) {
    // Zoomed in, the same hand motion should move the view as much on screen: scale by 1/zoom.
    yaw_ -= in.cursorDelta.x * settings_.mouseDegPerPixel / zoom_;
    pitch_ -= in.cursorDelta.y * settings_.mouseDegPerPixel / zoom_;
  }
  if (keyboard) {
    const float turn = settings_.turnSpeedDeg * dt;
    if (in.down(GLFW_KEY_LEFT)) yaw_ += turn;
    if (in.down(GLFW_KEY_RIGHT)) yaw_ -= turn;
    if (in.down(GLFW_KEY_UP)) pitch_ += turn;
    if (in.down(GLFW_KEY_DOWN)) pitch_ -= turn;
  }
  if (in.scroll != 0.0F) setZoom(zoom_ * std::pow(1.25F, in.scroll));
  if (focus && zoom_ > 1.01F) {
    // Turn towards the product, quickly but not in one jump.
    const glm::vec3 to = *focus - eye_;
    const float targetYaw = glm::degrees(std::atan2(to.x, to.z));
    const float targetPitch = glm::degrees(std::atan2(to.y, std::sqrt(to.x * to.x + to.z * to.z)));
    float dy = std::remainder(targetYaw - yaw_, 360.0F);
    const float k = 1.0F - std::exp(-8.0F * dt);
    yaw_ += dy * k;
    pitch_ += (targetPitch - pitch_) * k;
  }
  pitch_ = std::clamp(pitch_, -80.0F, 80.0F);
  yaw_ = std::remainder(yaw_, 360.0F);

  if (keyboard) {
    const float r = glm::radians(yaw_);
    const glm::vec2 forward(std::sin(r), std::cos(r));
    const glm::vec2 right(-std::cos(r), std::sin(r));
    glm::vec2 move(0.0F);
    if (in.down(GLFW_KEY_W)) move += forward;
    if (in.down(GLFW_KEY_S)) move -= forward;
    if (in.down(GLFW_KEY_D)) move += right;
    if (in.down(GLFW_KEY_A)) move -= right;
    if (glm::length(move) > 0.0F) {
      const float speed = settings_.walkSpeed * (in.down(GLFW_KEY_LEFT_SHIFT) ? 2.0F : 1.0F);
      const glm::vec2 to =
          area.move({eye_.x, eye_.z}, glm::normalize(move) * speed * dt, settings_.bodyRadius);
      eye_.x = to.x;
      eye_.z = to.y;
    }
  }
}

engine::View WalkerCamera::view(float aspect) const {
  const float fov = 2.0F * std::atan(std::tan(glm::radians(settings_.fovDeg) * 0.5F) / zoom_);
  return engine::View::yawPitch(eye_, yaw_, pitch_, fov, aspect);
}

}  // namespace vrmall::app
