// Per scene instance: its world bounds and every draw item's model and normal matrices, kept for
// as long as the instance's transform and model stay the same. Nearly every instance of a store
// stands still, so a frame copies their matrices instead of multiplying and inverting them again.
#pragma once

#include <cstdint>
#include <glm/glm.hpp>
#include <vector>

#include "gpu_model.h"
#include "vrmall/engine/model_data.h"
#include "vrmall/engine/scene.h"

namespace vrmall::engine {

class InstanceWorldCache {
 public:
  struct Entry {
    glm::mat4 transform{0.0F};
    const GpuModel* model = nullptr;
    Bounds world;
    std::vector<glm::mat4> matrices;  // per draw item: model, then inverse-transpose (normals)
  };

  // Room for a scene of `count` instances; entries then stay where they are until the next call.
  void resize(size_t count) { entries_.resize(count); }
  // The entry of scene instance `index` (< the size given), brought up to date with `instance`
  // drawn with `model`.
  const Entry& get(uint32_t index, const Instance& instance, const GpuModel& model);
  const Entry& entry(uint32_t index) const { return entries_[index]; }
  // Models were added or removed: a new model may sit at a freed address, so nothing is kept.
  void clear() { entries_.clear(); }

 private:
  std::vector<Entry> entries_;
};

}  // namespace vrmall::engine
