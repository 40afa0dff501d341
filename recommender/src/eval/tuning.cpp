#include "vrmall/rec/eval/tuning.h"

#include "vrmall/rec/eval/evaluation.h"
#include "vrmall/rec/eval/split.h"

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
  eval.cold_users = options.cold_users;
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

}  // namespace vrmall::rec
