#include "vrmall/engine/bvh.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "vrmall/engine/vk_check.h"

namespace vrmall::engine {
namespace {

constexpr int kBins = 16;
// Past this depth nodes are split at the median (halving), which bounds the tree's depth (and
// the traversal stack) whatever the boxes look like.
constexpr uint32_t kSahDepth = 48;
constexpr uint32_t kStackSize = 128;

struct Ray {
  glm::vec3 origin;
  glm::vec3 inv;  // 1 / dir where dir != 0
  bool parallel[3];
};

Ray makeRay(glm::vec3 origin, glm::vec3 dir) {
  Ray r{origin, glm::vec3(0.0F), {false, false, false}};
  for (int a = 0; a < 3; ++a) {
    r.parallel[a] = dir[a] == 0.0F;
    r.inv[a] = r.parallel[a] ? 0.0F : 1.0F / dir[a];
  }
  return r;
}

// Slab test of a closed box over [0, maxT]: the entry t (>= 0) in `t`. Axes the ray is parallel
// to only check that the origin lies within the slab.
inline bool slab(const glm::vec3& mn, const glm::vec3& mx, const Ray& r, float maxT, float& t) {
  float t0 = 0.0F;
  float t1 = maxT;
  for (int a = 0; a < 3; ++a) {
    if (r.parallel[a]) {
      if (r.origin[a] < mn[a] || r.origin[a] > mx[a]) return false;
      continue;
    }
    float ta = (mn[a] - r.origin[a]) * r.inv[a];
    float tb = (mx[a] - r.origin[a]) * r.inv[a];
    if (ta > tb) std::swap(ta, tb);
    t0 = ta > t0 ? ta : t0;
    t1 = tb < t1 ? tb : t1;
    if (t0 > t1) return false;
  }
  t = t0;
  return true;
}

float halfArea(const Bounds& b) {
  if (!b.valid()) return 0.0F;
  const glm::vec3 s = b.size();
  return s.x * s.y + s.y * s.z + s.z * s.x;
}

}  // namespace

std::optional<float> intersectRayBox(const Bounds& box, glm::vec3 origin, glm::vec3 dir,
                                     float maxT) {
  if (!(maxT >= 0.0F) || !box.valid()) return std::nullopt;
  float t = 0.0F;
  if (!slab(box.min, box.max, makeRay(origin, dir), maxT, t)) return std::nullopt;
  return t;
}

Bounds worldBounds(const Bounds& local, const glm::mat4& transform) {
  if (!local.valid()) return local;
  Bounds out = Bounds::empty();
  for (int corner = 0; corner < 8; ++corner) {
    const glm::vec3 p((corner & 1) != 0 ? local.max.x : local.min.x,
                      (corner & 2) != 0 ? local.max.y : local.min.y,
                      (corner & 4) != 0 ? local.max.z : local.min.z);
    const glm::vec4 q = transform * glm::vec4(p, 1.0F);
    out.grow(glm::vec3(q) / q.w);
  }
  return out;
}

void Bvh::build(std::span<const Bounds> boxes) {
  VRM_CHECK(boxes.size() < UINT32_MAX / 2, "Bvh: too many boxes");
  nodes_.clear();
  leafIndex_.clear();
  leafBoxes_.clear();
  depth_ = 0;
  boxCount_ = boxes.size();
  std::vector<uint32_t>& index = leafIndex_;
  for (uint32_t i = 0; i < boxes.size(); ++i) {
    if (boxes[i].valid()) index.push_back(i);
  }
  if (index.empty()) return;
  std::vector<glm::vec3> centroid(boxes.size());
  for (uint32_t i : index) centroid[i] = boxes[i].center();

  struct Task {
    uint32_t node, begin, end, depth;
  };
  std::vector<Task> tasks;
  nodes_.reserve(index.size() / 2 * 2 + 1);
  nodes_.push_back({});
  tasks.push_back({0, 0, static_cast<uint32_t>(index.size()), 1});
  while (!tasks.empty()) {
    const Task task = tasks.back();
    tasks.pop_back();
    Bounds bounds = Bounds::empty();
    Bounds centres = Bounds::empty();
    for (uint32_t k = task.begin; k < task.end; ++k) {
      bounds.grow(boxes[index[k]]);
      centres.grow(centroid[index[k]]);
    }
    Node& node = nodes_[task.node];
    node.min = bounds.min;
    node.max = bounds.max;
    depth_ = std::max(depth_, task.depth);
    const uint32_t count = task.end - task.begin;
    if (count <= kMaxLeafSize) {
      node.first = task.begin;
      node.count = count;
      continue;
    }

    const glm::vec3 extent = centres.size();
    uint32_t mid = task.begin + count / 2;
    const int longest =
        extent.x >= extent.y && extent.x >= extent.z ? 0 : (extent.y >= extent.z ? 1 : 2);
    if (extent[longest] <= 0.0F) {
      // All centroids coincide: any split is as good; halve.
    } else if (task.depth >= kSahDepth) {
      std::nth_element(
          index.begin() + task.begin, index.begin() + mid, index.begin() + task.end,
          [&](uint32_t a, uint32_t b) { return centroid[a][longest] < centroid[b][longest]; });
    } else {
      // Binned SAH over all three axes: cost of a split = sum over both sides of
      // (half area x box count); the cheapest plane between bins wins.
      float bestCost = INFINITY;
      int bestAxis = -1;
      int bestBin = 0;
      for (int axis = 0; axis < 3; ++axis) {
        if (extent[axis] <= 0.0F) continue;
        const float scale = static_cast<float>(kBins) / extent[axis];
        std::array<Bounds, kBins> binBounds;
        binBounds.fill(Bounds::empty());
        std::array<uint32_t, kBins> binCount{};
        for (uint32_t k = task.begin; k < task.end; ++k) {
          const uint32_t i = index[k];
          const int b = std::min(kBins - 1,
                                 static_cast<int>((centroid[i][axis] - centres.min[axis]) * scale));
          binBounds[static_cast<size_t>(b)].grow(boxes[i]);
          ++binCount[static_cast<size_t>(b)];
        }
        std::array<float, kBins> rightCost{};
        Bounds acc = Bounds::empty();
        uint32_t n = 0;
        for (int b = kBins - 1; b > 0; --b) {
          acc.grow(binBounds[static_cast<size_t>(b)]);
          n += binCount[static_cast<size_t>(b)];
          rightCost[static_cast<size_t>(b)] =
              n == 0 ? INFINITY : halfArea(acc) * static_cast<float>(n);
        }
        acc = Bounds::empty();
        n = 0;
        for (int b = 0; b < kBins - 1; ++b) {
          acc.grow(binBounds[static_cast<size_t>(b)]);
          n += binCount[static_cast<size_t>(b)];
          if (n == 0 || n == count) continue;
          const float cost =
              halfArea(acc) * static_cast<float>(n) + rightCost[static_cast<size_t>(b + 1)];
          if (cost < bestCost) {
            bestCost = cost;
            bestAxis = axis;
            bestBin = b;
          }
        }
      }
      if (bestAxis >= 0) {
        const float scale = static_cast<float>(kBins) / extent[bestAxis];
        const auto split =
            std::partition(index.begin() + task.begin, index.begin() + task.end, [&](uint32_t i) {
              return std::min(kBins - 1,
                              static_cast<int>((centroid[i][bestAxis] - centres.min[bestAxis]) *
                                               scale)) <= bestBin;
            });
        const auto m = static_cast<uint32_t>(split - index.begin());
        if (m > task.begin && m < task.end) mid = m;
      }
    }
    const auto left = static_cast<uint32_t>(nodes_.size());
    nodes_[task.node].first = left;
    nodes_[task.node].count = 0;
    nodes_.push_back({});
    nodes_.push_back({});
    tasks.push_back({left + 1, mid, task.end, task.depth + 1});
    tasks.push_back({left, task.begin, mid, task.depth + 1});
  }
  VRM_CHECK(depth_ < kStackSize, "Bvh: tree deeper than the traversal stack");
  leafBoxes_.resize(index.size());
  for (size_t k = 0; k < index.size(); ++k) leafBoxes_[k] = boxes[index[k]];
}

void Bvh::refit(std::span<const Bounds> boxes) {
  VRM_CHECK(boxes.size() == boxCount_, "Bvh::refit: pass as many boxes as at build (else build)");
  for (size_t k = 0; k < leafIndex_.size(); ++k) leafBoxes_[k] = boxes[leafIndex_[k]];
  // Children come after their parent: one backward sweep sees children first.
  for (size_t n = nodes_.size(); n-- > 0;) {
    Node& node = nodes_[n];
    Bounds b = Bounds::empty();
    if (node.count > 0) {
      for (uint32_t k = node.first; k < node.first + node.count; ++k) b.grow(leafBoxes_[k]);
    } else {
      for (uint32_t c = node.first; c < node.first + 2; ++c) {
        b.grow(Bounds{nodes_[c].min, nodes_[c].max});
      }
    }
    node.min = b.min;
    node.max = b.max;
  }
}

Bounds Bvh::bounds() const {
  if (nodes_.empty()) return Bounds::empty();
  return {nodes_[0].min, nodes_[0].max};
}

std::optional<RayHit> Bvh::raycast(glm::vec3 origin, glm::vec3 dir, float maxT) const {
  if (nodes_.empty() || !(maxT >= 0.0F)) return std::nullopt;
  const Ray ray = makeRay(origin, dir);
  float best = maxT;
  bool found = false;
  uint32_t bestIndex = 0;
  struct Entry {
    uint32_t node;
    float t;
  };
  Entry stack[kStackSize];
  uint32_t sp = 0;
  float t = 0.0F;
  // A node whose boxes all became invalid (refit) has min > max: skip it.
  const Node& root = nodes_[0];
  if (!(root.min.x <= root.max.x) || !slab(root.min, root.max, ray, best, t)) return std::nullopt;
  stack[sp++] = {0, t};
  while (sp > 0) {
    const Entry e = stack[--sp];
    if (e.t > best) continue;  // a nearer hit was found since it was pushed
    const Node& node = nodes_[e.node];
    if (node.count > 0) {
      for (uint32_t k = node.first; k < node.first + node.count; ++k) {
        const Bounds& box = leafBoxes_[k];
        if (!box.valid() || !slab(box.min, box.max, ray, best, t)) continue;
        const uint32_t index = leafIndex_[k];
        if (!found || t < best || index < bestIndex) {
          best = t;
          bestIndex = index;
          found = true;
        }
      }
      continue;
    }
    const Node& a = nodes_[node.first];
    const Node& b = nodes_[node.first + 1];
    float ta = 0.0F;
    float tb = 0.0F;
    const bool hitA = a.min.x <= a.max.x && slab(a.min, a.max, ray, best, ta);
    const bool hitB = b.min.x <= b.max.x && slab(b.min, b.max, ray, best, tb);
    // Push the farther child first so the nearer one is taken next.
    if (hitA && hitB) {
      if (ta <= tb) {
        stack[sp++] = {node.first + 1, tb};
        stack[sp++] = {node.first, ta};
      } else {
        stack[sp++] = {node.first, ta};
        stack[sp++] = {node.first + 1, tb};
      }
    } else if (hitA) {
      stack[sp++] = {node.first, ta};
    } else if (hitB) {
      stack[sp++] = {node.first + 1, tb};
    }
  }
  if (!found) return std::nullopt;
  return RayHit{bestIndex, best};
}

}  // namespace vrmall::engine
