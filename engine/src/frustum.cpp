#include "vrmall/engine/frustum.h"

namespace vrmall::engine {

Frustum::Frustum(const glm::mat4& m) {
  const glm::vec4 row0(m[0][0], m[1][0], m[2][0], m[3][0]);
  const glm::vec4 row1(m[0][1], m[1][1], m[2][1], m[3][1]);
  const glm::vec4 row2(m[0][2], m[1][2], m[2][2], m[3][2]);
  const glm::vec4 row3(m[0][3], m[1][3], m[2][3], m[3][3]);
  planes_[0] = row3 + row0;  // left
  planes_[1] = row3 - row0;  // right
  planes_[2] = row3 + row1;  // top/bottom (y flipped, both kept)
  planes_[3] = row3 - row1;
  planes_[4] = row2;         // near: z >= 0 in Vulkan clip space
  planes_[5] = row3 - row2;  // far
  for (auto& p : planes_) p /= glm::length(glm::vec3(p));
}

bool Frustum::intersects(const Bounds& box) const {
  const glm::vec3 c = box.center();
  const glm::vec3 e = box.size() * 0.5F;
  for (const auto& p : planes_) {
    const glm::vec3 n(p);
    const float r = glm::dot(e, glm::abs(n));
    if (glm::dot(n, c) + p.w < -r) return false;
  }
  return true;
}

}  // namespace vrmall::engine
