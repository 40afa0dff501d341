#include "xr_props.h"

#include <algorithm>
#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/quaternion.hpp>

#include "vrmall/engine/procedural.h"
#include "vrmall/engine/xr/xr_math.h"

namespace vrmall::app {
namespace {

constexpr size_t kArcDots = 24;

engine::Instance hidden(engine::ModelId model) {
  engine::Instance i;
  i.model = model;
  i.visible = false;
  return i;
}

}  // namespace

XrProps::XrProps(engine::Renderer& renderer, engine::Scene& scene) : scene_(scene) {
  // A unit-long beam along -Z (scaled to its length), small dots, flat floor markers; emissive-
  // looking light colours so they read against the store.
  engine::ModelData beam = engine::makeBox({0.006F, 0.006F, 1.0F}, {0.55F, 0.8F, 1.0F, 1.0F});
  beamModel_ = renderer.addModel(beam);
  dotModel_ = renderer.addModel(engine::makeSphere(0.02F, {0.6F, 0.9F, 1.0F, 1.0F}, 0.0F, 0.4F, 8));
  goodMarker_ = renderer.addModel(engine::makeBox({0.5F, 0.01F, 0.5F}, {0.2F, 0.85F, 0.35F, 1.0F}));
  badMarker_ = renderer.addModel(engine::makeBox({0.5F, 0.01F, 0.5F}, {0.9F, 0.2F, 0.15F, 1.0F}));
  beams_[0] = scene.add(hidden(beamModel_));
  beams_[1] = scene.add(hidden(beamModel_));
  for (size_t i = 0; i < kArcDots; ++i) dots_.push_back(scene.add(hidden(dotModel_)));
  marker_ = scene.add(hidden(goodMarker_));
}

void XrProps::setBeam(int hand, const std::optional<Beam>& beam) {
  engine::Instance& inst = scene_.instance(beams_[hand == 0 ? 0 : 1]);
  inst.visible = beam.has_value();
  if (!beam) return;
  // The box runs from z = -0.5 to 0.5: shift it so it starts at the controller.
  const glm::quat q = engine::xr::rotationBetween(glm::vec3(0, 0, -1), beam->direction);
  inst.transform = glm::translate(glm::mat4(1.0F), beam->origin) * glm::mat4_cast(q) *
                   glm::scale(glm::mat4(1.0F), glm::vec3(1.0F, 1.0F, beam->length)) *
                   glm::translate(glm::mat4(1.0F), glm::vec3(0.0F, 0.0F, -0.5F));
}

void XrProps::setArc(const TeleportArc* arc) {
  for (size_t i = 0; i < dots_.size(); ++i) {
    engine::Instance& dot = scene_.instance(dots_[i]);
    dot.visible = arc != nullptr && !arc->points.empty();
    if (!dot.visible) continue;
    // Spread the dots evenly along the sampled arc.
    const size_t at = i * (arc->points.size() - 1) / std::max<size_t>(1, dots_.size() - 1);
    dot.transform = glm::translate(glm::mat4(1.0F), arc->points[at]);
  }
  engine::Instance& marker = scene_.instance(marker_);
  marker.visible = arc != nullptr && arc->landing.has_value();
  if (!marker.visible) return;
  marker.model = arc->valid ? goodMarker_ : badMarker_;
  marker.transform = glm::translate(glm::mat4(1.0F), *arc->landing + glm::vec3(0, 0.005F, 0));
}

}  // namespace vrmall::app
