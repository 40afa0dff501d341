// What the pointer ray (mouse now, head or eye gaze in the headset) points at: the nearest
// product whose world bounds it hits, found through a bounding-volume hierarchy over every
// product on display. Rebuilt when the guide puts other products in slots.
#pragma once

#include <cstdint>
#include <glm/vec3.hpp>
#include <optional>
#include <string>
#include <vector>

#include "vrmall/engine/bvh.h"
#include "vrmall/engine/renderer.h"
#include "vrmall/engine/scene.h"

namespace vrmall::app {

struct PointerRay {
  glm::vec3 origin{0.0F};
  glm::vec3 direction{0.0F, 0.0F, -1.0F};  // unit length
};

class ProductPicker {
 public:
  // (Re)builds over `instances` (index i of a hit means instances[i]).
  void rebuild(const engine::Scene& scene, const engine::Renderer& renderer,
               const std::vector<engine::InstanceId>& instances);
  // Updates the boxes of the given products (indices as in rebuild(); after a slot swap) and
  // refits the tree, without a full rebuild: the others' boxes are not read again.
  void refresh(const engine::Scene& scene, const engine::Renderer& renderer,
               const std::vector<size_t>& changed);

  struct Hit {
    size_t index;  // into the instances given to rebuild()
    float distance;
  };
  std::optional<Hit> pick(const PointerRay& ray, float maxDistance) const;
  const engine::Bounds& bounds(size_t index) const { return boxes_.at(index); }
  size_t size() const { return boxes_.size(); }

 private:
  void collect(const engine::Scene& scene, const engine::Renderer& renderer);
  engine::Bounds boxOf(const engine::Scene& scene, const engine::Renderer& renderer,
                       engine::InstanceId id) const;
  std::vector<engine::InstanceId> instances_;
  std::vector<engine::Bounds> boxes_;
  engine::Bvh bvh_;
};

// The ray through window pixel (x, y) for a camera with `viewProj` (Vulkan clip space, y down).
PointerRay rayThroughPixel(const glm::mat4& viewProj, glm::vec2 pixel, glm::vec2 windowSize);

}  // namespace vrmall::app
