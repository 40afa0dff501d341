#pragma once
// SessionModel: what the shopper is doing right now. Recent events are weighted by type and
// EVENT_VALUE (dwell ms) through EventWeights and decay with age (half-life); items score by
// their collaborative neighbourhood (cosine item kNN) of those events plus their attribute
// similarity to them, so a few gaze events re-rank the store within one plan, even for products
// nobody has bought yet.
#include "vrmall/rec/models/content_model.h"
#include "vrmall/rec/models/model.h"

namespace vrmall::rec {

class SessionModel final : public Model {
 public:
  std::string kind() const override { return "session"; }
  void fit(const TrainingData& data) override;
  void score(const UserContext& user, std::span<float> scores) const override;
  void explain(const UserContext& user, int32_t item, std::vector<Reason>& out) const override;
  // The same reasons as explain(), item by item, with the session read once for all of them.
  void draftReasons(const UserContext& user, std::span<const int32_t> items,
                    ReasonDrafts& out) const override;
  nlohmann::json params() const override;
  void setParams(const nlohmann::json& params) override;
  std::vector<nlohmann::json> searchSpace() const override;
  void save(BinaryWriter& out) const override;
  void load(BinaryReader& in, const Dataset& data) override;

  // The decayed, weighted session items (newest events dominate).
  std::vector<ItemWeight> sessionItems(const UserContext& user) const;

 private:
  int max_events_ = 20;
  double half_life_seconds_ = 600.0;
  // 0 by default: the hybrid's content part already scores attribute likeness to the session's
  // items (they are in the history), so a second pass over the catalogue would say it twice.
  float content_weight_ = 0.0f;
  int neighbours_ = 50;
  EventWeights weights_;
  SparseMatrix similarity_;
  ContentModel content_;
};

}  // namespace vrmall::rec
