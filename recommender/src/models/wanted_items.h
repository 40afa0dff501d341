#pragma once
// WantedItems: the items a batch of explanations asks about, found by item id in constant time.
// Explainers walk each similarity row once and check every entry against the batch; a lookup
// table beats a binary search per entry. The same item may be asked about more than once.
#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

namespace vrmall::rec {

class WantedItems {
 public:
  WantedItems(std::span<const int32_t> items, int64_t universe)
      : first_(static_cast<size_t>(std::max<int64_t>(universe, 0)), -1), next_(items.size(), -1) {
    for (size_t n = items.size(); n-- > 0;) {  // backwards: each chain runs in asking order
      const int32_t item = items[n];
      if (item < 0 || static_cast<size_t>(item) >= first_.size()) continue;
      next_[n] = first_[static_cast<size_t>(item)];
      first_[static_cast<size_t>(item)] = static_cast<int32_t>(n);
    }
  }
  // Calls f(position) for every position in the batch that asks about `item`.
  template <class F>
  void forEach(int32_t item, F&& f) const {
    if (item < 0 || static_cast<size_t>(item) >= first_.size()) return;
    for (int32_t at = first_[static_cast<size_t>(item)]; at >= 0;
         at = next_[static_cast<size_t>(at)])
      f(static_cast<size_t>(at));
  }

 private:
  std::vector<int32_t> first_, next_;
};

}  // namespace vrmall::rec
