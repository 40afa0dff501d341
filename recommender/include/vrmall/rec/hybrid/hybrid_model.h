#pragma once
// HybridModel: the shopping guide's blend. Each part's scores are standardised per shopper
// (z-scores over the catalogue) and summed with weights found on validation data carved from the
// training events: coordinate ascent on NDCG@k, subject to a catalogue-coverage floor so the
// "For you" shelves reach far beyond the best sellers. The floor is met by the smallest per-item
// lifts that bring uncovered items into the lists of the shoppers closest to choosing them.
// A shopper with no history yet (a first-time visitor) gets a blend of its own: what shoppers
// with the same attributes chose (demographic), the avatar's style and budget (content) and
// popularity, weighted on training shoppers held out whole.
#include <memory>
#include <vector>

#include "vrmall/rec/eval/tuning.h"
#include "vrmall/rec/models/model.h"

namespace vrmall::rec {

class HybridModel final : public Model {
 public:
  HybridModel();
  std::string kind() const override { return "hybrid"; }
  void fit(const TrainingData& data) override;
  void score(const UserContext& user, std::span<float> scores) const override;
  void explain(const UserContext& user, int32_t item, std::vector<Reason>& out) const override;
  void draftReasons(const UserContext& user, std::span<const int32_t> items,
                    ReasonDrafts& out) const override;
  nlohmann::json params() const override;
  void setParams(const nlohmann::json& params) override;
  void save(BinaryWriter& out) const override;
  void load(BinaryReader& in, const Dataset& data) override;

  // Tunes every part's hyperparameters, then the blend weights, on validation folds carved from
  // `train` (src/hybrid_tuning.cpp). The blend is scored as it will be served: with the lifts
  // that make the validation lists meet the coverage floor.
  TuningResult tune(const Dataset& data, std::span<const Interaction> train,
                    const EventWeights& weights, const TuningOptions& options);

  struct Part {
    std::unique_ptr<Model> model;
    float weight = 0.0f;       // in the blend for shoppers with a history
    float cold_weight = 0.0f;  // in the blend for shoppers with none
  };
  const std::vector<Part>& parts() const { return parts_; }

 private:
  // The first-visit blend's part parameters and weights, on training shoppers held out whole
  // (src/hybrid/cold_start_tuning.cpp).
  void tuneColdBlend(const Dataset& data, std::span<const Interaction> train,
                     const EventWeights& weights, const TuningOptions& options,
                     TuningResult& result);
  static bool firstVisit(const UserContext& user) { return user.history.empty(); }
  static float partWeight(const Part& part, const UserContext& user) {
    return firstVisit(user) ? part.cold_weight : part.weight;
  }

  // Per-item lifts that let the training shoppers' top-k lists reach min_coverage of the
  // catalogue (src/coverage_boost.h); computed at fit() from the model's own suggestions.
  void computeCoverageLifts(const TrainingData& data);
  static constexpr size_t kCoverageK = 10;

  std::vector<Part> parts_;
  float min_coverage_ = 0.25f;  // product floor: share of the catalogue the top-k lists reach
  size_t normalize_top_ = 0;    // 0: z-scores over the catalogue; N: over each part's top N
  std::vector<float> coverage_lifts_;  // per item, added to the blend
};

// Standardises scores in place: (s - mean) / std over all entries, or over the `top` highest
// when top > 0 (std 0 -> zeros).
void standardize(std::span<float> scores, size_t top = 0);

}  // namespace vrmall::rec
