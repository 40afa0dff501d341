#pragma once
// Model: the interface every recommender model implements (popularity, item kNN, EASE, ALS,
// content, session, and the hybrid that blends them). Models score every catalogue item for one
// shopper; ranking, filtering and explanations are done once, in Recommender.
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "vrmall/rec/data/binary_io.h"
#include "vrmall/rec/data/dataset.h"
#include "vrmall/rec/data/event_weights.h"

namespace vrmall::rec {

struct ItemWeight {
  int32_t item;
  float weight;
};

// What a model knows about the shopper it scores for.
struct UserContext {
  int32_t user = -1;                // training row, or -1 for a shopper the model never saw
  std::vector<ItemWeight> history;  // aggregated confidence per item, sorted by item
  std::vector<Interaction> events;  // raw events behind history plus the live session, by time
  std::unordered_map<std::string, std::string> attributes;  // avatar / user attributes (raw text)
  int64_t now = 0;  // "current" time for recency decay (Unix seconds)
  // True when history is exactly the training row of `user`, so models may use what they stored
  // for that user (ALS factors) instead of folding the history in again.
  bool history_matches_training = false;
};

// A reason a shopper understands; `weight` orders reasons for one suggestion.
struct Reason {
  std::string text;
  float weight = 0.0f;
  std::string source;  // model that produced it: itemknn, content, session, ...
};

struct TrainingData {
  const Dataset* data = nullptr;        // ids and attributes
  std::span<const Interaction> events;  // the training events
  SparseMatrix user_items;              // users x items confidence (from EventWeights)
  std::vector<std::vector<Interaction>> user_events;  // each user's kept events, oldest first
  EventWeights weights;
  int threads = 2;
  uint64_t seed = 42;

  int32_t numUsers() const { return static_cast<int32_t>(user_items.rows()); }
  int32_t numItems() const { return static_cast<int32_t>(user_items.cols()); }
};

TrainingData makeTrainingData(const Dataset& data, std::span<const Interaction> events,
                              const EventWeights& weights, int threads, uint64_t seed);

std::unordered_map<std::string, std::string> userAttributes(const Dataset& data, int32_t user);

// Builds the context of a known user from the training data (history = the training row).
UserContext contextFromTraining(const TrainingData& train, int32_t user);

class ReasonDrafts;

class Model {
 public:
  virtual ~Model() = default;
  virtual std::string kind() const = 0;
  virtual void fit(const TrainingData& data) = 0;
  // Writes a score for every item into `scores` (size = number of items); higher is better.
  // Items the model cannot score get -inf... or a low finite value; never NaN.
  virtual void score(const UserContext& user, std::span<float> scores) const = 0;
  // Appends this model's reasons for suggesting `item` to `user`.
  virtual void explain(const UserContext& /*user*/, int32_t /*item*/,
                       std::vector<Reason>& /*out*/) const {}
  // Reasons for several items of one shopper, drafted (reason_drafts.h): the same reasons, in the
  // same order, as explain() item by item, which is what the default does. Models that build a
  // per-shopper profile to explain override it to build the profile once.
  virtual void draftReasons(const UserContext& user, std::span<const int32_t> items,
                            ReasonDrafts& out) const;
  // The drafts in words: out[n] receives items[n]'s reasons.
  void explainItems(const UserContext& user, std::span<const int32_t> items,
                    std::vector<std::vector<Reason>>& out) const;

  virtual nlohmann::json params() const = 0;
  virtual void setParams(const nlohmann::json& params) = 0;
  // Candidate hyperparameters for validation tuning (each a partial params object).
  virtual std::vector<nlohmann::json> searchSpace() const { return {}; }

  virtual void save(BinaryWriter& out) const = 0;
  virtual void load(BinaryReader& in, const Dataset& data) = 0;

  // The data the model was fitted on; set by fit() or load().
  const Dataset* dataset() const { return dataset_; }

 protected:
  const Dataset* dataset_ = nullptr;
};

std::unique_ptr<Model> makeModel(const std::string& kind);
const std::vector<std::string>& modelKinds();

}  // namespace vrmall::rec
