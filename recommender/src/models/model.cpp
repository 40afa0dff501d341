#include "vrmall/rec/models/model.h"

#include <algorithm>

#include "vrmall/rec/models/reason_drafts.h"

namespace vrmall::rec {

TrainingData makeTrainingData(const Dataset& data, std::span<const Interaction> events,
                              const EventWeights& weights, int threads, uint64_t seed) {
  TrainingData t;
  t.data = &data;
  t.events = events;
  t.weights = weights;
  t.threads = std::max(1, threads);
  t.seed = seed;
  t.user_items = buildUserItemMatrix(events, data.numUsers(), data.numItems(), weights);
  t.user_events.resize(static_cast<size_t>(data.numUsers()));
  for (const auto& e : events) {
    if (e.user >= 0 && e.user < data.numUsers() && weights.weight(e) > 0.0f) {
      t.user_events[static_cast<size_t>(e.user)].push_back(e);
    }
  }
  for (auto& list : t.user_events) {
    std::stable_sort(list.begin(), list.end(), [](const Interaction& a, const Interaction& b) {
      return a.timestamp < b.timestamp;
    });
  }
  return t;
}

std::unordered_map<std::string, std::string> userAttributes(const Dataset& data, int32_t user) {
  std::unordered_map<std::string, std::string> out;
  if (!data.user_attributes.hasRow(user)) return out;
  for (const auto& column : data.user_attributes.columns()) {
    std::string v = data.user_attributes.value(user, column.name);
    if (!v.empty()) out.emplace(column.name, std::move(v));
  }
  return out;
}

UserContext contextFromTraining(const TrainingData& train, int32_t user) {
  UserContext ctx;
  ctx.user = user;
  ctx.history_matches_training = true;
  for (SparseMatrix::InnerIterator it(train.user_items, user); it; ++it) {
    ctx.history.push_back({static_cast<int32_t>(it.col()), it.value()});
  }
  if (static_cast<size_t>(user) < train.user_events.size()) {
    ctx.events = train.user_events[static_cast<size_t>(user)];
    if (!ctx.events.empty()) ctx.now = ctx.events.back().timestamp;
  }
  if (train.data) ctx.attributes = userAttributes(*train.data, user);
  return ctx;
}

void Model::draftReasons(const UserContext& user, std::span<const int32_t> items,
                         ReasonDrafts& out) const {
  std::vector<Reason> reasons;
  for (size_t n = 0; n < items.size(); ++n) {
    reasons.clear();
    explain(user, items[n], reasons);
    for (auto& r : reasons)
      out.add(n, out.phrase(std::move(r.text)), r.weight, out.source(r.source));
  }
}

void Model::explainItems(const UserContext& user, std::span<const int32_t> items,
                         std::vector<std::vector<Reason>>& out) const {
  ReasonDrafts drafts;
  draftReasons(user, items, drafts);
  out = drafts.render(items.size());
}

}  // namespace vrmall::rec
