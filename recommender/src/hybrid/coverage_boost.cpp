#include "hybrid/coverage_boost.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "vrmall/rec/models/top_k.h"

namespace vrmall::rec {
namespace {

// Each shopper's current list: the k-th (entry-bar) score and item, and per-item list counts.
struct Lists {
  std::vector<float> bar;
  std::vector<int32_t> last;
  std::vector<int32_t> count;
  size_t covered = 0;
};

Lists buildLists(const AudienceScores& a, size_t k, std::span<const float> boosts) {
  Lists out;
  out.bar.assign(a.shoppers(), -std::numeric_limits<float>::infinity());
  out.last.assign(a.shoppers(), -1);
  out.count.assign(a.items, 0);
  std::vector<float> s(a.items);
  std::vector<uint8_t> seen(a.items, 0);
  for (size_t r = 0; r < a.shoppers(); ++r) {
    const float* row = a.rows.data() + r * a.items;
    for (size_t i = 0; i < a.items; ++i) s[i] = row[i] + (boosts.empty() ? 0.0f : boosts[i]);
    for (int32_t h : a.seen[r]) seen[static_cast<size_t>(h)] = 1;
    const auto top = topK(s, k, seen);
    for (int32_t h : a.seen[r]) seen[static_cast<size_t>(h)] = 0;
    if (top.size() == k) {
      out.bar[r] = top.back().score;
      out.last[r] = top.back().item;
    }
    for (const auto& t : top) {
      if (out.count[static_cast<size_t>(t.item)]++ == 0) ++out.covered;
    }
  }
  return out;
}

}  // namespace

double audienceCoverage(const AudienceScores& a, size_t k, std::span<const float> boosts) {
  if (a.items == 0) return 0.0;
  return static_cast<double>(buildLists(a, k, boosts).covered) / static_cast<double>(a.items);
}

std::vector<float> coverageBoosts(const AudienceScores& a, size_t k, double floor) {
  std::vector<float> boosts(a.items, 0.0f);
  if (a.items == 0 || a.shoppers() == 0 || floor <= 0.0) return boosts;
  const auto target = static_cast<size_t>(std::ceil(floor * static_cast<double>(a.items)));
  std::vector<float> gap(a.items);
  std::vector<int32_t> nearest(a.items);
  std::vector<uint8_t> seen(a.items, 0);
  for (int round = 0; round < 40; ++round) {
    Lists lists = buildLists(a, k, boosts);
    if (lists.covered >= target) break;
    // Only a slot whose item also shows elsewhere may be given away: displacing an item that
    // appears in one list alone would uncover as much as it covers.
    std::fill(gap.begin(), gap.end(), std::numeric_limits<float>::infinity());
    std::fill(nearest.begin(), nearest.end(), -1);
    for (size_t r = 0; r < a.shoppers(); ++r) {
      if (lists.last[r] < 0 || lists.count[static_cast<size_t>(lists.last[r])] < 2) continue;
      const float* row = a.rows.data() + r * a.items;
      for (int32_t h : a.seen[r]) seen[static_cast<size_t>(h)] = 1;
      for (size_t i = 0; i < a.items; ++i) {
        if (lists.count[i] || seen[i]) continue;
        const float g = lists.bar[r] - (row[i] + boosts[i]);
        if (g < gap[i]) {
          gap[i] = g;
          nearest[i] = static_cast<int32_t>(r);
        }
      }
      for (int32_t h : a.seen[r]) seen[static_cast<size_t>(h)] = 0;
    }
    std::vector<std::pair<float, size_t>> cheapest;
    for (size_t i = 0; i < a.items; ++i) {
      if (nearest[i] >= 0) cheapest.emplace_back(gap[i], i);
    }
    if (cheapest.empty()) break;
    std::sort(cheapest.begin(), cheapest.end());
    // Cheapest first, one slot per shopper per round, each slot's item still shown elsewhere.
    std::vector<uint8_t> used(a.shoppers(), 0);
    size_t lifted = 0;
    const size_t missing = target - lists.covered;
    for (const auto& [g, i] : cheapest) {
      if (lifted >= missing) break;
      const auto r = static_cast<size_t>(nearest[i]);
      const auto displaced = static_cast<size_t>(lists.last[r]);
      if (used[r] || lists.count[displaced] < 2) continue;
      used[r] = 1;
      --lists.count[displaced];
      // A fixed margin in z units: relative ones vanish in float rounding and the item would tie.
      boosts[i] += std::max(0.0f, g) + 1e-3f;
      ++lifted;
    }
    if (lifted == 0) break;
  }
  return boosts;
}

}  // namespace vrmall::rec
