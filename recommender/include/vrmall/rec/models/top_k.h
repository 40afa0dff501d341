#pragma once
// Top-k selection over a dense score array, skipping excluded items. A bounded min-heap keeps it
// O(n log k) with no allocation beyond k entries.
#include <cstdint>
#include <span>
#include <vector>

namespace vrmall::rec {

struct ScoredItem {
  int32_t item;
  float score;
};

// `excluded` may be empty; otherwise excluded[i] != 0 skips item i. Ties break toward the lower
// item index so results are deterministic. Returns best first.
std::vector<ScoredItem> topK(std::span<const float> scores, size_t k,
                             std::span<const uint8_t> excluded = {});
// The same result in linear time whatever the order of the scores (a bounded heap, which topK()
// uses for small k, churns when scores rise along the array). topK() uses it for large k.
std::vector<ScoredItem> topKSelect(std::span<const float> scores, size_t k,
                                   std::span<const uint8_t> excluded = {});

}  // namespace vrmall::rec
