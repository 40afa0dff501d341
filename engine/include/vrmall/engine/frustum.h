// View frustum planes for culling instance bounds.
#pragma once

#include <glm/glm.hpp>

#include "vrmall/engine/model_data.h"

namespace vrmall::engine {

class Frustum {
 public:
  Frustum() = default;
  // Planes of a Vulkan (depth 0..1) view-projection matrix (Gribb/Hartmann extraction).
  explicit Frustum(const glm::mat4& viewProj);
  // False only when the box is certainly outside (conservative: may keep boxes near corners).
  bool intersects(const Bounds& box) const;

 private:
  glm::vec4 planes_[6]{};  // xyz normal pointing inside, w distance
};

}  // namespace vrmall::engine
