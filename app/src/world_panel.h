// A flat UI panel standing in the store (the headset's product card, For you, cart, avatar and
// privacy panels, drawn with Dear ImGui into the panel's image): where it stands, and where a
// controller's ray meets it in the image's pixels. It is placed in front of the shopper when it
// is shown (a comfortable reading distance, a little below the eyes, turned to face them) and
// stays put in the store while they look around or point at it.
#pragma once

#include <glm/glm.hpp>
#include <optional>

#include "product_picker.h"

namespace vrmall::app {

struct PanelHit {
  glm::vec2 pixel{0.0F};  // in the panel image, origin top-left
  float distance = 0.0F;  // along the ray, metres
};

class WorldPanel {
 public:
  // `size`: metres (width, height); `pixels`: the image's size.
  WorldPanel(glm::vec2 size, glm::uvec2 pixels) : size_(size), pixels_(pixels) {}

  // In front of the head: `distance` metres along its horizontal heading, `drop` metres below
  // the eyes, tilted back by `tiltDeg` so it faces the eyes, upright otherwise.
  void placeInFront(const glm::vec3& headWorld, const glm::vec3& headForwardWorld,
                    float distance = 1.1F, float drop = 0.2F, float tiltDeg = 10.0F);

  // The panel's frame in the store: +X right, +Y up, +Z towards the viewer, origin at the centre.
  glm::mat4 worldFromPanel() const { return worldFromPanel_; }
  glm::vec2 size() const { return size_; }
  glm::uvec2 pixels() const { return pixels_; }

  // Where `ray` meets the panel's front, if within it.
  std::optional<PanelHit> hit(const PointerRay& ray) const;

  bool visible = false;

 private:
  glm::vec2 size_;
  glm::uvec2 pixels_;
  glm::mat4 worldFromPanel_{1.0F};
};

}  // namespace vrmall::app
