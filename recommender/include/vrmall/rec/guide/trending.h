#pragma once
// What is trending among the store's shoppers right now: recency-weighted popularity, each
// event weighted by how much it says (a purchase more than a glance) and halved every
// `half_life_days` before "now" (the newest event), plus how many different shoppers chose the
// item in the last week, for the reason the showcase gives ("trending: 12 shoppers looked at it
// this week"). Built once from the training events; the showcase stage re-ranks it per shopper.
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "vrmall/rec/data/dataset.h"
#include "vrmall/rec/data/event_weights.h"

namespace vrmall::rec {

// How much one event says about an item's pull right now, in the training weights' terms: a
// purchase most, any look past the interest threshold a little, however long (a long stare at
// the stage is one shopper's interest, not a trend).
inline EventWeights trendWeights() {
  EventWeights w;
  w.rating = 1.0f;
  w.gaze_per_second = 1e6f;  // any dwell reaches the cap
  w.gaze_cap = 0.5f;
  w.view = 0.3f;
  w.pick_up = 1.0f;
  w.try_on = 1.5f;
  w.add_to_cart = 2.0f;
  w.purchase = 3.0f;
  w.other = 0.0f;
  return w;
}

struct TrendOptions {
  double half_life_days = 3.0;
  double recent_days = 7.0;  // the window "this week" counts shoppers in
  EventWeights weights = trendWeights();
};

class TrendingItems {
 public:
  TrendingItems(const Dataset& data, const TrendOptions& options = {});

  float score(int32_t item) const { return score_[static_cast<size_t>(item)]; }
  // Standardised log(1 + score) (mean 0, sd 1 over the catalogue), to add to the guide's z-scores.
  float z(int32_t item) const { return z_[static_cast<size_t>(item)]; }
  // Different shoppers who engaged with it within recent_days of now.
  uint32_t recentShoppers(int32_t item) const { return shoppers_[static_cast<size_t>(item)]; }
  // Items best first by score (ties by index); only those with any recent weight.
  const std::vector<int32_t>& ranked() const { return ranked_; }
  // The first `pool` trending items not blocked, re-ranked for one shopper: trend z + weight *
  // personal_z (the guide's standardised scores for them; empty: trend alone). Best first.
  std::vector<std::pair<int32_t, float>> rerank(std::span<const float> personal_z,
                                                std::span<const uint8_t> blocked, float weight,
                                                size_t pool) const;
  // "trending: 12 shoppers looked at it this week", or "trending in the store right now".
  std::string reason(int32_t item) const;
  int64_t now() const { return now_; }
  const TrendOptions& options() const { return options_; }

 private:
  TrendOptions options_;
  int64_t now_ = 0;
  std::vector<float> score_, z_;
  std::vector<uint32_t> shoppers_;
  std::vector<int32_t> ranked_;
};

}  // namespace vrmall::rec
