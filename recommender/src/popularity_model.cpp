#include "vrmall/rec/popularity_model.h"

#include <cmath>

namespace vrmall::rec {

void PopularityModel::fit(const TrainingData& data) {
  dataset_ = data.data;
  counts_.assign(static_cast<size_t>(data.numItems()), 0.0f);
  for (Eigen::Index u = 0; u < data.user_items.outerSize(); ++u) {
    for (SparseMatrix::InnerIterator it(data.user_items, u); it; ++it) {
      counts_[static_cast<size_t>(it.col())] += 1.0f;
    }
  }
}

void PopularityModel::score(const UserContext&, std::span<float> scores) const {
  for (size_t i = 0; i < scores.size(); ++i) scores[i] = i < counts_.size() ? counts_[i] : 0.0f;
}

void PopularityModel::explain(const UserContext& user, int32_t item,
                              std::vector<Reason>& out) const {
  const auto i = static_cast<size_t>(item);
  if (i >= counts_.size() || counts_[i] < 1.0f) return;
  const int n = static_cast<int>(counts_[i]);
  const auto size = user.attributes.find("SIZE");
  if (size != user.attributes.end() && dataset_) {
    const Column* sizes = dataset_->item_attributes.column("SIZES");
    const auto code = sizes ? sizes->findCode(size->second) : std::nullopt;
    if (code) {
      const auto [b, e] = sizes->bag(item);
      for (auto p = b; p != e; ++p) {
        if (*p == *code) {
          out.push_back({"popular in size " + size->second, std::log1p(counts_[i]) * 0.1f, kind()});
          return;
        }
      }
    }
  }
  out.push_back(
      {"popular: " + std::to_string(n) + (n == 1 ? " shopper" : " shoppers") + " chose it",
       std::log1p(counts_[i]) * 0.1f, kind()});
}

void PopularityModel::save(BinaryWriter& out) const {
  out.putVector(counts_);
}

void PopularityModel::load(BinaryReader& in, const Dataset& data) {
  dataset_ = &data;
  counts_ = in.getVector<float>();
  if (counts_.size() != static_cast<size_t>(data.numItems())) in.fail("popularity table size");
}

}  // namespace vrmall::rec
