#pragma once
// EaseModel: Steck's "Embarrassingly Shallow Autoencoder" (WWW 2019), a closed-form item-item
// model: B = I - P·diag(1/diag(P)) with P = (XᵀX + λI)⁻¹, so diag(B) = 0 and a shopper's scores
// are x_u·B. Strongest single model on dense catalogues; O(items²) memory, so it is limited to
// catalogues of at most kMaxItems.
#include <Eigen/Core>

#include "vrmall/rec/models/model.h"

namespace vrmall::rec {

class EaseModel final : public Model {
 public:
  static constexpr int32_t kMaxItems = 20000;
  // The hybrid leaves EASE out above this: items² floats (100 MB at 5000) and an items³ fit.
  static constexpr int32_t kHybridMaxItems = 5000;

  std::string kind() const override { return "ease"; }
  void fit(const TrainingData& data) override;
  void score(const UserContext& user, std::span<float> scores) const override;
  void explain(const UserContext& user, int32_t item, std::vector<Reason>& out) const override;
  nlohmann::json params() const override;
  void setParams(const nlohmann::json& params) override;
  std::vector<nlohmann::json> searchSpace() const override;
  void save(BinaryWriter& out) const override;
  void load(BinaryReader& in, const Dataset& data) override;

 private:
  float lambda_ = 300.0f;
  float rho_ = 0.0f;    // extra L2 proportional to item popularity (DLAE-style)
  bool binary_ = true;  // fit on 0/1 presence rather than confidences
  Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> b_;
};

}  // namespace vrmall::rec
