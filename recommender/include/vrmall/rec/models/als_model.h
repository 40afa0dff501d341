#pragma once
// AlsModel: implicit-feedback matrix factorisation (Hu, Koren, Volinsky 2008). Confidence
// c_ui = 1 + α·r_ui on observed pairs, preference 1 there and 0 elsewhere; alternating least
// squares with a few conjugate-gradient steps per row (Takács et al. 2011), warm-started, on
// several threads. A new or changed shopper is folded in exactly (one f×f solve) without
// retraining.
#include <Eigen/Core>

#include "vrmall/rec/models/model.h"
#include "vrmall/rec/models/weighting.h"

namespace vrmall::rec {

class AlsModel final : public Model {
 public:
  using Factors = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

  std::string kind() const override { return "als"; }
  void fit(const TrainingData& data) override;
  void score(const UserContext& user, std::span<float> scores) const override;
  void explain(const UserContext& user, int32_t item, std::vector<Reason>& out) const override;
  // The same reasons as explain(), item by item, with the history's factor norms computed once.
  void draftReasons(const UserContext& user, std::span<const int32_t> items,
                    ReasonDrafts& out) const override;
  nlohmann::json params() const override;
  void setParams(const nlohmann::json& params) override;
  std::vector<nlohmann::json> searchSpace() const override;
  void save(BinaryWriter& out) const override;
  void load(BinaryReader& in, const Dataset& data) override;

  // Factors trained elsewhere (Spark MLlib's ALS: import-als): items x f and users x f for
  // `data`'s items and users. Shoppers whose row `has_user[u]` is 0 are folded in from their
  // training history with `alpha` and `regularization` (MLlib's alpha and regParam). No
  // re-weighting of the confidences (MLlib trains on the raw values).
  void setFactors(const TrainingData& data, Factors users, Factors items,
                  const std::vector<uint8_t>& has_user, float alpha, float regularization);
  // Solves the shopper's factors from a history (item, confidence before α).
  Eigen::VectorXf foldIn(std::span<const ItemWeight> history) const;
  const Factors& userFactors() const { return users_; }
  const Factors& itemFactors() const { return items_; }
  double lastFitSeconds() const { return fit_seconds_; }

 private:
  // What scoring, fold-in and reasons read, derived from the factors after fit() and load().
  void cacheDerived();

  int factors_ = 32;
  int iterations_ = 15;
  int cg_steps_ = 3;
  float regularization_ = 0.05f;
  float alpha_ = 2.0f;
  Weighting weighting_ = Weighting::Bm25;
  Bm25Params bm25_{100.0f, 0.8f};
  WeightingTransform transform_;
  Factors users_, items_;
  Eigen::MatrixXf gram_;  // YᵀY + λI of the item factors, cached for fold-in
  // The item factors again, column-major: scoring the catalogue is then a sum of scaled columns,
  // which vectorises better than a horizontal dot product per item.
  Eigen::MatrixXf items_by_factor_;
  Eigen::VectorXf item_norms_;  // |item factors| per item, for the reasons' cosines
  double fit_seconds_ = 0.0;
};

}  // namespace vrmall::rec
