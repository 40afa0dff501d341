// What the headset mode adds to the store scene: a beam from each tracked controller along its
// aim (to what it points at, or 3 m), and while a teleport is aimed, the arc as a row of dots
// and a marker where it lands (green where the shopper may stand, red where not).
#pragma once

#include <glm/glm.hpp>
#include <optional>
#include <vector>

#include "vrmall/engine/renderer.h"
#include "vrmall/engine/scene.h"
#include "xr_locomotion.h"

namespace vrmall::app {

class XrProps {
 public:
  XrProps(engine::Renderer& renderer, engine::Scene& scene);

  // A controller's beam from `origin` along `direction` for `length` metres; nullopt hides it.
  struct Beam {
    glm::vec3 origin{0.0F};
    glm::vec3 direction{0.0F, 0.0F, -1.0F};
    float length = 3.0F;
  };
  void setBeam(int hand, const std::optional<Beam>& beam);
  // The teleport arc being aimed, or nullptr to hide it.
  void setArc(const TeleportArc* arc);

 private:
  engine::Scene& scene_;
  engine::ModelId beamModel_ = 0, dotModel_ = 0, goodMarker_ = 0, badMarker_ = 0;
  engine::InstanceId beams_[2] = {0, 0};
  std::vector<engine::InstanceId> dots_;
  engine::InstanceId marker_ = 0;
};

}  // namespace vrmall::app
