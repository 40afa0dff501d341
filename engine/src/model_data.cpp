#include "vrmall/engine/model_data.h"

#include <limits>

namespace vrmall::engine {

Bounds Bounds::empty() {
  const float inf = std::numeric_limits<float>::infinity();
  return {glm::vec3(inf), glm::vec3(-inf)};
}

void Bounds::grow(const glm::vec3& p) {
  min = glm::min(min, p);
  max = glm::max(max, p);
}

void Bounds::grow(const Bounds& b) {
  if (!b.valid()) return;
  grow(b.min);
  grow(b.max);
}

Bounds Bounds::transformed(const glm::mat4& m) const {
  if (!valid()) return *this;
  // Arvo's method: the transformed box's extent is |M| times the half size.
  const glm::vec3 c = glm::vec3(m * glm::vec4(center(), 1.0F));
  const glm::vec3 h = size() * 0.5F;
  glm::vec3 e(0.0F);
  for (int col = 0; col < 3; ++col) e += glm::abs(glm::vec3(m[col])) * h[col];
  return {c - e, c + e};
}

size_t ModelData::triangleCount() const {
  size_t n = 0;
  for (const auto& placement : placements) {
    for (const auto& prim : meshes[static_cast<size_t>(placement.mesh)].primitives) {
      n += prim.indices.size() / 3;
    }
  }
  return n;
}

void ModelData::computeBounds() {
  bounds = Bounds::empty();
  for (const auto& placement : placements) {
    for (const auto& prim : meshes[static_cast<size_t>(placement.mesh)].primitives) {
      bounds.grow(prim.bounds.transformed(placement.transform));
    }
  }
}

}  // namespace vrmall::engine
