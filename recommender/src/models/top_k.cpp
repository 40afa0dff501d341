#include "vrmall/rec/models/top_k.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

namespace vrmall::rec {
namespace {
// "a ranks before b"
inline bool better(const ScoredItem& a, const ScoredItem& b) {
  return a.score > b.score || (a.score == b.score && a.item < b.item);
}

inline bool eligible(float s) {
  return !std::isnan(s) && s != -INFINITY;
}

// A small k: a bounded heap, whose front is the worst kept item; most items fail one compare.
std::vector<ScoredItem> topKHeap(std::span<const float> scores, size_t k,
                                 std::span<const uint8_t> excluded) {
  std::vector<ScoredItem> heap;
  heap.reserve(k + 1);
  const auto worse_on_top = [](const ScoredItem& a, const ScoredItem& b) { return better(a, b); };
  const bool use_mask = !excluded.empty();
  for (size_t i = 0; i < scores.size(); ++i) {
    if (use_mask && excluded[i]) continue;
    const float s = scores[i];
    if (!eligible(s)) continue;
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

// Buckets of a score's top bits, numbered so that a smaller bucket holds larger scores; NaN, -inf
// and excluded items go to kNoBucket. Integer operations only, so the loop vectorises: -0 is
// read as +0 (they compare equal), and flipping the bits of negatives (the sign bit of
// positives) makes unsigned order follow float order.
constexpr int kBucketBits = 12;
constexpr uint16_t kNoBucket = uint16_t{1} << kBucketBits;
template <bool kMasked>
void bucketAll(std::span<const float> scores, const uint8_t* excluded, uint16_t* bucket) {
  for (size_t i = 0; i < scores.size(); ++i) {
    uint32_t u;
    std::memcpy(&u, &scores[i], sizeof u);
    u = u == 0x80000000U ? 0U : u;
    // Bitwise, not short-circuit: no branch per item, so the loop vectorises with the mask too.
    const bool bad =
        ((u & 0x7FFFFFFFU) > 0x7F800000U) | (u == 0xFF800000U) | (kMasked && excluded[i] != 0);
    const uint32_t flip = static_cast<uint32_t>(static_cast<int32_t>(u) >> 31) | 0x80000000U;
    const auto b = static_cast<uint16_t>((~(u ^ flip)) >> (32 - kBucketBits));
    bucket[i] = bad ? kNoBucket : b;
  }
}

}  // namespace

// One pass buckets every item by its score's top bits and counts the buckets, which places the
// k-th best in one bucket; a second pass keeps the buckets above it whole and only that bucket's
// items are ranked.
std::vector<ScoredItem> topKSelect(std::span<const float> scores, size_t k,
                                   std::span<const uint8_t> excluded) {
  const size_t n = scores.size();
  std::vector<uint16_t> bucket(n);
  if (excluded.empty())
    bucketAll<false>(scores, nullptr, bucket.data());
  else
    bucketAll<true>(scores, excluded.data(), bucket.data());
  // Two interleaved histograms: scores of one region of the catalogue often share a bucket, and
  // one counter bumped item after item waits on its own previous store.
  std::array<uint32_t, size_t{kNoBucket} + 1> count{}, count_odd{};
  const size_t pairs = n / 2 * 2;
  for (size_t i = 0; i < pairs; i += 2) {
    ++count[bucket[i]];
    ++count_odd[bucket[i + 1]];
  }
  if (pairs < n) ++count[bucket[pairs]];
  for (size_t b = 0; b < count.size(); ++b) count[b] += count_odd[b];
  uint32_t edge = 0;
  size_t above = 0;  // items in buckets before `edge`
  // Leading empty buckets (scores far above any real one) skipped eight at a time.
  while (edge + 8 <= kNoBucket) {
    uint32_t any = 0;
    for (uint32_t j = 0; j < 8; ++j) any |= count[edge + j];
    if (any) break;
    edge += 8;
  }
  while (edge < kNoBucket && above + count[edge] < k) above += count[edge++];
  std::vector<ScoredItem> out, tied;
  out.reserve(above + (edge < kNoBucket ? count[edge] : 0));
  if (edge < kNoBucket) tied.reserve(count[edge]);
  const auto keep = [&](size_t i) {  // buckets above the edge whole, the edge's to be ranked
    const uint32_t b = bucket[i];
    if (b > edge || b == kNoBucket) return;
    (b < edge ? out : tied).push_back({static_cast<int32_t>(i), scores[i]});
  };
  // Sixteen buckets tested at once (GCC's portable vectors): most groups hold no item at or above
  // the edge, and only the others take the per-item path.
  using U16x16 = uint16_t __attribute__((vector_size(32)));
  const uint16_t last_kept = static_cast<uint16_t>(std::min<uint32_t>(edge, kNoBucket - 1));
  const size_t groups = n / 16 * 16;
  for (size_t first = 0; first < groups; first += 16) {
    U16x16 b16;
    std::memcpy(&b16, bucket.data() + first, sizeof b16);
    const U16x16 hit = b16 <= last_kept;
    uint32_t any = 0;
    for (int j = 0; j < 16; ++j) any |= hit[j];
    if (!any) continue;
    for (size_t i = first; i < first + 16; ++i) keep(i);
  }
  for (size_t i = groups; i < n; ++i) keep(i);
  const size_t from_edge = std::min(tied.size(), k - std::min(k, out.size()));
  if (from_edge < tied.size()) {
    std::nth_element(tied.begin(), tied.begin() + static_cast<std::ptrdiff_t>(from_edge),
                     tied.end(), better);
  }
  out.insert(out.end(), tied.begin(), tied.begin() + static_cast<std::ptrdiff_t>(from_edge));
  std::sort(out.begin(), out.end(), better);
  return out;
}

std::vector<ScoredItem> topK(std::span<const float> scores, size_t k,
                             std::span<const uint8_t> excluded) {
  if (k == 0) return {};
  constexpr size_t kHeapMax = 64;  // measured: the heap wins below this, selection above
  return k <= kHeapMax ? topKHeap(scores, k, excluded) : topKSelect(scores, k, excluded);
}

}  // namespace vrmall::rec
