#include "vrmall/rec/models/item_knn_model.h"

#include <algorithm>
#include <cmath>

#include "models/wanted_items.h"
#include "vrmall/rec/data/sparse_io.h"
#include "vrmall/rec/models/activity_phrase.h"
#include "vrmall/rec/models/reason_drafts.h"

namespace vrmall::rec {

nlohmann::json ItemKnnModel::params() const {
  return {{"neighbours", neighbours_},
          {"weighting", toString(weighting_)},
          {"bm25_k1", bm25_.k1},
          {"bm25_b", bm25_.b},
          {"normalize", normalize_},
          {"shrink", shrink_},
          {"similarity", rp3_ ? "rp3beta" : "dot"},
          {"rp3_alpha", rp3_alpha_},
          {"rp3_beta", rp3_beta_}};
}

void ItemKnnModel::setParams(const nlohmann::json& p) {
  neighbours_ = p.value("neighbours", neighbours_);
  if (p.contains("weighting")) weighting_ = weightingFromString(p["weighting"].get<std::string>());
  bm25_.k1 = p.value("bm25_k1", bm25_.k1);
  bm25_.b = p.value("bm25_b", bm25_.b);
  normalize_ = p.value("normalize", normalize_);
  shrink_ = p.value("shrink", shrink_);
  if (p.contains("similarity") && !fixed_rp3_)
    rp3_ = p["similarity"].get<std::string>() == "rp3beta";
  rp3_alpha_ = p.value("rp3_alpha", rp3_alpha_);
  rp3_beta_ = p.value("rp3_beta", rp3_beta_);
}

std::vector<nlohmann::json> ItemKnnModel::searchSpace() const {
  if (fixed_rp3_) {
    std::vector<nlohmann::json> space;
    for (float beta : {0.3f, 0.4f, 0.5f, 0.6f}) {
      for (int k : {50, 100, 200}) space.push_back({{"rp3_beta", beta}, {"neighbours", k}});
    }
    return space;
  }
  std::vector<nlohmann::json> weightings = {{{"weighting", "cosine"}, {"similarity", "dot"}},
                                            {{"weighting", "tfidf"}, {"similarity", "dot"}}};
  for (float b : {0.2f, 0.5f, 0.8f}) {
    weightings.push_back({{"weighting", "bm25"}, {"bm25_b", b}, {"similarity", "dot"}});
  }

  std::vector<nlohmann::json> space;
  for (const auto& w : weightings) {
    for (int k : {20, 50, 100, 200}) {
      for (bool norm : {false, true}) {
        nlohmann::json p = w;
        p["neighbours"] = k;
        p["normalize"] = norm;
        space.push_back(p);
      }
    }
  }
  return space;
}

void ItemKnnModel::fit(const TrainingData& data) {
  dataset_ = data.data;
  const SparseMatrix weighted =
      rp3_ ? data.user_items : applyWeighting(data.user_items, weighting_, bm25_);
  similarity_ = rp3_ ? rp3Similarity(weighted, rp3_alpha_, rp3_beta_, neighbours_, data.threads)
                     : itemSimilarity(weighted, neighbours_, weighting_ == Weighting::None, shrink_,
                                      data.threads);
  neighbour_count_.assign(static_cast<size_t>(similarity_.rows()), 0.0f);
  for (Eigen::Index i = 0; i < similarity_.outerSize(); ++i) {
    neighbour_count_[static_cast<size_t>(i)] =
        static_cast<float>(similarity_.outerIndexPtr()[i + 1] - similarity_.outerIndexPtr()[i]);
  }
}

void ItemKnnModel::score(const UserContext& user, std::span<float> scores) const {
  std::fill(scores.begin(), scores.end(), 0.0f);
  for (const auto& h : user.history) {
    if (h.item < 0 || h.item >= similarity_.rows()) continue;
    for (SparseMatrix::InnerIterator it(similarity_, h.item); it; ++it) {
      scores[static_cast<size_t>(it.col())] += h.weight * it.value();
    }
  }
  if (normalize_ && !user.history.empty()) {
    const float nu = static_cast<float>(user.history.size());
    for (size_t i = 0; i < scores.size() && i < neighbour_count_.size(); ++i) {
      if (scores[i] != 0.0f) scores[i] /= std::sqrt(nu * std::max(neighbour_count_[i], 1.0f));
    }
  }
}

void ItemKnnModel::explain(const UserContext& user, int32_t item, std::vector<Reason>& out) const {
  if (!dataset_) return;
  // The history items that contribute most to this item's score.
  std::vector<std::pair<float, int32_t>> contributions;
  for (const auto& h : user.history) {
    if (h.item < 0 || h.item >= similarity_.rows()) continue;
    for (SparseMatrix::InnerIterator it(similarity_, h.item); it; ++it) {
      if (it.col() == item) contributions.emplace_back(h.weight * it.value(), h.item);
    }
  }
  std::sort(contributions.begin(), contributions.end(), std::greater<>());
  for (size_t n = 0; n < contributions.size() && n < 2; ++n) {
    out.push_back(
        {becauseYou(user, contributions[n].second, *dataset_), contributions[n].first, kind()});
  }
}

void ItemKnnModel::draftReasons(const UserContext& user, std::span<const int32_t> items,
                                ReasonDrafts& out) const {
  if (!dataset_ || items.empty()) return;
  const WantedItems wanted(items, similarity_.cols());
  // (position, contribution, history item), history rows read once for all the items.
  struct Contribution {
    uint32_t at;
    float weight;
    int32_t from;
  };
  std::vector<Contribution> found;
  for (const auto& h : user.history) {
    if (h.item < 0 || h.item >= similarity_.rows()) continue;
    for (SparseMatrix::InnerIterator it(similarity_, h.item); it; ++it) {
      wanted.forEach(static_cast<int32_t>(it.col()), [&](size_t at) {
        found.push_back({static_cast<uint32_t>(at), h.weight * it.value(), h.item});
      });
    }
  }
  // Per item, the two largest, as explain() sorts them: by (contribution, history item), high
  // first.
  std::sort(found.begin(), found.end(), [](const Contribution& a, const Contribution& b) {
    if (a.at != b.at) return a.at < b.at;
    return a.weight > b.weight || (a.weight == b.weight && a.from > b.from);
  });
  const uint16_t source = out.source(kind());
  std::vector<std::pair<int32_t, uint32_t>> phrases;  // history item -> "because you ..."
  for (size_t f = 0; f < found.size(); ++f) {
    if (f >= 2 && found[f - 2].at == found[f].at) continue;  // two per item
    auto phrase = std::find_if(phrases.begin(), phrases.end(),
                               [&](const auto& p) { return p.first == found[f].from; });
    if (phrase == phrases.end()) {
      phrases.emplace_back(found[f].from, out.phrase(becauseYou(user, found[f].from, *dataset_)));
      phrase = phrases.end() - 1;
    }
    out.add(found[f].at, phrase->second, found[f].weight, source);
  }
}

void ItemKnnModel::save(BinaryWriter& out) const {
  out.put<int32_t>(static_cast<int32_t>(similarity_.rows()));
  writeSparse(out, similarity_);
  out.putVector(neighbour_count_);
}

void ItemKnnModel::load(BinaryReader& in, const Dataset& data) {
  dataset_ = &data;
  const auto n = in.get<int32_t>();
  if (n != data.numItems()) in.fail("similarity matrix size");
  similarity_ = readSparse(in, n, n);
  neighbour_count_ = in.getVector<float>();
  if (neighbour_count_.size() != static_cast<size_t>(n)) in.fail("neighbour counts");
}

}  // namespace vrmall::rec
