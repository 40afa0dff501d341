#pragma once
// IdMap: external string ids (as they appear in CSV files) <-> dense indices used by every model.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vrmall::rec {

class IdMap {
 public:
  // Index of `id`, adding it if new.
  int32_t add(std::string_view id);
  std::optional<int32_t> find(std::string_view id) const;
  const std::string& id(int32_t index) const { return ids_[static_cast<size_t>(index)]; }
  int32_t size() const { return static_cast<int32_t>(ids_.size()); }
  const std::vector<std::string>& ids() const { return ids_; }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::vector<std::string> ids_;
  std::unordered_map<std::string, int32_t, Hash, std::equal_to<>> index_;
};

}  // namespace vrmall::rec
