#pragma once
// DemographicModel: what shoppers like this one chose, for a shopper with no history yet (the
// first-time visitor: the mall's most common shopper). Each user attribute with few distinct
// values (a category or set such as GENDER, OCCUPATION, STYLE; a number such as AGE or BUDGET,
// cut at the training shoppers' quintiles) gives, per value, how many of the shoppers with that
// value chose each item. Scored naive-Bayes style around the popularity prior:
//   s(i) = log p(i) + beta * sum_a [ log p(i | a) - log p(i) ],
//   p(i | a) = (count(i, a) + m * p(i)) / (N(a) + m),
// so an attribute the shopper lacks, or a value seen on few shoppers, leaves popularity alone.
// m and beta are tuned on shoppers held out whole (tuneColdStart in service/tune_model).
#include <string>
#include <vector>

#include "vrmall/rec/models/model.h"

namespace vrmall::rec {

class DemographicModel final : public Model {
 public:
  std::string kind() const override { return "demographic"; }
  void fit(const TrainingData& data) override;
  void score(const UserContext& user, std::span<float> scores) const override;
  void explain(const UserContext& user, int32_t item, std::vector<Reason>& out) const override;
  nlohmann::json params() const override;
  void setParams(const nlohmann::json& params) override;
  std::vector<nlohmann::json> searchSpace() const override;
  void save(BinaryWriter& out) const override;
  void load(BinaryReader& in, const Dataset& data) override;

  // Attributes used (after fit): name and number of values.
  std::vector<std::pair<std::string, size_t>> attributesUsed() const;

  static constexpr size_t kMaxValues = 64;       // a column with more distinct values is left out
  static constexpr size_t kBins = 5;             // numbers: quintiles of the training shoppers
  static constexpr size_t kMaxPairValues = 128;  // pairs of attributes taken together up to this

 private:
  struct Attribute {
    std::string name;
    bool number = false;
    std::vector<double> edges;               // number: kBins - 1 cut points, ascending
    std::vector<std::string> labels;         // per value: the text shown in reasons
    std::vector<std::string> values;         // category/set: lower-cased value per code
    std::vector<std::vector<float>> counts;  // per value: per item, shoppers who chose it
    std::vector<float> totals;               // per value: sum of counts
    // A pair of attributes taken together (GENDER & AGE): the two base attributes' indices;
    // value = left value * right's value count + right value. -1: a base attribute.
    int left = -1, right = -1;
  };
  // The value indices of `attribute` for a shopper's raw attribute text.
  std::vector<size_t> valuesOf(const Attribute& attribute, const std::string& raw) const;
  // Every attribute's values for one shopper (pairs from their two parts).
  std::vector<std::vector<size_t>> valuesOf(const UserContext& user) const;
  void logPrior(std::vector<float>& out) const;

  std::vector<Attribute> attributes_;
  std::vector<float> popularity_;  // shoppers per item
  float smoothing_ = 20.0f;        // m
  float beta_ = 0.75f;
};

}  // namespace vrmall::rec
