// Recommender speed: ALS training (32 factors, 15 iterations, 2 threads), per-user top-10 from
// trained factors, fold-in of a shopper plus top-10, and the hybrid's per-shopper top-10. Runs on
// MovieLens 100K split42 when ../shared is there, else on synthetic data of the same shape.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <random>

#include "vrmall/rec/models/als_model.h"
#include "vrmall/rec/models/top_k.h"
#include "vrmall/rec/service/recommender.h"

namespace vrmall::rec {
namespace {

const Dataset& benchData() {
  static const Dataset data = [] {
    const std::string train =
        std::string(VRMALL_SHARED_DIR) + "/datasets/ml-100k/split42/train.csv";
    if (std::filesystem::exists(train)) return loadDataset({train, "", ""});
    Dataset d;  // 943 x 1682 with ~44k events, popularity-skewed like ml-100k
    std::mt19937 rng(1);
    std::exponential_distribution<> pick(1.0 / 300.0);
    for (int u = 0; u < 943; ++u) d.users.add(std::to_string(u));
    for (int i = 0; i < 1682; ++i) d.items.add(std::to_string(i));
    for (int n = 0; n < 44300; ++n) {
      const int item = std::min(1681, static_cast<int>(pick(rng)));
      d.events.push_back({static_cast<int32_t>(rng() % 943), item, n, EventType::Rating, 5});
    }
    d.syncSizes();
    return d;
  }();
  return data;
}

const TrainingData& benchTraining() {
  static const TrainingData t =
      makeTrainingData(benchData(), benchData().events, EventWeights{}, 2, 42);
  return t;
}

void BM_AlsTrain32f15it2t(benchmark::State& state) {
  AlsModel als;
  for (auto _ : state) {
    als.fit(benchTraining());
    benchmark::DoNotOptimize(als.itemFactors().data());
  }
}
BENCHMARK(BM_AlsTrain32f15it2t)->Unit(benchmark::kMillisecond)->UseRealTime();

const AlsModel& trainedAls() {
  static const AlsModel als = [] {
    AlsModel m;
    m.fit(benchTraining());
    return m;
  }();
  return als;
}

// Scores and selects top-10 for one shopper after another; `as_new` folds each history in.
void runAlsTop10(benchmark::State& state, bool as_new) {
  const auto& t = benchTraining();
  std::vector<UserContext> users;
  for (int32_t u = 0; u < t.numUsers(); ++u) {
    users.push_back(contextFromTraining(t, u));
    if (as_new) {
      users.back().user = -1;
      users.back().history_matches_training = false;
    }
  }
  std::vector<float> scores(static_cast<size_t>(t.numItems()));
  std::vector<uint8_t> seen(scores.size(), 0);
  size_t u = 0;
  for (auto _ : state) {
    const auto& ctx = users[u++ % users.size()];
    trainedAls().score(ctx, scores);
    for (const auto& h : ctx.history) seen[static_cast<size_t>(h.item)] = 1;
    benchmark::DoNotOptimize(topK(scores, 10, seen));
    for (const auto& h : ctx.history) seen[static_cast<size_t>(h.item)] = 0;
  }
}

void BM_AlsRecommendTop10(benchmark::State& state) {
  runAlsTop10(state, false);
}
BENCHMARK(BM_AlsRecommendTop10)->Unit(benchmark::kMicrosecond);

void BM_AlsFoldInPlusTop10(benchmark::State& state) {
  runAlsTop10(state, true);
}
BENCHMARK(BM_AlsFoldInPlusTop10)->Unit(benchmark::kMicrosecond);

void BM_HybridRecommendTop10WithReasons(benchmark::State& state) {
  static const Recommender r = [] {
    TrainOptions o;
    o.tune = false;
    return Recommender::train(benchData(), o);
  }();
  std::vector<UserContext> users;
  for (int32_t u = 0; u < r.data().numUsers(); ++u)
    users.push_back(r.contextFor(r.data().users.id(u)));
  RecommendOptions ro;
  size_t u = 0;
  for (auto _ : state) benchmark::DoNotOptimize(r.recommend(users[u++ % users.size()], ro));
}
BENCHMARK(BM_HybridRecommendTop10WithReasons)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace vrmall::rec

BENCHMARK_MAIN();
