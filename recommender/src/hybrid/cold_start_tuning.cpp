// HybridModel::tuneColdBlend: the blend for a shopper's first visit (no history: attributes, the
// avatar, popularity), judged on training shoppers held out whole, which is what a first-time
// visitor is. The demographic part's own parameters first, then the first-visit weights of the
// parts that can score without a history, by coordinate ascent on NDCG@k averaged over folds.
#include <algorithm>

#include "vrmall/rec/eval/evaluation.h"
#include "vrmall/rec/eval/split.h"
#include "vrmall/rec/hybrid/hybrid_model.h"
#include "vrmall/rec/models/top_k.h"

namespace vrmall::rec {
namespace {

// The parts that can say anything about a shopper with no history.
bool scoresFirstVisits(const std::string& kind) {
  return kind == "demographic" || kind == "content" || kind == "popularity";
}

constexpr size_t kMaxFoldUsers = 600;  // held-out shoppers scored per fold (a sample at scale)

struct ColdFold {
  TrainingData fit;
  std::vector<std::vector<int32_t>> relevant;
  std::vector<UserContext> users;     // first-visit contexts of the held-out shoppers
  std::vector<int32_t> ids;           // their user indices (for `relevant`)
  std::vector<std::vector<float>> z;  // per part: users x items standardised scores
};

}  // namespace

void HybridModel::tuneColdBlend(const Dataset& data, std::span<const Interaction> train,
                                const EventWeights& weights, const TuningOptions& options,
                                TuningResult& result) {
  const auto items = static_cast<size_t>(data.numItems());
  const int nfolds = std::max(1, options.folds);
  std::vector<ColdFold> folds(static_cast<size_t>(nfolds));
  for (int f = 0; f < nfolds; ++f) {
    ColdFold& fold = folds[static_cast<size_t>(f)];
    const Split s =
        coldUserSplit(train, options.cold_fraction, options.seed + 101 + static_cast<uint64_t>(f));
    fold.fit = makeTrainingData(data, s.train, weights, options.threads, options.seed);
    fold.relevant = relevantItems(s.test, data.numUsers(), weights);
    for (int32_t u = 0; u < fold.fit.numUsers() && fold.users.size() < kMaxFoldUsers; ++u) {
      if (fold.relevant[static_cast<size_t>(u)].empty()) continue;
      UserContext ctx = contextFromTraining(fold.fit, u);
      if (!ctx.history.empty()) continue;
      ctx.user = -1;  // never seen: no stored factors, only the attributes
      ctx.history_matches_training = false;
      fold.users.push_back(std::move(ctx));
      fold.ids.push_back(u);
    }
    fold.z.resize(parts_.size());
  }
  if (folds[0].users.empty()) return;  // no shopper to hold out (a tiny data set): defaults stay

  // 1. Each part that scores first visits: its parameters where it has first-visit ones, then
  // its scores for every held-out shopper.
  std::vector<size_t> usable;
  for (size_t p = 0; p < parts_.size(); ++p) {
    Model& m = *parts_[p].model;
    if (!scoresFirstVisits(m.kind())) {
      parts_[p].cold_weight = 0.0f;
      continue;
    }
    usable.push_back(p);
    if (m.kind() == "demographic") {
      TuningOptions cold = options;
      cold.cold_users = true;
      tuneOnSplit(m, folds[0].fit, folds[0].relevant, cold);
    }
    for (ColdFold& fold : folds) {
      m.fit(fold.fit);
      fold.z[p].resize(fold.users.size() * items);
      for (size_t r = 0; r < fold.users.size(); ++r) {
        std::span<float> row(fold.z[p].data() + r * items, items);
        m.score(fold.users[r], row);
        standardize(row, normalize_top_);
      }
    }
  }

  const auto objective = [&](const std::vector<float>& w) {
    double total = 0;
    std::vector<float> s(items);
    std::vector<uint8_t> none(items, 0);
    std::vector<int32_t> ranked;
    for (const ColdFold& fold : folds) {
      double sum = 0;
      for (size_t r = 0; r < fold.users.size(); ++r) {
        std::fill(s.begin(), s.end(), 0.0f);
        for (size_t p : usable) {
          if (w[p] == 0.0f) continue;
          const float* z = fold.z[p].data() + r * items;
          for (size_t i = 0; i < items; ++i) s[i] += w[p] * z[i];
        }
        ranked.clear();
        for (const auto& t : topK(s, options.k, none)) ranked.push_back(t.item);
        sum += listMetrics(ranked, fold.relevant[static_cast<size_t>(fold.ids[r])], options.k).ndcg;
      }
      if (!fold.users.empty()) total += sum / static_cast<double>(fold.users.size());
    }
    return total / static_cast<double>(folds.size());
  };

  // 2. The best single part, then coordinate ascent over the others.
  std::vector<float> w(parts_.size(), 0.0f);
  double best = -1.0;
  size_t best_part = usable.front();
  for (size_t p : usable) {
    std::vector<float> one(parts_.size(), 0.0f);
    one[p] = 1.0f;
    const double o = objective(one);
    result.trials.push_back({{"first_visit_part", parts_[p].model->kind()}, {"ndcg", o}});
    if (o > best) {
      best = o;
      best_part = p;
    }
  }
  w[best_part] = 1.0f;
  const std::vector<float> steps = {0.0f, 0.1f, 0.25f, 0.5f, 0.75f, 1.0f, 1.5f};
  for (int round = 0; round < 3; ++round) {
    bool improved = false;
    for (size_t p : usable) {
      if (p == best_part) continue;
      for (float v : steps) {
        if (v == w[p]) continue;
        std::vector<float> trial = w;
        trial[p] = v;
        const double o = objective(trial);
        if (o > best + 5e-4) {
          best = o;
          w = trial;
          improved = true;
        }
      }
    }
    if (!improved) break;
  }
  for (size_t p = 0; p < parts_.size(); ++p) parts_[p].cold_weight = w[p];
  nlohmann::json blend;
  for (size_t p : usable) blend[parts_[p].model->kind()] = w[p];
  result.trials.push_back({{"first_visit_blend", blend}, {"ndcg", best}});
}

}  // namespace vrmall::rec
