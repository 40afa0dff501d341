#include "vrmall/engine/model_data.h"

#include <glm/gtc/matrix_transform.hpp>
#include <limits>
#include <utility>

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

ModelData mirroredZ(const ModelData& model) {
  ModelData out = model;
  const glm::mat4 flip = glm::scale(glm::mat4(1.0F), glm::vec3(1.0F, 1.0F, -1.0F));
  for (MeshData& mesh : out.meshes) {
    for (PrimitiveData& prim : mesh.primitives) {
      for (Vertex& v : prim.vertices) {
        v.position.z = -v.position.z;
        v.normal.z = -v.normal.z;
        v.tangent.z = -v.tangent.z;
        v.tangent.w = -v.tangent.w;  // a reflection turns the bitangent's handedness
      }
      for (size_t t = 0; t + 2 < prim.indices.size(); t += 3) {
        std::swap(prim.indices[t + 1], prim.indices[t + 2]);
      }
      prim.bounds = Bounds::empty();
      for (const Vertex& v : prim.vertices) prim.bounds.grow(v.position);
    }
  }
  // A placement P maps mesh space to model space; the mirrored mesh under flip * P * flip lands
  // where the original did, reflected (flip is its own inverse).
  for (MeshPlacement& placement : out.placements) {
    placement.transform = flip * placement.transform * flip;
  }
  out.computeBounds();
  return out;
}

}  // namespace vrmall::engine
