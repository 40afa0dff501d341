#include "instance_world_cache.h"

#include <cstring>

namespace vrmall::engine {

const InstanceWorldCache::Entry& InstanceWorldCache::get(uint32_t index, const Instance& instance,
                                                         const GpuModel& model) {
  Entry& e = entries_[index];
  // Bitwise: a transform written again with the same values keeps its matrices.
  if (e.model == &model && std::memcmp(&e.transform, &instance.transform, sizeof e.transform) == 0)
    return e;
  e.transform = instance.transform;
  e.model = &model;
  e.world = model.bounds().transformed(instance.transform);
  const auto& items = model.items();
  e.matrices.resize(2 * items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    const glm::mat4 world = instance.transform * items[i].transform;
    e.matrices[2 * i] = world;
    e.matrices[2 * i + 1] = glm::mat4(glm::transpose(glm::inverse(glm::mat3(world))));
  }
  return e;
}

}  // namespace vrmall::engine
