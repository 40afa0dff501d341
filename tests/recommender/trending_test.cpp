// What is trending: recency-weighted popularity with a half-life, counted shoppers for the
// reason, on a fixture whose answers are worked out by hand.
#include "vrmall/rec/guide/trending.h"

#include <gtest/gtest.h>

#include <cmath>

#include "vrmall/rec/data/dataset.h"

namespace vrmall::rec {
namespace {

constexpr int64_t kDay = 86400;
constexpr int64_t kNow = 100 * kDay;

// "old": 8 purchases 20 days before now by 8 shoppers; "new": one purchase now; "quiet": none.
Dataset shop() {
  Dataset d;
  d.item_attributes = AttributeTable::fromCsvText("ITEM_ID,NAME\nold,Old\nnew,New\nquiet,Quiet\n",
                                                  "items.csv", "ITEM_ID", d.items);
  for (int u = 0; u < 9; ++u) d.users.add("u" + std::to_string(u));
  for (int u = 0; u < 8; ++u) d.events.push_back({u, 0, kNow - 20 * kDay, EventType::Purchase, 1});
  d.events.push_back({8, 1, kNow, EventType::Purchase, 1});
  d.syncSizes();
  return d;
}

TEST(Trending, TheHalfLifeDecidesBetweenManyOldAndOneNew) {
  const Dataset d = shop();
  // Three days: 8 x 3 x 2^(-20/3) = 0.236 for "old" against 3 for "new".
  const TrendingItems fast(d, {3.0, 7.0});
  EXPECT_NEAR(fast.score(0), 24.0 * std::exp2(-20.0 / 3.0), 1e-4);
  EXPECT_NEAR(fast.score(1), 3.0, 1e-6);
  EXPECT_EQ(fast.score(2), 0.0f);
  ASSERT_EQ(fast.ranked().size(), 2u);  // "quiet" has no weight: not trending at all
  EXPECT_EQ(fast.ranked()[0], 1);
  // A hundred days: 24 x 2^(-0.2) = 20.9 for "old": the many old purchases win.
  const TrendingItems slow(d, {100.0, 7.0});
  EXPECT_EQ(slow.ranked()[0], 0);
  EXPECT_GT(slow.z(0), slow.z(1));
  EXPECT_EQ(slow.now(), kNow);
}

TEST(Trending, ReasonsCountTheWeeksShoppers) {
  const Dataset d = shop();
  EXPECT_EQ(TrendingItems(d, {3.0, 7.0}).recentShoppers(0), 0u);  // 20 days ago: not this week
  const TrendingItems month(d, {3.0, 30.0});
  EXPECT_EQ(month.recentShoppers(0), 8u);
  EXPECT_EQ(month.reason(0), "trending: 8 shoppers looked at it in the last 30 days");
  EXPECT_EQ(month.reason(1), "trending in the store right now");
}

}  // namespace
}  // namespace vrmall::rec
