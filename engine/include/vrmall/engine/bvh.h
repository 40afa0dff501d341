// Ray picking over world-space boxes (product instances): a bounding-volume hierarchy built with
// a binned surface-area heuristic, stored as a flat node array (children adjacent, leaf boxes
// contiguous), traversed near child first with a slab test. CPU only; the renderer does not use
// it.
//
// Ray semantics (raycast and intersectRayBox): points origin + t * dir for 0 <= t <= maxT; dir
// need not be normalised (t is in units of |dir|; a zero component is a ray parallel to that
// slab); boxes are closed (touching a face hits); a ray starting inside a box hits it at t = 0.
// The nearest hit wins, equal t goes to the smaller index. Invalid boxes (Bounds::empty(),
// min > max on any axis: hidden instances) are never hit.
//
// Threading: raycast is const and may run on several threads at once; build and refit must not
// run concurrently with anything else on the same Bvh.
#pragma once

#include <cstdint>
#include <glm/glm.hpp>
#include <optional>
#include <span>
#include <vector>

#include "vrmall/engine/model_data.h"

namespace vrmall::engine {

struct RayHit {
  uint32_t index = 0;  // into the boxes the Bvh was built / refitted from
  float t = 0.0F;      // entry distance along the ray, >= 0
};

// Entry t of the ray into `box` under the rules above, or nullopt.
std::optional<float> intersectRayBox(const Bounds& box, glm::vec3 origin, glm::vec3 dir,
                                     float maxT);

// World AABB of a box under `transform` (an instance's transform applied to a model's local
// bounds): the 8 transformed corners (divided by w), bounded. Invalid bounds stay invalid.
Bounds worldBounds(const Bounds& local, const glm::mat4& transform);

class Bvh {
 public:
  static constexpr uint32_t kMaxLeafSize = 4;

  Bvh() = default;
  explicit Bvh(std::span<const Bounds> boxes) { build(boxes); }

  // (Re)build over `boxes` (copied; index i of a hit is boxes[i]). O(n log n).
  void build(std::span<const Bounds> boxes);
  // Same number of boxes, new extents (instances moved): node bounds are recomputed bottom-up
  // and the tree's topology kept. O(n). Results stay exact; only speed degrades when boxes move
  // far from where they were built (then build again). A box invalid at build time stays
  // unhittable until the next build; one that becomes invalid is no longer hit.
  void refit(std::span<const Bounds> boxes);

  std::optional<RayHit> raycast(glm::vec3 origin, glm::vec3 dir, float maxT) const;

  size_t size() const { return boxCount_; }  // boxes given to build (valid or not)
  bool empty() const { return nodes_.empty(); }
  size_t nodeCount() const { return nodes_.size(); }
  uint32_t depth() const { return depth_; }
  Bounds bounds() const;  // of all valid boxes; Bounds::empty() for none

 private:
  struct Node {
    glm::vec3 min;
    uint32_t first;  // leaf: first slot in leafIndex_; interior: left child (right = first + 1)
    glm::vec3 max;
    uint32_t count;  // boxes in a leaf; 0 for an interior node
  };
  static_assert(sizeof(Node) == 32, "two nodes per cache line");

  std::vector<Node> nodes_;          // root first; children after their parent
  std::vector<uint32_t> leafIndex_;  // box index per leaf slot
  std::vector<Bounds> leafBoxes_;    // the boxes in leaf order (contiguous leaf tests)
  size_t boxCount_ = 0;
  uint32_t depth_ = 0;
};

}  // namespace vrmall::engine
