#include "vrmall/rec/models/ease_model.h"

#include <Eigen/Cholesky>
#include <algorithm>

#include "vrmall/rec/data/data_error.h"
#include "vrmall/rec/models/activity_phrase.h"

namespace vrmall::rec {

nlohmann::json EaseModel::params() const {
  return {{"lambda", lambda_}, {"rho", rho_}, {"binary", binary_}};
}

void EaseModel::setParams(const nlohmann::json& p) {
  lambda_ = p.value("lambda", lambda_);
  rho_ = p.value("rho", rho_);
  binary_ = p.value("binary", binary_);
}

std::vector<nlohmann::json> EaseModel::searchSpace() const {
  std::vector<nlohmann::json> space;
  for (float l : {100.f, 200.f, 300.f, 500.f, 800.f}) {
    for (float rho : {0.0f, 0.15f, 0.33f}) space.push_back({{"lambda", l}, {"rho", rho}});
  }
  return space;
}

void EaseModel::fit(const TrainingData& data) {
  dataset_ = data.data;
  const int32_t n = data.numItems();
  if (n > kMaxItems) {
    throw DataError("ease: the catalogue has " + std::to_string(n) +
                    " items; EASE needs items² "
                    "memory and supports at most " +
                    std::to_string(kMaxItems) + " (use als or itemknn)");
  }
  // Gram matrix XᵀX accumulated user by user (sparse rows, dense result).
  Eigen::MatrixXd g = Eigen::MatrixXd::Zero(n, n);
  for (Eigen::Index u = 0; u < data.user_items.outerSize(); ++u) {
    for (SparseMatrix::InnerIterator a(data.user_items, u); a; ++a) {
      const double va = binary_ ? 1.0 : a.value();
      for (SparseMatrix::InnerIterator b(data.user_items, u); b; ++b) {
        g(a.col(), b.col()) += va * (binary_ ? 1.0 : b.value());
      }
    }
  }
  // L2 of lambda plus rho times each item's own count (dropout-style, as in Steck's DLAE): the
  // weights of popular items are shrunk harder, which also widens the catalogue reached.
  g.diagonal() = (g.diagonal().array() * (1.0 + static_cast<double>(rho_)) + lambda_).matrix();
  Eigen::LLT<Eigen::MatrixXd> llt(g);
  if (llt.info() != Eigen::Success) throw DataError("ease: Gram matrix is not positive definite");
  Eigen::MatrixXd p = Eigen::MatrixXd::Identity(n, n);
  llt.solveInPlace(p);
  b_.resize(n, n);
  for (int32_t j = 0; j < n; ++j) {
    const double d = p(j, j);
    for (int32_t i = 0; i < n; ++i) b_(i, j) = static_cast<float>(-p(i, j) / d);
    b_(j, j) = 0.0f;
  }
}

void EaseModel::score(const UserContext& user, std::span<float> scores) const {
  Eigen::Map<Eigen::VectorXf> s(scores.data(), static_cast<Eigen::Index>(scores.size()));
  s.setZero();
  if (b_.rows() != s.size()) return;
  for (const auto& h : user.history) {
    if (h.item < 0 || h.item >= b_.rows()) continue;
    s += (binary_ ? 1.0f : h.weight) * b_.row(h.item).transpose();
  }
}

void EaseModel::explain(const UserContext& user, int32_t item, std::vector<Reason>& out) const {
  if (!dataset_ || item < 0 || item >= b_.cols()) return;
  std::vector<std::pair<float, int32_t>> contributions;
  for (const auto& h : user.history) {
    if (h.item < 0 || h.item >= b_.rows()) continue;
    const float c = (binary_ ? 1.0f : h.weight) * b_(h.item, item);
    if (c > 0.0f) contributions.emplace_back(c, h.item);
  }
  std::sort(contributions.begin(), contributions.end(), std::greater<>());
  for (size_t n = 0; n < contributions.size() && n < 2; ++n) {
    out.push_back(
        {becauseYou(user, contributions[n].second, *dataset_), contributions[n].first, kind()});
  }
}

void EaseModel::save(BinaryWriter& out) const {
  out.put<float>(lambda_);
  out.put<float>(rho_);
  out.put<uint8_t>(binary_ ? 1 : 0);
  out.putMatrix(b_);
}

void EaseModel::load(BinaryReader& in, const Dataset& data) {
  dataset_ = &data;
  lambda_ = in.get<float>();
  rho_ = in.get<float>();
  binary_ = in.get<uint8_t>() != 0;
  in.getMatrix(b_);
  if (b_.rows() != data.numItems() || b_.cols() != data.numItems()) in.fail("EASE matrix size");
}

}  // namespace vrmall::rec
