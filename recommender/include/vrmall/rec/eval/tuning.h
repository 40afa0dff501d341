#pragma once
// Hyperparameter tuning on a validation split carved from the training events only (never the
// test set): each candidate of the model's search space is fitted on the carved training part
// and scored by NDCG@k on the held-out part; the best parameters are kept.
#include <functional>
#include <nlohmann/json.hpp>
#include <span>
#include <string>

#include "vrmall/rec/models/model.h"

namespace vrmall::rec {

struct TuningOptions {
  size_t k = 10;
  double validation_fraction = 0.2;
  uint64_t seed = 42;
  int threads = 2;
  int folds = 2;  // validation folds averaged when tuning a single model
  // Validation folds the hybrid's blend weights are judged on: the blend's moves are small next
  // to one fold's noise, so it averages more of them.
  int blend_folds = 3;
  // Score held-out shoppers with no training events too (tuning for first-time visitors).
  bool cold_users = false;
  // Share of the training shoppers held out whole when tuning for first-time visitors.
  double cold_fraction = 0.15;
  // Called after each candidate: (done, total, label) for progress bars.
  std::function<void(size_t, size_t, const std::string&)> progress;
};

struct TuningResult {
  nlohmann::json best_params;
  double best_ndcg = 0.0;
  nlohmann::json trials = nlohmann::json::array();  // {params, ndcg, coverage}
};

// Validation split of training events: what tuning fits on and scores against.
struct ValidationSplit {
  std::vector<Interaction> fit_events;
  std::vector<Interaction> held_out;
};
ValidationSplit carveValidation(std::span<const Interaction> train, double fraction, uint64_t seed);

// Grid search over model.searchSpace() on an already carved split.
TuningResult tuneOnSplit(Model& model, const TrainingData& fit_data,
                         const std::vector<std::vector<int32_t>>& relevant,
                         const TuningOptions& options);

}  // namespace vrmall::rec
