#pragma once
// Offline evaluation: precision, recall, NDCG, MAP and catalogue coverage at k, plus the per-user
// top-k latency of the trained model (scoring, excluding seen items, selecting k).
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "vrmall/rec/models/model.h"

namespace vrmall::rec {

struct RankingMetrics {
  double precision = 0, recall = 0, ndcg = 0, map = 0, coverage = 0;
  int users = 0;       // shoppers scored
  int cold_users = 0;  // of them, shoppers with no training events (scored from attributes)
  double warm_ndcg = 0, cold_ndcg = 0;  // NDCG over each group alone
  double recommend_us_median = 0, recommend_us_p99 = 0;
};

// relevant[user] = test items (deduplicated); built from test events with EventWeights' threshold.
std::vector<std::vector<int32_t>> relevantItems(std::span<const Interaction> test, int32_t users,
                                                const EventWeights& weights);

// Metric formulas for one ranked list (binary relevance; IDCG over min(k, |relevant|)).
struct ListMetrics {
  double precision, recall, ndcg, ap;
};
ListMetrics listMetrics(std::span<const int32_t> ranked, std::span<const int32_t> relevant_sorted,
                        size_t k);

struct EvalOptions {
  size_t k = 10;
  // Also score test shoppers with no training events (a first-time visitor: attributes only).
  bool cold_users = true;
  bool measure_latency = true;
  int32_t catalogue_size = 0;  // coverage denominator; 0 = number of items in the dataset
};

// Users with a relevant test item are scored: those with training items from them, the others
// (cold users, when options.cold_users) from their attributes alone.
RankingMetrics evaluate(const Model& model, const TrainingData& train,
                        const std::vector<std::vector<int32_t>>& relevant,
                        const EvalOptions& options);

// Same, for precomputed score rows (used by the hybrid's weight search): `scores_of(user, out)`.
RankingMetrics evaluateScores(const TrainingData& train,
                              const std::vector<std::vector<int32_t>>& relevant,
                              const EvalOptions& options,
                              const std::function<void(int32_t, std::span<float>)>& scores_of);

}  // namespace vrmall::rec
