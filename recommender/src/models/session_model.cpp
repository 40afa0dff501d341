#include "vrmall/rec/models/session_model.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "models/wanted_items.h"
#include "vrmall/rec/data/sparse_io.h"
#include "vrmall/rec/models/activity_phrase.h"
#include "vrmall/rec/models/item_knn_model.h"
#include "vrmall/rec/models/reason_drafts.h"

namespace vrmall::rec {

nlohmann::json SessionModel::params() const {
  return {{"max_events", max_events_},
          {"half_life_seconds", half_life_seconds_},
          {"content_weight", content_weight_},
          {"neighbours", neighbours_}};
}

void SessionModel::setParams(const nlohmann::json& p) {
  max_events_ = p.value("max_events", max_events_);
  half_life_seconds_ = p.value("half_life_seconds", half_life_seconds_);
  content_weight_ = p.value("content_weight", content_weight_);
  neighbours_ = p.value("neighbours", neighbours_);
}

std::vector<nlohmann::json> SessionModel::searchSpace() const {
  std::vector<nlohmann::json> space;
  for (double h : {600.0, 86400.0, 30 * 86400.0}) {
    for (int n : {5, 20}) {
      for (float c : {0.0f, 0.5f}) {
        space.push_back({{"half_life_seconds", h}, {"max_events", n}, {"content_weight", c}});
      }
    }
  }
  return space;
}

void SessionModel::fit(const TrainingData& data) {
  dataset_ = data.data;
  weights_ = data.weights;
  similarity_ = itemSimilarity(data.user_items, neighbours_, true, 0.0f, data.threads);
  content_.fit(data);
}

std::vector<ItemWeight> SessionModel::sessionItems(const UserContext& user) const {
  std::map<int32_t, float> by_item;
  const size_t n = user.events.size();
  const size_t first =
      n > static_cast<size_t>(max_events_) ? n - static_cast<size_t>(max_events_) : 0;
  const int64_t now = user.now ? user.now : (n ? user.events.back().timestamp : 0);
  for (size_t k = first; k < n; ++k) {
    const auto& e = user.events[k];
    const float w = weights_.weight(e);
    if (w <= 0.0f || e.item < 0) continue;
    const double age = static_cast<double>(std::max<int64_t>(0, now - e.timestamp));
    by_item[e.item] += w * static_cast<float>(std::exp2(-age / half_life_seconds_));
  }
  std::vector<ItemWeight> out;
  for (const auto& [item, w] : by_item) out.push_back({item, w});
  return out;
}

void SessionModel::score(const UserContext& user, std::span<float> scores) const {
  std::fill(scores.begin(), scores.end(), 0.0f);
  const auto session = sessionItems(user);
  if (session.empty() || !dataset_) return;
  for (const auto& s : session) {
    if (s.item >= similarity_.rows()) continue;
    for (SparseMatrix::InnerIterator it(similarity_, s.item); it; ++it) {
      scores[static_cast<size_t>(it.col())] += s.weight * it.value();
    }
  }
  if (content_weight_ > 0.0f) {
    std::vector<float> content(scores.size());
    content_.scoreFromItems(session, content);
    float total = 0;
    for (const auto& s : session) total += s.weight;
    for (size_t i = 0; i < scores.size(); ++i) scores[i] += content_weight_ * total * content[i];
  }
}

void SessionModel::explain(const UserContext& user, int32_t item, std::vector<Reason>& out) const {
  if (!dataset_) return;
  const auto session = sessionItems(user);
  float best = 0.0f;
  int32_t best_item = -1;
  for (const auto& s : session) {
    if (s.item == item || s.item >= similarity_.rows()) continue;
    float sim = 0.0f;
    for (SparseMatrix::InnerIterator it(similarity_, s.item); it; ++it) {
      if (it.col() == item) sim = it.value();
    }
    // A floor so attribute-only likeness (new products) still names the session item.
    const float c = s.weight * (sim + 0.1f);
    if (c > best) {
      best = c;
      best_item = s.item;
    }
  }
  if (best_item >= 0) out.push_back({becauseYou(user, best_item, *dataset_), best, kind()});
}

void SessionModel::draftReasons(const UserContext& user, std::span<const int32_t> items,
                                ReasonDrafts& out) const {
  if (!dataset_ || items.empty()) return;
  const auto session = sessionItems(user);
  if (session.empty()) return;
  // sim[n * session + j]: similarity of items[n] to session item j, read row by row (each row
  // once) instead of scanning every session row for every item.
  const size_t m = session.size();
  std::vector<float> sim(items.size() * m, 0.0f);
  const WantedItems wanted(items, similarity_.cols());
  for (size_t j = 0; j < m; ++j) {
    if (session[j].item >= similarity_.rows()) continue;
    for (SparseMatrix::InnerIterator it(similarity_, session[j].item); it; ++it) {
      wanted.forEach(static_cast<int32_t>(it.col()),
                     [&](size_t at) { sim[at * m + j] = it.value(); });
    }
  }
  const uint16_t source = out.source(kind());
  std::vector<std::pair<int32_t, uint32_t>> phrases;  // session item -> "because you ..."
  for (size_t n = 0; n < items.size(); ++n) {
    float best = 0.0f;
    int32_t best_item = -1;
    for (size_t j = 0; j < m; ++j) {
      const auto& s = session[j];
      if (s.item == items[n] || s.item >= similarity_.rows()) continue;
      // A floor so attribute-only likeness (new products) still names the session item.
      const float c = s.weight * (sim[n * m + j] + 0.1f);
      if (c > best) {
        best = c;
        best_item = s.item;
      }
    }
    if (best_item < 0) continue;
    auto phrase = std::find_if(phrases.begin(), phrases.end(),
                               [&](const auto& p) { return p.first == best_item; });
    if (phrase == phrases.end()) {
      phrases.emplace_back(best_item, out.phrase(becauseYou(user, best_item, *dataset_)));
      phrase = phrases.end() - 1;
    }
    out.add(n, phrase->second, best, source);
  }
}

void SessionModel::save(BinaryWriter& out) const {
  writeSparse(out, similarity_);
  content_.save(out);
  out.put<float>(weights_.threshold);
}

void SessionModel::load(BinaryReader& in, const Dataset& data) {
  dataset_ = &data;
  similarity_ = readSparse(in, data.numItems(), data.numItems());
  content_.load(in, data);
  weights_.threshold = in.get<float>();
}

}  // namespace vrmall::rec
