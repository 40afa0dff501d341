#include "vrmall/rec/top_k.h"

#include <algorithm>
#include <cmath>

namespace vrmall::rec {
namespace {
// "a ranks before b"
inline bool better(const ScoredItem& a, const ScoredItem& b) {
  return a.score > b.score || (a.score == b.score && a.item < b.item);
}
}  // namespace

std::vector<ScoredItem> topK(std::span<const float> scores, size_t k,
                             std::span<const uint8_t> excluded) {
  std::vector<ScoredItem> heap;
  if (k == 0) return heap;
  heap.reserve(k + 1);
  // Heap ordered so the front is the worst kept item.
  const auto worse_on_top = [](const ScoredItem& a, const ScoredItem& b) { return better(a, b); };
  const bool use_mask = !excluded.empty();
  for (size_t i = 0; i < scores.size(); ++i) {
    if (use_mask && excluded[i]) continue;
    const float s = scores[i];
    if (std::isnan(s) || s == -INFINITY) continue;
    const ScoredItem candidate{static_cast<int32_t>(i), s};
    if (heap.size() < k) {
      heap.push_back(candidate);
      std::push_heap(heap.begin(), heap.end(), worse_on_top);
    } else if (better(candidate, heap.front())) {
      std::pop_heap(heap.begin(), heap.end(), worse_on_top);
      heap.back() = candidate;
      std::push_heap(heap.begin(), heap.end(), worse_on_top);
    }
  }
  std::sort(heap.begin(), heap.end(), better);
  return heap;
}

}  // namespace vrmall::rec
