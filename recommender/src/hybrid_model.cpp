#include "vrmall/rec/hybrid_model.h"

#include <algorithm>
#include <cmath>

#include "vrmall/rec/data_error.h"
#include "vrmall/rec/ease_model.h"
#include "vrmall/rec/evaluation.h"
#include "vrmall/rec/top_k.h"

namespace vrmall::rec {

void standardize(std::span<float> scores) {
  if (scores.empty()) return;
  double sum = 0, sq = 0;
  for (float s : scores) sum += s;
  const double mean = sum / static_cast<double>(scores.size());
  for (float s : scores) sq += (s - mean) * (s - mean);
  const double sd = std::sqrt(sq / static_cast<double>(scores.size()));
  if (!(sd > 1e-12)) {
    std::fill(scores.begin(), scores.end(), 0.0f);
    return;
  }
  const auto m = static_cast<float>(mean);
  const auto inv = static_cast<float>(1.0 / sd);
  for (float& s : scores) s = (s - m) * inv;
}

HybridModel::HybridModel() {
  for (const char* kind : {"popularity", "itemknn", "rp3beta", "ease", "als", "content", "session"}) {
    bool known = false;
    for (const auto& k : modelKinds()) known = known || k == kind;
    if (!known) continue;
    parts_.push_back({makeModel(kind), 0.0f});
  }
  // Untuned defaults: a sensible blend before any tuning has run.
  for (auto& p : parts_) {
    const std::string k = p.model->kind();
    p.weight = k == "ease"      ? 1.0f
               : k == "als"     ? 0.5f
               : k == "itemknn" ? 0.25f
               : k == "content" ? 0.3f
               : k == "session" ? 0.5f
                                : 0.0f;
  }
}

nlohmann::json HybridModel::params() const {
  nlohmann::json p = {{"min_coverage", min_coverage_}, {"exposure_gamma", exposure_gamma_}};
  for (const auto& part : parts_) {
    p["weights"][part.model->kind()] = part.weight;
    p["parts"][part.model->kind()] = part.model->params();
  }
  return p;
}

void HybridModel::setParams(const nlohmann::json& p) {
  min_coverage_ = p.value("min_coverage", min_coverage_);
  exposure_gamma_ = p.value("exposure_gamma", exposure_gamma_);
  for (auto& part : parts_) {
    const std::string k = part.model->kind();
    if (p.contains("weights") && p["weights"].contains(k)) part.weight = p["weights"][k].get<float>();
    if (p.contains("parts") && p["parts"].contains(k)) part.model->setParams(p["parts"][k]);
  }
}

void HybridModel::fit(const TrainingData& data) {
  dataset_ = data.data;
  for (auto& part : parts_) {
    // EASE cannot hold a huge catalogue; the blend goes on without it.
    if (part.model->kind() == "ease" && data.numItems() > EaseModel::kMaxItems) {
      part.weight = 0.0f;
      continue;
    }
    if (part.weight != 0.0f) part.model->fit(data);
  }
  computeExposure(data);
}

void HybridModel::computeExposure(const TrainingData& data) {
  exposure_penalty_.clear();
  if (exposure_gamma_ <= 0.0f) return;
  const auto items = static_cast<size_t>(data.numItems());
  std::vector<float> counts(items, 0.0f), scores(items);
  std::vector<uint8_t> seen(items, 0);
  // A sample of training shoppers stands for the audience (every one on small data sets).
  const int32_t users = data.numUsers();
  const int32_t stride = std::max<int32_t>(1, users / 4000);
  for (int32_t u = 0; u < users; u += stride) {
    const UserContext ctx = contextFromTraining(data, u);
    if (ctx.history.empty()) continue;
    score(ctx, scores);
    for (const auto& h : ctx.history) seen[static_cast<size_t>(h.item)] = 1;
    for (const auto& t : topK(scores, 10, seen)) counts[static_cast<size_t>(t.item)] += 1.0f;
    for (const auto& h : ctx.history) seen[static_cast<size_t>(h.item)] = 0;
  }
  exposure_penalty_.resize(items);
  for (size_t i = 0; i < items; ++i) {
    exposure_penalty_[i] = exposure_gamma_ * std::log1p(counts[i] * static_cast<float>(stride));
  }
}

void HybridModel::score(const UserContext& user, std::span<float> scores) const {
  std::fill(scores.begin(), scores.end(), 0.0f);
  std::vector<float> part_scores(scores.size());
  for (const auto& part : parts_) {
    if (part.weight == 0.0f) continue;
    part.model->score(user, part_scores);
    standardize(part_scores);
    for (size_t i = 0; i < scores.size(); ++i) scores[i] += part.weight * part_scores[i];
  }
  if (exposure_penalty_.size() == scores.size()) {
    for (size_t i = 0; i < scores.size(); ++i) scores[i] -= exposure_penalty_[i];
  }
}

void HybridModel::explain(const UserContext& user, int32_t item, std::vector<Reason>& out) const {
  for (const auto& part : parts_) {
    if (part.weight <= 0.0f) continue;
    std::vector<Reason> reasons;
    part.model->explain(user, item, reasons);
    for (auto& r : reasons) {
      r.weight *= part.weight;
      out.push_back(std::move(r));
    }
  }
}

TuningResult HybridModel::tune(const TrainingData& fit_data,
                               const std::vector<std::vector<int32_t>>& relevant,
                               const TuningOptions& options) {
  TuningResult result;
  const size_t items = static_cast<size_t>(fit_data.numItems());
  // 1. Each part's own hyperparameters, and its standardised validation scores.
  std::vector<int32_t> users;
  for (int32_t u = 0; u < fit_data.numUsers() && static_cast<size_t>(u) < relevant.size(); ++u) {
    if (!relevant[static_cast<size_t>(u)].empty() &&
        fit_data.user_items.outerIndexPtr()[u + 1] > fit_data.user_items.outerIndexPtr()[u]) {
      users.push_back(u);
    }
  }
  std::vector<int32_t> row_of(static_cast<size_t>(fit_data.numUsers()), -1);
  for (size_t r = 0; r < users.size(); ++r) row_of[static_cast<size_t>(users[r])] = static_cast<int32_t>(r);
  std::vector<UserContext> contexts;
  contexts.reserve(users.size());
  for (int32_t u : users) contexts.push_back(contextFromTraining(fit_data, u));

  std::vector<std::vector<float>> z(parts_.size());  // part -> users x items, row-major
  std::vector<double> solo(parts_.size(), 0.0);
  std::vector<bool> usable(parts_.size(), true);
  EvalOptions eval;
  eval.k = options.k;
  eval.measure_latency = false;
  for (size_t p = 0; p < parts_.size(); ++p) {
    Model& m = *parts_[p].model;
    if (m.kind() == "ease" && fit_data.numItems() > EaseModel::kMaxItems) {
      usable[p] = false;
      continue;
    }
    TuningOptions part_options = options;
    part_options.progress = [&](size_t done, size_t total, const std::string& what) {
      if (options.progress) options.progress(done, total, "hybrid: " + what);
    };
    const TuningResult r = tuneOnSplit(m, fit_data, relevant, part_options);
    m.fit(fit_data);
    z[p].resize(users.size() * items);
    for (size_t r2 = 0; r2 < users.size(); ++r2) {
      std::span<float> row(z[p].data() + r2 * items, items);
      m.score(contexts[r2], row);
      standardize(row);
    }
    solo[p] = evaluate(m, fit_data, relevant, eval).ndcg;
    result.trials.push_back({{"part", m.kind()}, {"params", m.params()}, {"ndcg", solo[p]}});
  }

  // 2. Blend weights by coordinate ascent from the best single part.
  std::vector<float> w(parts_.size() + 1, 0.0f);  // part weights, then the exposure gamma
  size_t best_part = 0;
  for (size_t p = 0; p < parts_.size(); ++p) {
    if (usable[p] && solo[p] > solo[best_part]) best_part = p;
  }
  w[best_part] = 1.0f;
  std::vector<float> blended(items);
  std::vector<float> penalty(items, 0.0f);
  const auto blend_into = [&](const std::vector<float>& weights, int32_t u, std::span<float> s,
                              bool with_penalty) {
    const int32_t r = row_of[static_cast<size_t>(u)];
    std::fill(s.begin(), s.end(), 0.0f);
    if (r < 0) return;
    for (size_t p = 0; p < parts_.size(); ++p) {
      if (weights[p] == 0.0f) continue;
      const float* zr = z[p].data() + static_cast<size_t>(r) * items;
      for (size_t i = 0; i < items; ++i) s[i] += weights[p] * zr[i];
    }
    if (with_penalty) {
      for (size_t i = 0; i < items; ++i) s[i] -= penalty[i];
    }
  };
  // weights[parts] is gamma: the exposure penalty, computed from a first unpenalised pass.
  float floor = 0.0f;
  const auto objective = [&](const std::vector<float>& weights, RankingMetrics* out) {
    const float gamma = weights[parts_.size()];
    if (gamma > 0.0f) {
      std::vector<float> counts(items, 0.0f), s(items);
      std::vector<uint8_t> seen(items, 0);
      for (size_t r = 0; r < users.size(); ++r) {
        blend_into(weights, users[r], s, false);
        for (const auto& h : contexts[r].history) seen[static_cast<size_t>(h.item)] = 1;
        for (const auto& t : topK(s, options.k, seen)) counts[static_cast<size_t>(t.item)] += 1.0f;
        for (const auto& h : contexts[r].history) seen[static_cast<size_t>(h.item)] = 0;
      }
      // Validation has fewer shoppers than the full audience; scale counts to per-shopper share.
      for (size_t i = 0; i < items; ++i) penalty[i] = gamma * std::log1p(counts[i]);
    }
    const auto m = evaluateScores(fit_data, relevant, eval, [&](int32_t u, std::span<float> s) {
      blend_into(weights, u, s, gamma > 0.0f);
    });
    if (out) *out = m;
    // Coverage below the floor costs NDCG steeply, so feasible blends win.
    return m.ndcg - 5.0 * std::max(0.0, static_cast<double>(floor) - m.coverage);
  };
  const std::vector<float> steps = {-1.0f, -0.5f, -0.25f, -0.1f, 0.0f, 0.1f, 0.25f, 0.5f, 0.75f, 1.0f, 1.5f};
  const std::vector<float> gammas = {0.0f, 0.1f, 0.2f, 0.3f, 0.4f, 0.6f, 0.8f, 1.0f, 1.25f, 1.5f};
  size_t evals = 0;
  const size_t total = 2 * 3 * (parts_.size() * steps.size() + gammas.size());
  // Coordinate ascent over `order` (indices into w; parts_.size() is gamma).
  const auto ascend = [&](const std::vector<size_t>& order) {
    double best = objective(w, nullptr);
    for (int round = 0; round < 3; ++round) {
      bool improved = false;
      for (size_t p : order) {
        const bool is_gamma = p == parts_.size();
        if (!is_gamma && (!usable[p] || p == best_part)) continue;
        for (float v : is_gamma ? gammas : steps) {
          ++evals;
          if (options.progress) options.progress(std::min(evals, total), total, "hybrid: blend weights");
          // Only popularity may pull scores down; the others add evidence.
          if (!is_gamma && v < 0.0f && parts_[p].model->kind() != "popularity") continue;
          std::vector<float> trial = w;
          trial[p] = v;
          const double o = objective(trial, nullptr);
          // A move must clearly beat validation noise, or the blend overfits it.
          if (o > best + 1e-3) {
            best = o;
            w = trial;
            improved = true;
          }
        }
      }
      if (!improved) break;
    }
  };
  // Phase 1: the most accurate blend. Phase 2: from there, reach the coverage floor, trying the
  // exposure penalty before the blunter popularity weight.
  std::vector<size_t> order;
  for (size_t p = 0; p < parts_.size(); ++p) order.push_back(p);
  ascend(order);
  if (min_coverage_ > 0.0f) {
    floor = min_coverage_;
    std::vector<size_t> coverage_order = {parts_.size()};
    for (size_t p = parts_.size(); p-- > 0;) coverage_order.push_back(p);
    ascend(coverage_order);
  }
  exposure_gamma_ = w[parts_.size()];
  for (size_t p = 0; p < parts_.size(); ++p) parts_[p].weight = w[p];
  RankingMetrics final_metrics;
  objective(w, &final_metrics);
  result.best_ndcg = final_metrics.ndcg;
  result.best_params = params();
  result.trials.push_back({{"blend", params()["weights"]},
                           {"ndcg", final_metrics.ndcg},
                           {"coverage", final_metrics.coverage}});
  return result;
}

void HybridModel::save(BinaryWriter& out) const {
  out.put<float>(min_coverage_);
  out.put<float>(exposure_gamma_);
  out.putVector(exposure_penalty_);
  out.put<uint32_t>(static_cast<uint32_t>(parts_.size()));
  for (const auto& part : parts_) {
    out.putString(part.model->kind());
    out.put<float>(part.weight);
    out.putString(part.model->params().dump());
    out.put<uint8_t>(part.weight != 0.0f ? 1 : 0);
    if (part.weight != 0.0f) part.model->save(out);
  }
}

void HybridModel::load(BinaryReader& in, const Dataset& data) {
  dataset_ = &data;
  min_coverage_ = in.get<float>();
  exposure_gamma_ = in.get<float>();
  exposure_penalty_ = in.getVector<float>();
  if (!exposure_penalty_.empty() && exposure_penalty_.size() != static_cast<size_t>(data.numItems())) {
    in.fail("exposure penalty size");
  }
  const auto n = in.get<uint32_t>();
  if (n > 32) in.fail("hybrid part count");
  parts_.clear();
  for (uint32_t i = 0; i < n; ++i) {
    Part part;
    const std::string kind = in.getString();
    try {
      part.model = makeModel(kind);
    } catch (const DataError&) {
      in.fail("unknown hybrid part '" + kind + "'");
    }
    part.weight = in.get<float>();
    part.model->setParams(nlohmann::json::parse(in.getString()));
    if (in.get<uint8_t>() != 0) part.model->load(in, data);
    parts_.push_back(std::move(part));
  }
}

}  // namespace vrmall::rec
