// Per scene instance, what the renderer draws it with: its world bounds and, per draw item, the
// draw bucket (for the instance's variant) and the model and normal matrices. Kept while the
// instance's transform, model and variant stay the same: nearly every instance of a store stands
// still, so a frame reads one flat record per instance and copies its matrices, instead of
// chasing pointers into every model (cold in cache by the next frame) and multiplying and
// inverting matrices again.
#pragma once

#include <cstdint>
#include <glm/glm.hpp>
#include <span>
#include <vector>

#include "gpu_model.h"
#include "vrmall/engine/model_data.h"
#include "vrmall/engine/scene.h"

namespace vrmall::engine {

class InstanceDrawCache {
 public:
  struct Entry {
    glm::mat4 transform{0.0F};
    const GpuModel* model = nullptr;
    int variant = -1;
    Bounds world;
    uint32_t first = 0;  // into the flat per-item lists
    uint32_t count = 0;  // draw items
  };
  // Per model, per variant slot ([0] default, [1 + v] variant v), per draw item: its bucket.
  using BucketTable = std::vector<std::vector<std::vector<uint32_t>>>;

  // Room for a scene of `count` instances; entries stay where they are until the next call.
  void resize(size_t count);
  // The entry of scene instance `index` (< the size given), brought up to date with `instance`
  // drawn with `model` (whose id is instance.model in `buckets`).
  const Entry& get(uint32_t index, const Instance& instance, const GpuModel& model,
                   const BucketTable& buckets);
  // Per draw item: its bucket; and its model and normal (inverse-transpose) matrices, two each.
  // Apart, so counting the buckets reads only bucket ids.
  std::span<const uint32_t> buckets(const Entry& entry) const {
    return {buckets_.data() + entry.first, entry.count};
  }
  std::span<const glm::mat4> matrices(const Entry& entry) const {
    return {matrices_.data() + 2 * size_t{entry.first}, 2 * size_t{entry.count}};
  }
  // Nothing is kept: for when the buckets were rebuilt (models added or removed).
  void clear();

 private:
  std::vector<Entry> entries_;
  // Every entry's draw items, each entry's contiguous.
  std::vector<uint32_t> buckets_;
  std::vector<glm::mat4> matrices_;
  size_t live_ = 0;  // items still referenced by an entry
};

}  // namespace vrmall::engine
