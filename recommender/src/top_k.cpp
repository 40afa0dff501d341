#include "vrmall/rec/top_k.h"

#include <algorithm>
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

// A score as an unsigned key whose order is the float order: flipping the bits of negatives (the
// sign bit of positives) does it, and -0 is read as +0 (they compare equal). NaN and -inf, never
// ranked, read 0, below every rankable score (-FLT_MAX reads 0x00800000).
inline uint32_t orderKey(float score) {
  uint32_t u;
  std::memcpy(&u, &score, sizeof u);
  u = u == 0x80000000U ? 0U : u;
  const uint32_t bad = ((u & 0x7FFFFFFFU) > 0x7F800000U) | (u == 0xFF800000U);
  const uint32_t flip = static_cast<uint32_t>(static_cast<int32_t>(u) >> 31) | 0x80000000U;
  return (u ^ flip) & (bad - 1U);  // bad: & 0
}

// (key, item) in one word whose order is "ranks before": larger score, then lower item.
inline uint64_t rankWord(uint32_t key, size_t item) {
  return (static_cast<uint64_t>(key) << 32) | (0xFFFFFFFFU - static_cast<uint32_t>(item));
}

// Eight keys at a time in GCC's portable vector types (AVX2 where built for it, else two SSE2
// halves): the same operations as orderKey, lane by lane.
using U32x8 = uint32_t __attribute__((vector_size(32)));
using I32x8 = int32_t __attribute__((vector_size(32)));
using U8x8 = uint8_t __attribute__((vector_size(8)));

inline U32x8 orderKeys(const float* in) {
  U32x8 u;
  std::memcpy(&u, in, sizeof u);
  u &= ~reinterpret_cast<U32x8>(u == 0x80000000U);
  const U32x8 bad = reinterpret_cast<U32x8>((u & 0x7FFFFFFFU) > 0x7F800000U) |
                    reinterpret_cast<U32x8>(u == 0xFF800000U);
  const U32x8 flip = reinterpret_cast<U32x8>(reinterpret_cast<I32x8>(u) >> 31) | 0x80000000U;
  return (u ^ flip) & ~bad;
}

// Every eligible item whose key is above `threshold`, and the first `ties` of those equal to it
// (ties go to the lower item, and items come in order: later equal ones can never be needed), as
// rank words. Eight items are tested at once; only groups holding one of the few items at or
// above the threshold take the scalar path.
void collectFrom(std::span<const float> scores, const uint8_t* excluded, uint32_t threshold,
                 size_t ties, std::vector<uint64_t>& out) {
  out.clear();
  size_t tied = 0;
  const auto keep = [&](uint32_t key, size_t item) {
    if (key == threshold && tied++ >= ties) return;
    out.push_back(rankWord(key, item));
  };
  const size_t n = scores.size(), groups = n / 8 * 8;
  const U32x8 zero = {};
  for (size_t first = 0; first < groups; first += 8) {
    U32x8 keys = orderKeys(scores.data() + first);
    if (excluded) {
      U8x8 ex;
      std::memcpy(&ex, excluded + first, sizeof ex);
      keys &= reinterpret_cast<U32x8>(__builtin_convertvector(ex, U32x8) == zero);
    }
    const U32x8 hit = reinterpret_cast<U32x8>(keys >= threshold);
    uint32_t any = 0;
    for (int j = 0; j < 8; ++j) any |= hit[j];
    if (!any) continue;
    for (int j = 0; j < 8; ++j) {
      if (hit[j]) keep(keys[j], first + static_cast<size_t>(j));
    }
  }
  for (size_t i = groups; i < n; ++i) {
    const uint32_t key = excluded && excluded[i] ? 0U : orderKey(scores[i]);
    if (key >= threshold) keep(key, i);
  }
}

}  // namespace

// A sample of the scores estimates the k-th best; one pass keeps the items at or above that
// estimate (a few more than k, and never more than k of a tie at the estimate), and only those
// are ranked. When the estimate was too high (fewer
// than k kept), the next try takes a lower one, down to every eligible item, so the result never
// depends on the sample, only the time does. Linear whatever the order of the scores.
std::vector<ScoredItem> topKSelect(std::span<const float> scores, size_t k,
                                   std::span<const uint8_t> excluded) {
  const size_t n = scores.size();
  if (k == 0 || n == 0) return {};
  const uint8_t* mask = excluded.empty() ? nullptr : excluded.data();
  // A sample of about n / 8, between 64 and 256 scores: a larger one estimates closer (fewer items
  // kept), a smaller one costs less to rank.
  const size_t samples = std::clamp<size_t>(n / 8, 64, 256);
  const size_t stride = std::max<size_t>(1, n / samples);
  std::vector<uint32_t> sample;
  sample.reserve(n / stride + 1);
  for (size_t i = 0; i < n; i += stride) {
    if (!(mask && mask[i])) sample.push_back(orderKey(scores[i]));
  }
  // The sample rank that lands about k items above the threshold, with a few deviations' margin.
  const double expected = static_cast<double>(k) * static_cast<double>(sample.size()) /
                          static_cast<double>(n);
  size_t rank = static_cast<size_t>(expected + 3.0 * std::sqrt(expected) + 4.0);
  std::vector<uint64_t> kept;
  while (true) {
    uint32_t threshold = 1;  // every eligible item
    if (rank < sample.size()) {
      std::nth_element(sample.begin(), sample.begin() + static_cast<std::ptrdiff_t>(rank),
                       sample.end(), std::greater<>());
      threshold = std::max<uint32_t>(1, sample[rank]);
    }
    collectFrom(scores, mask, threshold, k, kept);
    if (kept.size() >= k || threshold == 1) break;
    rank *= 4;
  }
  const size_t take = std::min(k, kept.size());
  if (take < kept.size()) {
    std::nth_element(kept.begin(), kept.begin() + static_cast<std::ptrdiff_t>(take), kept.end(),
                     std::greater<>());
    kept.resize(take);
  }
  std::sort(kept.begin(), kept.end(), std::greater<>());
  std::vector<ScoredItem> out(take);
  for (size_t j = 0; j < take; ++j) {
    const auto item = static_cast<size_t>(0xFFFFFFFFU - static_cast<uint32_t>(kept[j]));
    out[j] = {static_cast<int32_t>(item), scores[item]};
  }
  return out;
}

std::vector<ScoredItem> topK(std::span<const float> scores, size_t k,
                             std::span<const uint8_t> excluded) {
  if (k == 0) return {};
  constexpr size_t kHeapMax = 64;  // measured: the heap wins below this, selection above
  return k <= kHeapMax ? topKHeap(scores, k, excluded) : topKSelect(scores, k, excluded);
}

}  // namespace vrmall::rec
