#pragma once
// PopularityModel: how many shoppers chose each item. The baseline every model must beat, the
// fallback for a shopper nobody knows anything about, and the popularity prior of the hybrid.
#include "vrmall/rec/models/model.h"

namespace vrmall::rec {

class PopularityModel final : public Model {
 public:
  std::string kind() const override { return "popularity"; }
  void fit(const TrainingData& data) override;
  void score(const UserContext& user, std::span<float> scores) const override;
  void explain(const UserContext& user, int32_t item, std::vector<Reason>& out) const override;
  nlohmann::json params() const override { return nlohmann::json::object(); }
  void setParams(const nlohmann::json&) override {}
  void save(BinaryWriter& out) const override;
  void load(BinaryReader& in, const Dataset& data) override;

  const std::vector<float>& counts() const { return counts_; }

 private:
  std::vector<float> counts_;  // distinct shoppers per item
};

}  // namespace vrmall::rec
