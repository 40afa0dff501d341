#include "vrmall/rec/data/id_map.h"

namespace vrmall::rec {

int32_t IdMap::add(std::string_view id) {
  if (auto it = index_.find(id); it != index_.end()) return it->second;
  const auto index = static_cast<int32_t>(ids_.size());
  ids_.emplace_back(id);
  index_.emplace(ids_.back(), index);
  return index;
}

std::optional<int32_t> IdMap::find(std::string_view id) const {
  if (auto it = index_.find(id); it != index_.end()) return it->second;
  return std::nullopt;
}

}  // namespace vrmall::rec
