#include "product_picker.h"

#include <glm/geometric.hpp>
#include <glm/mat4x4.hpp>
#include <glm/matrix.hpp>

namespace vrmall::app {

void ProductPicker::rebuild(const engine::Scene& scene, const engine::Renderer& renderer,
                            const std::vector<engine::InstanceId>& instances) {
  instances_ = instances;
  collect(scene, renderer);
  bvh_.build(boxes_);
}

void ProductPicker::refresh(const engine::Scene& scene, const engine::Renderer& renderer,
                            const std::vector<size_t>& changed) {
  // Swapped products stand where the old ones stood: refitting keeps the tree and costs O(n).
  for (size_t i : changed) {
    if (i < boxes_.size()) boxes_[i] = boxOf(scene, renderer, instances_[i]);
  }
  bvh_.refit(boxes_);
}

void ProductPicker::collect(const engine::Scene& scene, const engine::Renderer& renderer) {
  boxes_.clear();
  boxes_.reserve(instances_.size());
  for (engine::InstanceId id : instances_) boxes_.push_back(boxOf(scene, renderer, id));
}

engine::Bounds ProductPicker::boxOf(const engine::Scene& scene, const engine::Renderer& renderer,
                                    engine::InstanceId id) const {
  const engine::Instance& inst = scene.instances().at(id);
  // A hidden product cannot be looked at: an empty box no ray meets.
  if (!inst.visible) return engine::Bounds::empty();
  return renderer.modelBounds(inst.model).transformed(inst.transform);
}

std::optional<ProductPicker::Hit> ProductPicker::pick(const PointerRay& ray,
                                                      float maxDistance) const {
  const auto hit = bvh_.raycast(ray.origin, ray.direction, maxDistance);
  if (!hit) return std::nullopt;
  return Hit{hit->index, hit->t};
}

PointerRay rayThroughPixel(const glm::mat4& viewProj, glm::vec2 pixel, glm::vec2 windowSize) {
  const glm::mat4 inv = glm::inverse(viewProj);
  const float x = 2.0F * (pixel.x + 0.5F) / windowSize.x - 1.0F;
  const float y = 2.0F * (pixel.y + 0.5F) / windowSize.y - 1.0F;  // Vulkan NDC: y down
  glm::vec4 nearP = inv * glm::vec4(x, y, 0.0F, 1.0F);
  glm::vec4 farP = inv * glm::vec4(x, y, 1.0F, 1.0F);
  nearP /= nearP.w;
  farP /= farP.w;
  PointerRay r;
  r.origin = glm::vec3(nearP);
  r.direction = glm::normalize(glm::vec3(farP) - glm::vec3(nearP));
  return r;
}

}  // namespace vrmall::app
