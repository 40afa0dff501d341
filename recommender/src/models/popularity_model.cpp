#include "vrmall/rec/models/popularity_model.h"

#include <cmath>

#include "vrmall/rec/data/size_match.h"

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
  if (dataset_) {
    const SizeMatch size =
        matchSize(dataset_->item_attributes.column("SIZES"), item, user.attributes);
    if (size.applies && size.fits) {
      out.push_back({"popular in size " + size.size, std::log1p(counts_[i]) * 0.1f, kind()});
      return;
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
