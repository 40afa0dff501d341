#include "vrmall/rec/models/weighting.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "vrmall/rec/data/data_error.h"
#include "vrmall/rec/models/model.h"

namespace vrmall::rec {

Weighting weightingFromString(const std::string& name) {
  if (name == "none" || name == "cosine") return Weighting::None;
  if (name == "tfidf") return Weighting::TfIdf;
  if (name == "bm25") return Weighting::Bm25;
  throw DataError("unknown weighting '" + name + "' (use none, tfidf or bm25)");
}

std::string toString(Weighting w) {
  switch (w) {
    case Weighting::None:
      return "none";
    case Weighting::TfIdf:
      return "tfidf";
    case Weighting::Bm25:
      return "bm25";
  }
  return "none";
}

float WeightingTransform::weight(double x, double idf, int32_t item) const {
  double w = x;
  if (weighting_ == Weighting::TfIdf) {
    w = std::sqrt(x) * idf;
  } else if (weighting_ == Weighting::Bm25) {
    const double len = static_cast<size_t>(item) < item_length_.size()
                           ? item_length_[static_cast<size_t>(item)]
                           : mean_length_;
    const double norm = (1.0 - bm25_.b) + bm25_.b * len / mean_length_;
    w = x * (bm25_.k1 + 1.0) / (bm25_.k1 * norm + x) * idf;
  }
  return static_cast<float>(std::max(w, 0.0));
}

SparseMatrix WeightingTransform::fitApply(const SparseMatrix& user_items) {
  const auto items = static_cast<size_t>(user_items.cols());
  item_length_.assign(items, 0.0f);
  for (Eigen::Index u = 0; u < user_items.outerSize(); ++u) {
    for (SparseMatrix::InnerIterator it(user_items, u); it; ++it) {
      item_length_[static_cast<size_t>(it.col())] += it.value();
    }
  }
  double total = 0.0;
  for (float l : item_length_) total += l;
  mean_length_ = items && total > 0.0 ? total / static_cast<double>(items) : 1.0;
  if (weighting_ == Weighting::None) return user_items;

  const double n = static_cast<double>(items);
  SparseMatrix out = user_items;
  for (Eigen::Index u = 0; u < out.outerSize(); ++u) {
    const double df = static_cast<double>(out.outerIndexPtr()[u + 1] - out.outerIndexPtr()[u]);
    const double idf = std::log(n) - std::log1p(df);
    for (SparseMatrix::InnerIterator it(out, u); it; ++it) {
      it.valueRef() = weight(it.value(), idf, static_cast<int32_t>(it.col()));
    }
  }
  out.prune(0.0f);
  return out;
}

void WeightingTransform::applyToHistory(std::span<ItemWeight> history) const {
  if (weighting_ == Weighting::None) return;
  const double n = static_cast<double>(std::max<size_t>(item_length_.size(), 1));
  const double idf = std::log(n) - std::log1p(static_cast<double>(history.size()));
  for (auto& h : history) h.weight = weight(h.weight, idf, h.item);
}

void WeightingTransform::save(BinaryWriter& out) const {
  out.put<uint8_t>(static_cast<uint8_t>(weighting_));
  out.put<float>(bm25_.k1);
  out.put<float>(bm25_.b);
  out.putVector(item_length_);
  out.put<double>(mean_length_);
}

void WeightingTransform::load(BinaryReader& in) {
  const auto w = in.get<uint8_t>();
  if (w > static_cast<uint8_t>(Weighting::Bm25)) in.fail("weighting kind");
  weighting_ = static_cast<Weighting>(w);
  bm25_.k1 = in.get<float>();
  bm25_.b = in.get<float>();
  item_length_ = in.getVector<float>();
  mean_length_ = in.get<double>();
  if (!(mean_length_ > 0.0)) in.fail("weighting mean length");
}

SparseMatrix applyWeighting(const SparseMatrix& user_items, Weighting weighting,
                            const Bm25Params& bm25) {
  WeightingTransform t(weighting, bm25);
  return t.fitApply(user_items);
}

}  // namespace vrmall::rec
