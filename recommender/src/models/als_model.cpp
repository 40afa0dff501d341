#include "vrmall/rec/models/als_model.h"

#include <Eigen/Cholesky>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>
#include <thread>

#include "vrmall/rec/data/data_error.h"
#include "vrmall/rec/models/activity_phrase.h"
#include "vrmall/rec/models/reason_drafts.h"

namespace vrmall::rec {
namespace {

using Factors = AlsModel::Factors;

// One half-step of ALS: solves each row of `x` against fixed `y` with CG, warm-started from the
// current x (so 3 steps per iteration are enough).
void solveRows(const SparseMatrix& confidence, const Factors& y, Factors& x, float reg, float alpha,
               int cg_steps, int threads) {
  const Eigen::Index f = y.cols();
  Eigen::MatrixXf yty = y.transpose() * y;
  yty.diagonal().array() += reg;
  const auto rows = confidence.outerSize();
  const auto work = [&](Eigen::Index begin, Eigen::Index end) {
    Eigen::VectorXf r(f), p(f), ap(f);
    for (Eigen::Index u = begin; u < end; ++u) {
      auto xu = x.row(u).transpose();
      // r = b - A·x, with A = YᵀY + λI + Σ α r_ui y_i y_iᵀ and b = Σ (1 + α r_ui) y_i.
      r.noalias() = -(yty * xu);
      for (SparseMatrix::InnerIterator it(confidence, u); it; ++it) {
        const auto yi = y.row(it.col()).transpose();
        const float c = alpha * it.value();
        r.noalias() += ((1.0f + c) - c * yi.dot(xu)) * yi;
      }
      p = r;
      float rs_old = r.squaredNorm();
      if (rs_old < 1e-20f) continue;
      for (int step = 0; step < cg_steps; ++step) {
        ap.noalias() = yty * p;
        for (SparseMatrix::InnerIterator it(confidence, u); it; ++it) {
          const auto yi = y.row(it.col()).transpose();
          ap.noalias() += (alpha * it.value() * yi.dot(p)) * yi;
        }
        const float a = rs_old / p.dot(ap);
        xu.noalias() += a * p;
        r.noalias() -= a * ap;
        const float rs_new = r.squaredNorm();
        if (rs_new < 1e-20f) break;
        p = r + (rs_new / rs_old) * p;
        rs_old = rs_new;
      }
    }
  };
  const int workers =
      static_cast<int>(std::max<Eigen::Index>(1, std::min<Eigen::Index>(threads, rows)));
  std::vector<std::thread> pool;
  const Eigen::Index chunk = (rows + workers - 1) / workers;
  for (int w = 1; w < workers; ++w) {
    pool.emplace_back(work, w * chunk, std::min(rows, (w + 1) * chunk));
  }
  work(0, std::min(rows, chunk));
  for (auto& t : pool) t.join();
}

}  // namespace

nlohmann::json AlsModel::params() const {
  return {{"factors", factors_},   {"iterations", iterations_},
          {"cg_steps", cg_steps_}, {"regularization", regularization_},
          {"alpha", alpha_},       {"weighting", toString(weighting_)},
          {"bm25_k1", bm25_.k1},   {"bm25_b", bm25_.b}};
}

void AlsModel::setParams(const nlohmann::json& p) {
  factors_ = p.value("factors", factors_);
  iterations_ = p.value("iterations", iterations_);
  cg_steps_ = p.value("cg_steps", cg_steps_);
  regularization_ = p.value("regularization", regularization_);
  alpha_ = p.value("alpha", alpha_);
  if (p.contains("weighting")) weighting_ = weightingFromString(p["weighting"].get<std::string>());
  bm25_.k1 = p.value("bm25_k1", bm25_.k1);
  bm25_.b = p.value("bm25_b", bm25_.b);
}

std::vector<nlohmann::json> AlsModel::searchSpace() const {
  std::vector<nlohmann::json> weightings = {{{"weighting", "none"}}};
  for (float b : {0.2f, 0.5f, 0.8f}) weightings.push_back({{"weighting", "bm25"}, {"bm25_b", b}});
  std::vector<nlohmann::json> space;
  for (const auto& w : weightings) {
    for (float alpha : {0.25f, 0.5f, 1.f, 2.f, 5.f}) {
      for (float reg : {0.1f, 1.f, 5.f}) {
        nlohmann::json p = w;
        p["alpha"] = alpha;
        p["regularization"] = reg;
        space.push_back(p);
      }
    }
  }
  return space;
}

void AlsModel::fit(const TrainingData& data) {
  const auto start = std::chrono::steady_clock::now();
  dataset_ = data.data;
  transform_ = WeightingTransform(weighting_, bm25_);
  const SparseMatrix ui = transform_.fitApply(data.user_items);
  const SparseMatrix iu = ui.transpose();  // RowMajor copy: item rows
  std::mt19937_64 rng(data.seed);
  std::normal_distribution<float> normal(0.0f, 0.01f);
  users_.resize(data.numUsers(), factors_);
  items_.resize(data.numItems(), factors_);
  for (Eigen::Index i = 0; i < users_.size(); ++i) users_.data()[i] = normal(rng);
  for (Eigen::Index i = 0; i < items_.size(); ++i) items_.data()[i] = normal(rng);
  for (int it = 0; it < iterations_; ++it) {
    solveRows(ui, items_, users_, regularization_, alpha_, cg_steps_, data.threads);
    solveRows(iu, users_, items_, regularization_, alpha_, cg_steps_, data.threads);
  }
  cacheDerived();
  fit_seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void AlsModel::setFactors(const TrainingData& data, Factors users, Factors items,
                          const std::vector<uint8_t>& has_user, float alpha, float regularization) {
  if (items.rows() != data.numItems() || users.rows() != data.numUsers() ||
      users.cols() != items.cols() || items.cols() == 0) {
    throw DataError("ALS factors: " + std::to_string(items.rows()) + "x" +
                    std::to_string(items.cols()) + " item and " + std::to_string(users.rows()) +
                    "x" + std::to_string(users.cols()) + " user factors for " +
                    std::to_string(data.numItems()) + " items and " +
                    std::to_string(data.numUsers()) + " users");
  }
  dataset_ = data.data;
  factors_ = static_cast<int>(items.cols());
  alpha_ = alpha;
  regularization_ = regularization;
  weighting_ = Weighting::None;
  transform_ = WeightingTransform(weighting_, bm25_);
  transform_.fitApply(data.user_items);
  items_ = std::move(items);
  users_ = std::move(users);
  cacheDerived();
  for (int32_t u = 0; u < data.numUsers(); ++u) {
    if (static_cast<size_t>(u) < has_user.size() && has_user[static_cast<size_t>(u)]) continue;
    const UserContext c = contextFromTraining(data, u);
    users_.row(u) = foldIn(c.history).transpose();
  }
}

Eigen::VectorXf AlsModel::foldIn(std::span<const ItemWeight> history) const {
  const Eigen::Index f = items_.cols();
  Eigen::MatrixXf a = gram_;
  Eigen::VectorXf b = Eigen::VectorXf::Zero(f);
  std::vector<ItemWeight> weighted(history.begin(), history.end());
  transform_.applyToHistory(weighted);
  for (const auto& h : weighted) {
    if (h.item < 0 || h.item >= items_.rows() || h.weight <= 0.0f) continue;
    const auto yi = items_.row(h.item).transpose();
    const float c = alpha_ * h.weight;
    a.selfadjointView<Eigen::Lower>().rankUpdate(yi, c);
    b.noalias() += (1.0f + c) * yi;
  }
  return a.selfadjointView<Eigen::Lower>().llt().solve(b);
}

void AlsModel::score(const UserContext& user, std::span<float> scores) const {
  Eigen::Map<Eigen::VectorXf> s(scores.data(), static_cast<Eigen::Index>(scores.size()));
  if (items_.rows() != s.size()) {
    s.setZero();
    return;
  }
  if (user.history_matches_training && user.user >= 0 && user.user < users_.rows()) {
    s.noalias() = items_by_factor_ * users_.row(user.user).transpose();
  } else {
    s.noalias() = items_by_factor_ * foldIn(user.history);
  }
}

void AlsModel::explain(const UserContext& user, int32_t item, std::vector<Reason>& out) const {
  // The batch path for one item: the same cosines, so the same reason as on a shelf.
  ReasonDrafts drafts;
  draftReasons(user, std::span<const int32_t>(&item, 1), drafts);
  auto reasons = drafts.render(1);
  for (auto& r : reasons.front()) out.push_back(std::move(r));
}

void AlsModel::draftReasons(const UserContext& user, std::span<const int32_t> items,
                            ReasonDrafts& out) const {
  if (!dataset_ || items.empty()) return;
  // The history item closest to an item in taste space carries its reason. The distinct history
  // items' factors are gathered once; each item's cosines with all of them are one
  // matrix-vector product (the same for one item as for a wall, so explain() agrees). Repeats of
  // a history item are dropped: their cosines are equal and the first one wins anyway.
  std::vector<int32_t> liked;
  for (const auto& h : user.history) {
    if (h.item < 0 || h.item >= items_.rows()) continue;
    if (std::find(liked.begin(), liked.end(), h.item) == liked.end()) liked.push_back(h.item);
  }
  if (liked.empty()) return;
  Factors history(static_cast<Eigen::Index>(liked.size()), factors_);
  for (size_t h = 0; h < liked.size(); ++h)
    history.row(static_cast<Eigen::Index>(h)) = items_.row(liked[h]);
  Eigen::VectorXf dots(history.rows());

  const uint16_t source = out.source(kind());
  std::vector<std::pair<int32_t, uint32_t>> phrases;  // history item -> "shoppers who liked ..."
  for (size_t n = 0; n < items.size(); ++n) {
    const int32_t item = items[n];
    if (item < 0 || item >= items_.rows()) continue;
    dots.noalias() = history * items_.row(item).transpose();
    const float ni = item_norms_[item];
    float best = 0.0f;
    int32_t best_item = -1;
    for (size_t h = 0; h < liked.size(); ++h) {
      if (liked[h] == item) continue;
      const float cosine =
          dots[static_cast<Eigen::Index>(h)] / std::max(1e-12f, ni * item_norms_[liked[h]]);
      if (cosine > best) {
        best = cosine;
        best_item = liked[h];
      }
    }
    if (best_item < 0 || !(best > 0.3f)) continue;
    auto phrase = std::find_if(phrases.begin(), phrases.end(),
                               [&](const auto& p) { return p.first == best_item; });
    if (phrase == phrases.end()) {
      phrases.emplace_back(best_item, out.phrase("shoppers who liked " +
                                                 dataset_->itemName(best_item) + " also chose it"));
      phrase = phrases.end() - 1;
    }
    out.add(n, phrase->second, best, source);
  }
}

void AlsModel::save(BinaryWriter& out) const {
  out.putString(params().dump());
  out.putMatrix(users_);
  out.putMatrix(items_);
  transform_.save(out);
}

void AlsModel::load(BinaryReader& in, const Dataset& data) {
  dataset_ = &data;
  setParams(nlohmann::json::parse(in.getString()));
  in.getMatrix(users_);
  in.getMatrix(items_);
  if (items_.rows() != data.numItems() || items_.cols() != factors_ || users_.cols() != factors_) {
    in.fail("ALS factor matrix size");
  }
  transform_.load(in);
  cacheDerived();
}

void AlsModel::cacheDerived() {
  gram_ = items_.transpose() * items_;
  gram_.diagonal().array() += regularization_;
  items_by_factor_ = items_;
  item_norms_ = items_.rowwise().norm();
}

}  // namespace vrmall::rec
