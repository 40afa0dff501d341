// HybridModel::tune: part hyperparameters, then blend weights by coordinate ascent, on validation
// folds carved from the training events. Each candidate blend is scored the way it is served:
// items are lifted (src/coverage_boost.h) until the fold's top-k lists reach the coverage floor,
// and the NDCG it then keeps is what counts, averaged over folds to damp noise (three by
// default, scored side by side on the tuning threads).
#include <algorithm>
#include <atomic>
#include <cmath>
#include <thread>

#include "hybrid/coverage_boost.h"
#include "vrmall/rec/eval/evaluation.h"
#include "vrmall/rec/hybrid/hybrid_model.h"
#include "vrmall/rec/models/ease_model.h"
#include "vrmall/rec/models/top_k.h"

namespace vrmall::rec {
namespace {

struct Fold {
  TrainingData fit;
  std::vector<std::vector<int32_t>> relevant;  // by user
  std::vector<int32_t> users;                  // scored users: history and held-out items
  std::vector<std::vector<int32_t>> seen;      // per scored user: training items
  std::vector<std::vector<float>> z;           // per part: users x items standardised scores
};

struct BlendResult {
  double ndcg = 0;
  double coverage = 0;
};

class FoldScorer {
 public:
  FoldScorer(const Fold& fold, size_t items, size_t k) : f_(fold), items_(items), k_(k) {}

  // NDCG and coverage of the blend `w` plus per-item lifts.
  BlendResult run(const std::vector<float>& w, std::span<const float> boosts = {}) const {
    BlendResult out;
    std::vector<float> s(items_);
    std::vector<uint8_t> seen(items_, 0), covered(items_, 0);
    std::vector<int32_t> ranked;
    for (size_t r = 0; r < f_.users.size(); ++r) {
      blend(w, r, s);
      if (!boosts.empty()) {
        for (size_t i = 0; i < items_; ++i) s[i] += boosts[i];
      }
      for (int32_t h : f_.seen[r]) seen[static_cast<size_t>(h)] = 1;
      ranked.clear();
      for (const auto& t : topK(s, k_, seen)) {
        ranked.push_back(t.item);
        covered[static_cast<size_t>(t.item)] = 1;
      }
      for (int32_t h : f_.seen[r]) seen[static_cast<size_t>(h)] = 0;
      out.ndcg += listMetrics(ranked, f_.relevant[static_cast<size_t>(f_.users[r])], k_).ndcg;
    }
    if (!f_.users.empty()) out.ndcg /= static_cast<double>(f_.users.size());
    double n = 0;
    for (uint8_t c : covered) n += c;
    out.coverage = items_ ? n / static_cast<double>(items_) : 0.0;
    return out;
  }

  // The blend as served with coverage lifts: the fold's shoppers stand for the audience.
  BlendResult boosted(const std::vector<float>& w, float floor) const {
    AudienceScores audience;
    audience.items = items_;
    audience.rows.resize(f_.users.size() * items_);
    audience.seen = f_.seen;
    for (size_t r = 0; r < f_.users.size(); ++r) {
      std::vector<float> s(items_);
      blend(w, r, s);
      std::copy(s.begin(), s.end(),
                audience.rows.begin() + static_cast<std::ptrdiff_t>(r * items_));
    }
    const auto lifts = coverageBoosts(audience, k_, floor);
    return run(w, lifts);
  }

 private:
  void blend(const std::vector<float>& w, size_t r, std::vector<float>& s) const {
    std::fill(s.begin(), s.end(), 0.0f);
    for (size_t p = 0; p < w.size(); ++p) {
      if (w[p] == 0.0f || f_.z[p].empty()) continue;
      const float* zr = f_.z[p].data() + r * items_;
      for (size_t i = 0; i < items_; ++i) s[i] += w[p] * zr[i];
    }
  }
  const Fold& f_;
  size_t items_;
  size_t k_;
};

}  // namespace

TuningResult HybridModel::tune(const Dataset& data, std::span<const Interaction> train,
                               const EventWeights& weights, const TuningOptions& options) {
  TuningResult result;
  const auto items = static_cast<size_t>(data.numItems());
  const int nfolds = std::max(1, options.blend_folds);
  std::vector<Fold> folds(static_cast<size_t>(nfolds));
  for (int f = 0; f < nfolds; ++f) {
    Fold& fold = folds[static_cast<size_t>(f)];
    const ValidationSplit v = carveValidation(train, options.validation_fraction,
                                              options.seed + static_cast<uint64_t>(f));
    fold.fit = makeTrainingData(data, v.fit_events, weights, options.threads, options.seed);
    fold.relevant = relevantItems(v.held_out, data.numUsers(), weights);
    for (int32_t u = 0; u < fold.fit.numUsers(); ++u) {
      const auto begin = fold.fit.user_items.outerIndexPtr()[u],
                 end = fold.fit.user_items.outerIndexPtr()[u + 1];
      if (fold.relevant[static_cast<size_t>(u)].empty() || begin == end) continue;
      fold.users.push_back(u);
      fold.seen.emplace_back(fold.fit.user_items.innerIndexPtr() + begin,
                             fold.fit.user_items.innerIndexPtr() + end);
    }
    fold.z.resize(parts_.size());
  }

  // 1. Each part's hyperparameters (on the first fold), then its scores on every fold.
  std::vector<bool> usable(parts_.size(), true);
  for (size_t p = 0; p < parts_.size(); ++p) {
    Model& m = *parts_[p].model;
    if ((m.kind() == "ease" && data.numItems() > EaseModel::kHybridMaxItems) ||
        m.kind() == "demographic") {
      // Too big for EASE; the demographic part is for first visits only (tuneColdBlend).
      usable[p] = false;
      continue;
    }
    TuningOptions part_options = options;
    part_options.progress = [&](size_t done, size_t total, const std::string& what) {
      if (options.progress) options.progress(done, total, "hybrid: " + what);
    };
    tuneOnSplit(m, folds[0].fit, folds[0].relevant, part_options);
    for (auto& fold : folds) {
      m.fit(fold.fit);
      fold.z[p].resize(fold.users.size() * items);
      for (size_t r = 0; r < fold.users.size(); ++r) {
        std::span<float> row(fold.z[p].data() + r * items, items);
        m.score(contextFromTraining(fold.fit, fold.users[r]), row);
        standardize(row, normalize_top_);
      }
    }
  }

  std::vector<FoldScorer> scorers;
  for (const auto& fold : folds) scorers.emplace_back(fold, items, options.k);
  const auto objective = [&](const std::vector<float>& w, BlendResult* mean) {
    // Folds are independent: scored side by side on the tuning threads.
    std::vector<BlendResult> per_fold(scorers.size());
    std::atomic<size_t> next{0};
    const auto work = [&] {
      for (size_t f = next++; f < scorers.size(); f = next++)
        per_fold[f] = scorers[f].boosted(w, min_coverage_);
    };
    std::vector<std::thread> pool;
    const size_t workers = std::min<size_t>(scorers.size(), std::max(1, options.threads));
    for (size_t t = 1; t < workers; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    BlendResult sum;
    for (const BlendResult& r : per_fold) {
      sum.ndcg += r.ndcg / static_cast<double>(scorers.size());
      sum.coverage += r.coverage / static_cast<double>(scorers.size());
    }
    if (mean) *mean = sum;
    return sum.ndcg;
  };

  // 2. Start from the best single part, then coordinate ascent over the others' weights.
  std::vector<float> w(parts_.size(), 0.0f);
  size_t best_part = 0;
  double best = -1.0;
  for (size_t p = 0; p < parts_.size(); ++p) {
    if (!usable[p] || parts_[p].model->kind() == "popularity") continue;
    std::vector<float> one(parts_.size(), 0.0f);
    one[p] = 1.0f;
    const double o = objective(one, nullptr);
    result.trials.push_back(
        {{"part", parts_[p].model->kind()}, {"params", parts_[p].model->params()}, {"ndcg", o}});
    if (o > best) {
      best = o;
      best_part = p;
    }
  }
  w[best_part] = 1.0f;
  const std::vector<float> steps = {0.0f, 0.1f, 0.25f, 0.5f, 0.75f, 1.0f, 1.5f};
  const std::vector<float> popularity_steps = {-0.5f, -0.25f, -0.1f, 0.0f, 0.1f};
  const size_t total = 3 * parts_.size() * steps.size();
  size_t evals = 0;
  for (int round = 0; round < 3; ++round) {
    bool improved = false;
    for (size_t p = 0; p < parts_.size(); ++p) {
      if (!usable[p] || p == best_part) continue;
      const bool popularity = parts_[p].model->kind() == "popularity";
      for (float v : popularity ? popularity_steps : steps) {
        if (options.progress)
          options.progress(std::min(++evals, total), total, "hybrid: blend weights");
        if (v == w[p]) continue;
        std::vector<float> trial = w;
        trial[p] = v;
        const double o = objective(trial, nullptr);
        // A move must clearly beat validation noise, or the blend overfits it.
        if (o > best + 5e-4) {
          best = o;
          w = trial;
          improved = true;
        }
      }
    }
    if (!improved) break;
  }
  // 3. The blended parts' own hyperparameters again, judged inside the served blend: what is best
  // alone (RP3beta's beta, ALS's regularisation) is not always what blends best. EASE is left
  // out: each of its candidates is a full items² inversion per fold.
  const auto rescore = [&](size_t p) {
    Model& m = *parts_[p].model;
    for (auto& fold : folds) {
      m.fit(fold.fit);
      for (size_t r = 0; r < fold.users.size(); ++r) {
        std::span<float> row(fold.z[p].data() + r * items, items);
        m.score(contextFromTraining(fold.fit, fold.users[r]), row);
        standardize(row, normalize_top_);
      }
    }
  };
  for (size_t p = 0; p < parts_.size(); ++p) {
    Model& m = *parts_[p].model;
    const auto space = m.searchSpace();
    if (w[p] <= 0.0f || m.kind() == "ease" || space.empty()) continue;
    const nlohmann::json kept = m.params();
    nlohmann::json chosen = kept;
    const size_t stride = (space.size() + 15) / 16;  // a spread of at most 16 candidates
    for (size_t c = 0; c < space.size(); c += stride) {
      if (options.progress)
        options.progress(c + 1, space.size(), "hybrid: " + m.kind() + " in the blend");
      nlohmann::json candidate = kept;
      candidate.update(space[c]);
      if (candidate == kept) continue;
      m.setParams(candidate);
      rescore(p);
      const double o = objective(w, nullptr);
      if (o > best + 5e-4) {
        best = o;
        chosen = candidate;
      }
    }
    m.setParams(chosen);
    rescore(p);
  }

  for (size_t p = 0; p < parts_.size(); ++p) parts_[p].weight = w[p];
  tuneColdBlend(data, train, weights, options, result);
  BlendResult final_result;
  objective(w, &final_result);
  result.best_ndcg = final_result.ndcg;
  result.best_params = params();
  result.trials.push_back({{"blend", params()["weights"]},
                           {"ndcg", final_result.ndcg},
                           {"coverage", final_result.coverage}});
  return result;
}

}  // namespace vrmall::rec
