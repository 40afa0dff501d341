#include "instance_draw_cache.h"

#include <algorithm>
#include <cstring>

namespace vrmall::engine {

void InstanceDrawCache::resize(size_t count) {
  // Entries whose model changed left their old items behind; once those outnumber the rest,
  // start afresh (each instance is then filled in again on its next frame).
  if (buckets_.size() > 2 * live_ + 4096) clear();
  entries_.resize(count);
}

void InstanceDrawCache::clear() {
  const size_t count = entries_.size();
  entries_.clear();
  entries_.resize(count);
  buckets_.clear();
  matrices_.clear();
  live_ = 0;
}

const InstanceDrawCache::Entry& InstanceDrawCache::get(uint32_t index, const Instance& instance,
                                                       const GpuModel& model,
                                                       const BucketTable& buckets) {
  Entry& e = entries_[index];
  // The transform bitwise: one written again with the same values keeps its matrices.
  const bool samePlace =
      e.model == &model && std::memcmp(&e.transform, &instance.transform, sizeof e.transform) == 0;
  if (samePlace && e.variant == instance.variant) return e;
  const auto& table = buckets[instance.model];
  const size_t slot =
      instance.variant >= 0 && static_cast<size_t>(instance.variant) + 1 < table.size()
          ? static_cast<size_t>(instance.variant) + 1
          : 0;
  const auto& drawItems = model.items();
  if (e.model != &model || e.count != drawItems.size()) {
    // A new range at the end; the old one (if any) is left to the next clear().
    live_ -= e.count;
    e.first = static_cast<uint32_t>(buckets_.size());
    e.count = static_cast<uint32_t>(drawItems.size());
    buckets_.resize(buckets_.size() + drawItems.size());
    matrices_.resize(matrices_.size() + 2 * drawItems.size());
    live_ += e.count;
  }
  std::copy(table[slot].begin(), table[slot].end(), buckets_.begin() + e.first);
  e.variant = instance.variant;
  if (!samePlace) {
    e.transform = instance.transform;
    e.model = &model;
    e.world = model.bounds().transformed(instance.transform);
    glm::mat4* out = matrices_.data() + 2 * size_t{e.first};
    for (size_t i = 0; i < drawItems.size(); ++i) {
      out[2 * i] = instance.transform * drawItems[i].transform;
      out[2 * i + 1] = glm::mat4(glm::transpose(glm::inverse(glm::mat3(out[2 * i]))));
    }
  }
  return e;
}

}  // namespace vrmall::engine
