#pragma once
// Recommender: a trained model with its catalogue and shopper histories, the object a service
// (or the mall client) holds. It ranks, filters and explains: implicit's
// recommend(user, history, N, filter_already_liked) plus attribute filters, size availability
// and reasons. Saved and loaded as one versioned, checksummed model file.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "vrmall/rec/data/item_filter.h"
#include "vrmall/rec/data/size_match.h"
#include "vrmall/rec/eval/tuning.h"
#include "vrmall/rec/models/model.h"

namespace vrmall::rec {

struct RecommendOptions {
  size_t n = 10;
  bool filter_already_liked = true;  // drop items in the shopper's history
  std::string filter;                // ItemFilter expression, e.g. "PRICE < 300"
  bool only_in_size = true;          // with a SIZE attribute: only items stocked in that size
  std::vector<int32_t> exclude;      // further items to leave out (e.g. already on display)
  size_t reasons = 3;                // reasons per suggestion
};

struct Recommendation {
  int32_t item = -1;
  std::string id;
  std::string name;
  float score = 0.0f;
  std::vector<Reason> reasons;
};

struct TrainOptions {
  std::string model = "hybrid";
  bool tune = true;
  nlohmann::json params;  // fixed hyperparameters (applied after tuning)
  EventWeights weights;
  int threads = 2;
  uint64_t seed = 42;
  std::function<void(size_t, size_t, const std::string&)> progress;
};

class Recommender {
 public:
  static constexpr uint32_t kFormatVersion = 2;  // 2: the hybrid's first-visit blend

  // Trains on data.events (tuning on a validation split carved from them, when asked).
  static Recommender train(Dataset data, const TrainOptions& options,
                           TuningResult* tuning = nullptr);
  static Recommender load(const std::string& path);
  // A model fitted elsewhere: `fit` is handed the training data built from data.events (e.g.
  // factors imported from Spark) and returns the ready model.
  static Recommender assemble(
      Dataset data, const EventWeights& weights,
      const std::function<std::unique_ptr<Model>(const TrainingData&)>& fit);
  void save(const std::string& path) const;

  // A known shopper's context (history and attributes), or an empty one for a new shopper id.
  UserContext contextFor(const std::string& user_id) const;
  // Adds live events (gaze, try-on, ...) to a context, updating history; marks it as changed.
  void addEvents(UserContext& user, const std::vector<Interaction>& events) const;

  std::vector<Recommendation> recommend(const UserContext& user,
                                        const RecommendOptions& options) const;
  // The items `options` rule out for this shopper (1 = excluded): history when
  // filter_already_liked, `exclude`, the attribute filter, and sizes the shopper does not wear.
  std::vector<uint8_t> excludedItems(const UserContext& user,
                                     const RecommendOptions& options) const;
  // A suggestion's reasons, strongest first, without repeats (at most `limit`).
  std::vector<Reason> reasonsFor(const UserContext& user, int32_t item, size_t limit) const;
  std::vector<std::vector<Reason>> reasonsFor(const UserContext& user,
                                              std::span<const int32_t> items, size_t limit) const;
  // Items like `item_id` (the model's view of "shoppers who liked this also liked").
  std::vector<Recommendation> similar(const std::string& item_id, size_t n) const;

  const Dataset& data() const { return *data_; }
  const Model& model() const { return *model_; }
  const TrainingData& training() const { return training_; }
  double trainSeconds() const { return train_seconds_; }

 private:
  std::shared_ptr<Dataset> data_;
  std::unique_ptr<Model> model_;
  TrainingData training_;
  SizeIndex sizes_;
  double train_seconds_ = 0.0;
};

}  // namespace vrmall::rec
