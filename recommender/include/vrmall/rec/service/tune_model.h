#pragma once
// Tuning a model of any kind the way it wants to be tuned: the hybrid tunes its parts and then
// its blend (HybridModel::tune); a single model runs its grid over several carved validation
// folds and keeps the best mean NDCG. Above eval/ and hybrid/ because it knows both.
#include <span>

#include "vrmall/rec/data/dataset.h"
#include "vrmall/rec/data/event_weights.h"
#include "vrmall/rec/eval/tuning.h"
#include "vrmall/rec/models/model.h"

namespace vrmall::rec {

// Carves the validation split from `train` and tunes; the hybrid tunes its parts and blend.
TuningResult tuneModel(Model& model, const Dataset& data, std::span<const Interaction> train,
                       const EventWeights& weights, const TuningOptions& options);

// The grid of a model for shoppers with no history (demographic), judged on training shoppers
// held out whole (options.cold_fraction of them, options.folds draws averaged).
TuningResult tuneColdStart(Model& model, const Dataset& data, std::span<const Interaction> train,
                           const EventWeights& weights, const TuningOptions& options);

}  // namespace vrmall::rec
