#include "vrmall/rec/hybrid/hybrid_model.h"

#include <algorithm>
#include <cmath>

#include "hybrid/coverage_boost.h"
#include "vrmall/rec/data/data_error.h"
#include "vrmall/rec/eval/evaluation.h"
#include "vrmall/rec/models/ease_model.h"
#include "vrmall/rec/models/reason_drafts.h"
#include "vrmall/rec/models/top_k.h"

namespace vrmall::rec {

namespace {

// Sum of the entries in double, in eight interleaved running sums (one dependency chain per
// lane instead of one for the whole catalogue, so the loop runs at vector speed).
double sumOf(std::span<const float> v) {
  double lanes[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  const size_t n = v.size(), blocks = n / 8 * 8;
  for (size_t i = 0; i < blocks; i += 8) {
    for (size_t j = 0; j < 8; ++j) lanes[j] += v[i + j];
  }
  double tail = 0;
  for (size_t i = blocks; i < n; ++i) tail += v[i];
  return ((lanes[0] + lanes[4]) + (lanes[1] + lanes[5])) +
         ((lanes[2] + lanes[6]) + (lanes[3] + lanes[7])) + tail;
}

double squaredDeviations(std::span<const float> v, double mean) {
  double lanes[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  const size_t n = v.size(), blocks = n / 8 * 8;
  for (size_t i = 0; i < blocks; i += 8) {
    for (size_t j = 0; j < 8; ++j) {
      const double d = v[i + j] - mean;
      lanes[j] += d * d;
    }
  }
  double tail = 0;
  for (size_t i = blocks; i < n; ++i) tail += (v[i] - mean) * (v[i] - mean);
  return ((lanes[0] + lanes[4]) + (lanes[1] + lanes[5])) +
         ((lanes[2] + lanes[6]) + (lanes[3] + lanes[7])) + tail;
}

// The z-score transform of `scores`: z = (s - mean) * inv; inv = 0 when the spread is nil.
struct ZTransform {
  float mean = 0.0f, inv = 0.0f;
};

ZTransform zTransform(std::span<const float> scores, size_t top, std::vector<float>& sample) {
  // Statistics over the whole catalogue, or over the `top` best scores only: what matters in a
  // blend is how a part separates its leading candidates, not the bulk of near-zero scores.
  std::span<const float> basis = scores;
  if (top > 0 && top < scores.size()) {
    sample.assign(scores.begin(), scores.end());
    std::nth_element(sample.begin(), sample.begin() + static_cast<std::ptrdiff_t>(top),
                     sample.end(), std::greater<>());
    sample.resize(top);
    basis = sample;
  }
  const double mean = sumOf(basis) / static_cast<double>(basis.size());
  const double sd = std::sqrt(squaredDeviations(basis, mean) / static_cast<double>(basis.size()));
  if (!(sd > 1e-12)) return {};
  return {static_cast<float>(mean), static_cast<float>(1.0 / sd)};
}

}  // namespace

void standardize(std::span<float> scores, size_t top) {
  if (scores.empty()) return;
  std::vector<float> sample;
  const ZTransform t = zTransform(scores, top, sample);
  if (t.inv == 0.0f) {
    std::fill(scores.begin(), scores.end(), 0.0f);
    return;
  }
  const float m = t.mean, inv = t.inv;
  for (float& s : scores) s = (s - m) * inv;
}

HybridModel::HybridModel() {
  for (const char* kind :
       {"popularity", "itemknn", "rp3beta", "ease", "als", "content", "session", "demographic"}) {
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
    p.cold_weight = k == "demographic" ? 1.0f : k == "content" ? 0.5f : 0.0f;
  }
}

nlohmann::json HybridModel::params() const {
  nlohmann::json p = {{"min_coverage", min_coverage_}, {"normalize_top", normalize_top_}};
  for (const auto& part : parts_) {
    p["weights"][part.model->kind()] = part.weight;
    p["cold_weights"][part.model->kind()] = part.cold_weight;
    p["parts"][part.model->kind()] = part.model->params();
  }
  return p;
}

void HybridModel::setParams(const nlohmann::json& p) {
  min_coverage_ = p.value("min_coverage", min_coverage_);
  normalize_top_ = p.value("normalize_top", normalize_top_);
  for (auto& part : parts_) {
    const std::string k = part.model->kind();
    if (p.contains("weights") && p["weights"].contains(k))
      part.weight = p["weights"][k].get<float>();
    if (p.contains("cold_weights") && p["cold_weights"].contains(k))
      part.cold_weight = p["cold_weights"][k].get<float>();
    if (p.contains("parts") && p["parts"].contains(k)) part.model->setParams(p["parts"][k]);
  }
}

void HybridModel::fit(const TrainingData& data) {
  dataset_ = data.data;
  for (auto& part : parts_) {
    // EASE cannot hold a huge catalogue; the blend goes on without it.
    if (part.model->kind() == "ease" && data.numItems() > EaseModel::kHybridMaxItems) {
      part.weight = 0.0f;
      continue;
    }
    if (part.weight != 0.0f || part.cold_weight != 0.0f) part.model->fit(data);
  }
  computeCoverageLifts(data);
}

void HybridModel::computeCoverageLifts(const TrainingData& data) {
  coverage_lifts_.clear();
  if (min_coverage_ <= 0.0f) return;
  // A sample of training shoppers stands for the audience (all of them on small data sets).
  AudienceScores audience;
  audience.items = static_cast<size_t>(data.numItems());
  const int32_t users = data.numUsers();
  const int32_t stride = std::max<int32_t>(1, users / 1000);
  std::vector<float> row(audience.items);
  for (int32_t u = 0; u < users; u += stride) {
    const UserContext ctx = contextFromTraining(data, u);
    if (ctx.history.empty()) continue;
    score(ctx, row);  // unlifted: coverage_lifts_ is empty here
    audience.rows.insert(audience.rows.end(), row.begin(), row.end());
    audience.seen.emplace_back();
    for (const auto& h : ctx.history) audience.seen.back().push_back(h.item);
  }
  coverage_lifts_ = coverageBoosts(audience, kCoverageK, min_coverage_);
}

void HybridModel::score(const UserContext& user, std::span<float> scores) const {
  std::fill(scores.begin(), scores.end(), 0.0f);
  if (scores.empty()) return;
  std::vector<float> part_scores(scores.size()), sample;
  for (const auto& part : parts_) {
    const float w = partWeight(part, user);
    if (w == 0.0f) continue;  // a part left out of the blend is not scored at all
    part.model->score(user, part_scores);
    // Standardised and blended in one pass (a part with no spread adds zeros).
    const ZTransform t = zTransform(part_scores, normalize_top_, sample);
    if (t.inv == 0.0f) continue;
    const float m = t.mean, inv = t.inv;
    float* out = scores.data();
    const float* in = part_scores.data();
    for (size_t i = 0; i < scores.size(); ++i) out[i] += w * ((in[i] - m) * inv);
  }
  // The coverage lifts are sized for the shoppers with a history (computed from their lists).
  if (!firstVisit(user) && coverage_lifts_.size() == scores.size()) {
    for (size_t i = 0; i < scores.size(); ++i) scores[i] += coverage_lifts_[i];
  }
}

void HybridModel::draftReasons(const UserContext& user, std::span<const int32_t> items,
                               ReasonDrafts& out) const {
  // Part after part, each part's drafts weighted by its place in the blend: per item, the parts'
  // reasons in blend order, as explain() lists them.
  for (const auto& part : parts_) {
    const float w = partWeight(part, user);
    if (w <= 0.0f) continue;
    const size_t first = out.drafts().size();
    part.model->draftReasons(user, items, out);
    for (size_t d = first; d < out.drafts().size(); ++d) out.drafts()[d].weight *= w;
  }
}

void HybridModel::explain(const UserContext& user, int32_t item, std::vector<Reason>& out) const {
  for (const auto& part : parts_) {
    const float w = partWeight(part, user);
    if (w <= 0.0f) continue;
    std::vector<Reason> reasons;
    part.model->explain(user, item, reasons);
    for (auto& r : reasons) {
      r.weight *= w;
      out.push_back(std::move(r));
    }
  }
}

void HybridModel::save(BinaryWriter& out) const {
  out.put<float>(min_coverage_);
  out.putVector(coverage_lifts_);
  out.put<uint32_t>(static_cast<uint32_t>(parts_.size()));
  for (const auto& part : parts_) {
    out.putString(part.model->kind());
    out.put<float>(part.weight);
    out.put<float>(part.cold_weight);
    out.putString(part.model->params().dump());
    const bool fitted = part.weight != 0.0f || part.cold_weight != 0.0f;
    out.put<uint8_t>(fitted ? 1 : 0);
    if (fitted) part.model->save(out);
  }
}

void HybridModel::load(BinaryReader& in, const Dataset& data) {
  dataset_ = &data;
  min_coverage_ = in.get<float>();
  coverage_lifts_ = in.getVector<float>();
  if (!coverage_lifts_.empty() && coverage_lifts_.size() != static_cast<size_t>(data.numItems())) {
    in.fail("coverage lift size");
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
    part.cold_weight = in.get<float>();
    part.model->setParams(nlohmann::json::parse(in.getString()));
    if (in.get<uint8_t>() != 0) part.model->load(in, data);
    parts_.push_back(std::move(part));
  }
}

}  // namespace vrmall::rec
