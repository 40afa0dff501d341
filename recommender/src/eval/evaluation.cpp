#include "vrmall/rec/eval/evaluation.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "vrmall/rec/models/top_k.h"

namespace vrmall::rec {

std::vector<std::vector<int32_t>> relevantItems(std::span<const Interaction> test, int32_t users,
                                                const EventWeights& weights) {
  std::vector<std::vector<int32_t>> relevant(static_cast<size_t>(users));
  for (const auto& e : test) {
    if (e.user < 0 || e.user >= users || weights.weight(e) <= 0.0f) continue;
    relevant[static_cast<size_t>(e.user)].push_back(e.item);
  }
  for (auto& r : relevant) {
    std::sort(r.begin(), r.end());
    r.erase(std::unique(r.begin(), r.end()), r.end());
  }
  return relevant;
}

ListMetrics listMetrics(std::span<const int32_t> ranked, std::span<const int32_t> relevant,
                        size_t k) {
  ListMetrics m{0, 0, 0, 0};
  if (relevant.empty() || k == 0) return m;
  double dcg = 0, hits = 0, ap = 0;
  for (size_t r = 0; r < ranked.size() && r < k; ++r) {
    if (std::binary_search(relevant.begin(), relevant.end(), ranked[r])) {
      hits += 1;
      dcg += 1.0 / std::log2(static_cast<double>(r) + 2.0);
      ap += hits / static_cast<double>(r + 1);
    }
  }
  double idcg = 0;
  const size_t ideal = std::min(k, relevant.size());
  for (size_t r = 0; r < ideal; ++r) idcg += 1.0 / std::log2(static_cast<double>(r) + 2.0);
  m.precision = hits / static_cast<double>(k);
  m.recall = hits / static_cast<double>(relevant.size());
  m.ndcg = dcg / idcg;
  m.ap = ap / static_cast<double>(ideal);
  return m;
}

RankingMetrics evaluateScores(const TrainingData& train,
                              const std::vector<std::vector<int32_t>>& relevant,
                              const EvalOptions& options,
                              const std::function<void(int32_t, std::span<float>)>& scores_of) {
  RankingMetrics out;
  const auto items = static_cast<size_t>(train.numItems());
  std::vector<float> scores(items);
  std::vector<uint8_t> seen(items, 0);
  std::vector<uint8_t> recommended(items, 0);
  std::vector<int32_t> ranked;
  std::vector<double> latencies;
  for (int32_t u = 0; u < train.numUsers() && static_cast<size_t>(u) < relevant.size(); ++u) {
    const auto& rel = relevant[static_cast<size_t>(u)];
    const auto row_begin = train.user_items.outerIndexPtr()[u];
    const auto row_end = train.user_items.outerIndexPtr()[u + 1];
    const bool cold = row_begin == row_end;
    if (rel.empty() || (cold && !options.cold_users)) continue;
    const auto t0 = std::chrono::steady_clock::now();
    scores_of(u, scores);
    for (auto k = row_begin; k < row_end; ++k)
      seen[static_cast<size_t>(train.user_items.innerIndexPtr()[k])] = 1;
    const auto top = topK(scores, options.k, seen);
    const auto t1 = std::chrono::steady_clock::now();
    for (auto k = row_begin; k < row_end; ++k)
      seen[static_cast<size_t>(train.user_items.innerIndexPtr()[k])] = 0;
    latencies.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
    ranked.clear();
    for (const auto& s : top) {
      ranked.push_back(s.item);
      recommended[static_cast<size_t>(s.item)] = 1;
    }
    const auto m = listMetrics(ranked, rel, options.k);
    out.precision += m.precision;
    out.recall += m.recall;
    out.ndcg += m.ndcg;
    out.map += m.ap;
    ++out.users;
    if (cold) {
      ++out.cold_users;
      out.cold_ndcg += m.ndcg;
    } else {
      out.warm_ndcg += m.ndcg;
    }
  }
  if (out.users > 0) {
    const double n = out.users;
    out.precision /= n;
    out.recall /= n;
    out.ndcg /= n;
    out.map /= n;
    if (out.cold_users > 0) out.cold_ndcg /= out.cold_users;
    if (out.users > out.cold_users) out.warm_ndcg /= (out.users - out.cold_users);
  }
  const double catalogue =
      options.catalogue_size > 0 ? options.catalogue_size : static_cast<double>(items);
  double covered = 0;
  for (uint8_t r : recommended) covered += r;
  out.coverage = catalogue > 0 ? covered / catalogue : 0.0;
  if (!latencies.empty()) {
    std::sort(latencies.begin(), latencies.end());
    out.recommend_us_median = latencies[latencies.size() / 2];
    out.recommend_us_p99 = latencies[std::min(latencies.size() - 1, latencies.size() * 99 / 100)];
  }
  return out;
}

RankingMetrics evaluate(const Model& model, const TrainingData& train,
                        const std::vector<std::vector<int32_t>>& relevant,
                        const EvalOptions& options) {
  // The context is built outside the timed region in a real service too (it is the shopper's
  // state, kept up to date as events arrive), so only scoring and selection are timed.
  std::vector<UserContext> contexts(static_cast<size_t>(train.numUsers()));
  for (int32_t u = 0; u < train.numUsers(); ++u) {
    if (static_cast<size_t>(u) < relevant.size() && !relevant[static_cast<size_t>(u)].empty()) {
      UserContext& ctx = contexts[static_cast<size_t>(u)];
      ctx = contextFromTraining(train, u);
      // A shopper the model never saw: no stored factors to use, only the attributes.
      if (ctx.history.empty()) {
        ctx.user = -1;
        ctx.history_matches_training = false;
      }
    }
  }
  return evaluateScores(train, relevant, options, [&](int32_t u, std::span<float> scores) {
    model.score(contexts[static_cast<size_t>(u)], scores);
  });
}

}  // namespace vrmall::rec
