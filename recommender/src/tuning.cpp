#include "vrmall/rec/tuning.h"

#include "vrmall/rec/evaluation.h"
#include "vrmall/rec/hybrid_model.h"
#include "vrmall/rec/split.h"

namespace vrmall::rec {

ValidationSplit carveValidation(std::span<const Interaction> train, double fraction,
                                uint64_t seed) {
  // A different stream from any test split made with the same seed.
  Split s = randomSplit(train, fraction, seed * 7919 + 17);
  return {std::move(s.train), std::move(s.test)};
}

TuningResult tuneOnSplit(Model& model, const TrainingData& fit_data,
                         const std::vector<std::vector<int32_t>>& relevant,
                         const TuningOptions& options) {
  TuningResult result;
  const auto space = model.searchSpace();
  result.best_params = model.params();
  if (space.empty()) return result;
  const nlohmann::json base = model.params();
  EvalOptions eval;
  eval.k = options.k;
  eval.measure_latency = false;
  double best = -1.0;
  for (size_t c = 0; c < space.size(); ++c) {
    nlohmann::json p = base;
    p.update(space[c]);
    model.setParams(p);
    model.fit(fit_data);
    const auto m = evaluate(model, fit_data, relevant, eval);
    result.trials.push_back({{"params", space[c]}, {"ndcg", m.ndcg}, {"coverage", m.coverage}});
    if (m.ndcg > best) {
      best = m.ndcg;
      result.best_params = p;
    }
    if (options.progress) options.progress(c + 1, space.size(), model.kind());
  }
  result.best_ndcg = best;
  model.setParams(result.best_params);
  return result;
}

TuningResult tuneModel(Model& model, const Dataset& data, std::span<const Interaction> train,
                       const EventWeights& weights, const TuningOptions& options) {
  if (auto* hybrid = dynamic_cast<HybridModel*>(&model))
    return hybrid->tune(data, train, weights, options);
  // Single models: mean validation NDCG over several carved folds, which steadies the choice
  // where the curve is flat (EASE's lambda, ALS's regularisation).
  TuningResult result;
  const nlohmann::json base = model.params();
  std::vector<double> mean;
  const int folds = std::max(1, options.folds);
  for (int f = 0; f < folds; ++f) {
    const ValidationSplit v = carveValidation(train, options.validation_fraction,
                                              options.seed + static_cast<uint64_t>(f));
    const TrainingData fit_data =
        makeTrainingData(data, v.fit_events, weights, options.threads, options.seed);
    model.setParams(base);
    TuningOptions fold_options = options;
    fold_options.progress = [&](size_t done, size_t total, const std::string& what) {
      if (options.progress) options.progress(f * total + done, folds * total, what);
    };
    const TuningResult r = tuneOnSplit(
        model, fit_data, relevantItems(v.held_out, data.numUsers(), weights), fold_options);
    if (mean.empty()) mean.assign(r.trials.size(), 0.0);
    for (size_t c = 0; c < r.trials.size(); ++c)
      mean[c] += r.trials[c]["ndcg"].get<double>() / folds;
    if (f == 0) result.trials = r.trials;
  }
  const auto space = model.searchSpace();
  result.best_params = base;
  result.best_ndcg = -1.0;
  for (size_t c = 0; c < mean.size(); ++c) {
    result.trials[c]["ndcg"] = mean[c];
    if (mean[c] > result.best_ndcg) {
      result.best_ndcg = mean[c];
      result.best_params = base;
      result.best_params.update(space[c]);
    }
  }
  if (mean.empty()) result.best_ndcg = 0.0;
  model.setParams(result.best_params);
  return result;
}

}  // namespace vrmall::rec
