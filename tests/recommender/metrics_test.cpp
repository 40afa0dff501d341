#include <algorithm>
#include <cmath>
#include <random>

#include "test_support.h"
#include "vrmall/rec/eval/evaluation.h"
#include "vrmall/rec/eval/split.h"
#include "vrmall/rec/models/top_k.h"

namespace vrmall::rec {
namespace {

TEST(Metrics, HandComputedList) {
  const std::vector<int32_t> ranked = {5, 1, 7, 3};
  const std::vector<int32_t> relevant = {1, 3, 9};  // sorted
  const auto m = listMetrics(ranked, relevant, 4);
  EXPECT_DOUBLE_EQ(m.precision, 2.0 / 4.0);
  EXPECT_DOUBLE_EQ(m.recall, 2.0 / 3.0);
  const double dcg = 1 / std::log2(3.0) + 1 / std::log2(5.0);
  const double idcg = 1 + 1 / std::log2(3.0) + 1 / std::log2(4.0);
  EXPECT_NEAR(m.ndcg, dcg / idcg, 1e-12);
  EXPECT_NEAR(m.ap, (1.0 / 2 + 2.0 / 4) / 3.0, 1e-12);
}

TEST(Metrics, PerfectListScoresOne) {
  const std::vector<int32_t> ranked = {2, 4};
  const std::vector<int32_t> relevant = {2, 4};
  const auto m = listMetrics(ranked, relevant, 10);
  EXPECT_DOUBLE_EQ(m.ndcg, 1.0);
  EXPECT_DOUBLE_EQ(m.ap, 1.0);
}

TEST(TopK, OrdersBestFirstAndSkipsExcluded) {
  const std::vector<float> s = {0.1f, 0.9f, 0.5f, 0.9f, -1.0f};
  const std::vector<uint8_t> ex = {0, 0, 0, 1, 0};
  const auto top = topK(s, 3, ex);
  ASSERT_EQ(top.size(), 3u);
  EXPECT_EQ(top[0].item, 1);
  EXPECT_EQ(top[1].item, 2);
  EXPECT_EQ(top[2].item, 0);
}

// Every k, small (heap) and large (bucket selection), and the selection for every k, against a
// full sort: ties go to the lower
// item, NaN and -inf are never returned, -0 and +0 tie, excluded items are skipped.
TEST(TopK, MatchesAFullSortForEveryK) {
  std::mt19937 rng(3);
  for (int round = 0; round < 40; ++round) {
    const size_t n = 1 + rng() % 3000;
    std::vector<float> s(n);
    std::vector<uint8_t> ex(n);
    std::normal_distribution<float> normal(0.0f, round % 2 ? 1.0f : 1e-3f);
    for (size_t i = 0; i < n; ++i) {
      const unsigned r = rng() % 20;
      s[i] = r == 0   ? NAN
             : r == 1 ? -INFINITY
             : r == 2 ? 0.0f
             : r == 3 ? -0.0f
             : r < 8  ? std::round(normal(rng) * 4.0f) / 4.0f  // many exact ties
                      : normal(rng);
      ex[i] = rng() % 7 == 0;
    }
    std::vector<ScoredItem> all;
    for (size_t i = 0; i < n; ++i) {
      if (!ex[i] && !std::isnan(s[i]) && s[i] != -INFINITY)
        all.push_back({static_cast<int32_t>(i), s[i]});
    }
    std::sort(all.begin(), all.end(), [](const ScoredItem& a, const ScoredItem& b) {
      return a.score > b.score || (a.score == b.score && a.item < b.item);
    });
    for (size_t k :
         {size_t{0}, size_t{1}, size_t{10}, size_t{64}, size_t{65}, size_t{300}, n, n + 5}) {
      for (const auto& top : {topK(s, k, ex), topKSelect(s, k, ex)}) {
        ASSERT_EQ(top.size(), std::min(k, all.size())) << "n " << n << " k " << k;
        for (size_t j = 0; j < top.size(); ++j) {
          ASSERT_EQ(top[j].item, all[j].item) << "n " << n << " k " << k << " rank " << j;
        }
      }
    }
  }
}

// The selection estimates the k-th best from a sample of every few scores; whatever the sample
// sees (here: the items at one stride score far above the rest, or the scores only rise), the
// result is the full sort's.
TEST(TopK, SelectionIsExactWhateverTheSampleSees) {
  const auto fullSort = [](const std::vector<float>& s, size_t k) {
    std::vector<int32_t> order(s.size());
    for (size_t i = 0; i < s.size(); ++i) order[i] = static_cast<int32_t>(i);
    std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
      return s[static_cast<size_t>(a)] > s[static_cast<size_t>(b)];
    });
    order.resize(std::min(k, order.size()));
    return order;
  };
  for (const size_t n : {size_t{1000}, size_t{10000}}) {
    for (size_t stride = 1; stride <= 50; ++stride) {
      std::vector<float> s(n);
      for (size_t i = 0; i < n; ++i)
        s[i] = i % stride == 0 ? 100.0f + static_cast<float>(i % 13) : static_cast<float>(i % 17);
      for (const size_t k : {size_t{12}, size_t{296}}) {
        const auto top = topKSelect(s, k);
        const auto want = fullSort(s, k);
        ASSERT_EQ(top.size(), want.size());
        for (size_t j = 0; j < top.size(); ++j)
          ASSERT_EQ(top[j].item, want[j]) << "n " << n << " stride " << stride << " k " << k;
      }
    }
    // One big tie at the k-th score: the lowest items of it, in order.
    const std::vector<float> flat(n, 0.5f);
    const auto tied = topKSelect(flat, 12);
    ASSERT_EQ(tied.size(), 12U);
    for (size_t j = 0; j < tied.size(); ++j) EXPECT_EQ(tied[j].item, static_cast<int32_t>(j));
    std::vector<float> rising(n);
    for (size_t i = 0; i < n; ++i) rising[i] = static_cast<float>(i);
    const auto top = topKSelect(rising, 296);
    ASSERT_EQ(top.size(), 296U);
    EXPECT_EQ(top.front().item, static_cast<int32_t>(n - 1));
    EXPECT_EQ(top.back().item, static_cast<int32_t>(n - 296));
  }
}

std::vector<Interaction> syntheticEvents() {
  std::vector<Interaction> e;
  for (int u = 0; u < 20; ++u) {
    for (int i = 0; i < 10; ++i)
      e.push_back({u, (u + i) % 30, 1000 + u * 100 + i, EventType::Rating, 5});
  }
  return e;
}

TEST(Split, RandomIsSeededAndDisjoint) {
  const auto events = syntheticEvents();
  const auto a = randomSplit(events, 0.2, 1), b = randomSplit(events, 0.2, 1),
             c = randomSplit(events, 0.2, 2);
  EXPECT_EQ(a.test.size(), 40u);
  EXPECT_EQ(a.train.size(), 160u);
  ASSERT_EQ(a.test.size(), b.test.size());
  bool same = true, differs = false;
  for (size_t i = 0; i < a.test.size(); ++i) {
    same = same && a.test[i].item == b.test[i].item;
    differs = differs || a.test[i].item != c.test[i].item;
  }
  EXPECT_TRUE(same);
  EXPECT_TRUE(differs);
  for (const auto& t : a.test) {
    for (const auto& r : a.train) EXPECT_FALSE(t.user == r.user && t.item == r.item);
  }
}

TEST(Split, TemporalHoldsOutEachUsersLatest) {
  const auto s = temporalLeaveLastOut(syntheticEvents());
  ASSERT_EQ(s.test.size(), 20u);
  for (const auto& t : s.test) EXPECT_EQ(t.timestamp, 1000 + t.user * 100 + 9);
}

}  // namespace
}  // namespace vrmall::rec
