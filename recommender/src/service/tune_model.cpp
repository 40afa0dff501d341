#include "vrmall/rec/service/tune_model.h"

#include <algorithm>

#include "vrmall/rec/eval/evaluation.h"
#include "vrmall/rec/eval/split.h"
#include "vrmall/rec/hybrid/hybrid_model.h"

namespace vrmall::rec {

TuningResult tuneColdStart(Model& model, const Dataset& data, std::span<const Interaction> train,
                           const EventWeights& weights, const TuningOptions& options) {
  // Shoppers held out whole: they stand for first-time visitors.
  TuningResult result;
  const nlohmann::json base = model.params();
  std::vector<double> mean;
  const int folds = std::max(1, options.folds);
  for (int f = 0; f < folds; ++f) {
    const Split s =
        coldUserSplit(train, options.cold_fraction, options.seed + static_cast<uint64_t>(f));
    const TrainingData fit_data =
        makeTrainingData(data, s.train, weights, options.threads, options.seed);
    model.setParams(base);
    TuningOptions fold_options = options;
    fold_options.cold_users = true;
    const TuningResult r =
        tuneOnSplit(model, fit_data, relevantItems(s.test, data.numUsers(), weights), fold_options);
    if (mean.empty()) mean.assign(r.trials.size(), 0.0);
    for (size_t c = 0; c < r.trials.size(); ++c)
      mean[c] += r.trials[c]["ndcg"].get<double>() / folds;
    result.trials = r.trials;
  }
  size_t best = 0;
  for (size_t c = 1; c < mean.size(); ++c) {
    if (mean[c] > mean[best]) best = c;
  }
  nlohmann::json p = base;
  if (!mean.empty()) {
    p.update(model.searchSpace()[best]);
    result.best_ndcg = mean[best];
  }
  model.setParams(p);
  result.best_params = p;
  return result;
}

TuningResult tuneModel(Model& model, const Dataset& data, std::span<const Interaction> train,
                       const EventWeights& weights, const TuningOptions& options) {
  if (auto* hybrid = dynamic_cast<HybridModel*>(&model))
    return hybrid->tune(data, train, weights, options);
  // A model for first-time visitors is judged on first-time visitors.
  if (model.kind() == "demographic") return tuneColdStart(model, data, train, weights, options);
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
