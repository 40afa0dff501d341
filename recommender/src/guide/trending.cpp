#include "vrmall/rec/guide/trending.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

namespace vrmall::rec {
namespace {

uint64_t pairKey(int32_t user, int32_t item) {
  return (static_cast<uint64_t>(static_cast<uint32_t>(user)) << 32) | static_cast<uint32_t>(item);
}

}  // namespace

TrendingItems::TrendingItems(const Dataset& data, const TrendOptions& options) : options_(options) {
  const auto items = static_cast<size_t>(data.numItems());
  score_.assign(items, 0.0f);
  z_.assign(items, 0.0f);
  shoppers_.assign(items, 0);
  for (const auto& e : data.events) now_ = std::max(now_, e.timestamp);
  const double halfLife = std::max(1.0, options.half_life_days * 86400.0);
  const double recent = options.recent_days * 86400.0;
  std::unordered_set<uint64_t> counted;
  for (const auto& e : data.events) {
    if (e.item < 0 || static_cast<size_t>(e.item) >= items) continue;
    const double age = static_cast<double>(now_ - e.timestamp);
    score_[static_cast<size_t>(e.item)] +=
        options.weights.weight(e) * static_cast<float>(std::exp2(-age / halfLife));
    if (age <= recent && counted.insert(pairKey(e.user, e.item)).second)
      ++shoppers_[static_cast<size_t>(e.item)];
  }
  // Popularity is heavy-tailed: standardised raw, the top few would sit so far out that no
  // shopper's taste could reorder them. On a log scale the shopper's z-scores can.
  std::vector<double> lg(items);
  double mean = 0, sq = 0;
  for (size_t i = 0; i < items; ++i) mean += lg[i] = std::log1p(static_cast<double>(score_[i]));
  mean /= static_cast<double>(std::max<size_t>(1, items));
  for (double v : lg) sq += (v - mean) * (v - mean);
  const double sd = std::sqrt(sq / static_cast<double>(std::max<size_t>(1, items)));
  for (size_t i = 0; i < items; ++i) {
    z_[i] = sd > 0 ? static_cast<float>((lg[i] - mean) / sd) : 0.0f;
    if (score_[i] > 0.0f) ranked_.push_back(static_cast<int32_t>(i));
  }
  std::stable_sort(ranked_.begin(), ranked_.end(), [&](int32_t a, int32_t b) {
    return score_[static_cast<size_t>(a)] > score_[static_cast<size_t>(b)];
  });
}

std::vector<std::pair<int32_t, float>> TrendingItems::rerank(std::span<const float> personal_z,
                                                             std::span<const uint8_t> blocked,
                                                             float weight, size_t pool) const {
  std::vector<std::pair<int32_t, float>> out;
  for (int32_t item : ranked_) {
    if (out.size() == pool) break;
    const auto i = static_cast<size_t>(item);
    if (i < blocked.size() && blocked[i]) continue;
    out.emplace_back(item, z_[i] + (i < personal_z.size() ? weight * personal_z[i] : 0.0f));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

std::string TrendingItems::reason(int32_t item) const {
  const uint32_t n = recentShoppers(item);
  if (n >= 3) {
    const long days = std::lround(options_.recent_days);
    const std::string when =
        days == 7 ? "this week" : "in the last " + std::to_string(days) + " days";
    return "trending: " + std::to_string(n) + " shoppers looked at it " + when;
  }
  return "trending in the store right now";
}

}  // namespace vrmall::rec
