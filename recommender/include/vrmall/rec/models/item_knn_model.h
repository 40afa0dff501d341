#pragma once
// ItemKnnModel: item-to-item collaborative filtering. Item similarity is the dot product of the
// (re-weighted) item columns, keeping each item's k nearest neighbours; a shopper's score for
// item i sums the similarities of i to what they interacted with, optionally in the normalised
// form r_ui = sum_{v in N(u) ∩ N(i)} r_vi / sqrt(|N(u)|·|N(i)|).
#include "vrmall/rec/models/model.h"
#include "vrmall/rec/models/weighting.h"

namespace vrmall::rec {

class ItemKnnModel final : public Model {
 public:
  // `random_walk` makes the "rp3beta" variant: same model, RP3beta similarity, own search space.
  explicit ItemKnnModel(bool random_walk = false) : rp3_(random_walk), fixed_rp3_(random_walk) {}
  std::string kind() const override { return fixed_rp3_ ? "rp3beta" : "itemknn"; }
  void fit(const TrainingData& data) override;
  void score(const UserContext& user, std::span<float> scores) const override;
  void explain(const UserContext& user, int32_t item, std::vector<Reason>& out) const override;
  // The same reasons as explain(), with each history row read once for all the items.
  void draftReasons(const UserContext& user, std::span<const int32_t> items,
                    ReasonDrafts& out) const override;
  nlohmann::json params() const override;
  void setParams(const nlohmann::json& params) override;
  std::vector<nlohmann::json> searchSpace() const override;
  void save(BinaryWriter& out) const override;
  void load(BinaryReader& in, const Dataset& data) override;

  // Row i: the k nearest neighbours of item i with their similarity.
  const SparseMatrix& similarity() const { return similarity_; }

 private:
  int neighbours_ = 100;
  Weighting weighting_ = Weighting::Bm25;
  Bm25Params bm25_;
  bool normalize_ = false;
  float shrink_ = 0.0f;
  // "rp3beta" similarity instead of weighted dot products (random walk with popularity division).
  bool rp3_ = false;
  bool fixed_rp3_ = false;
  float rp3_alpha_ = 1.0f;
  float rp3_beta_ = 0.5f;  // cosine shrinkage: sim * n / (n + shrink), damps rare co-occurrence
  SparseMatrix similarity_;
  std::vector<float> neighbour_count_;
};

// Shared by item kNN and the session model: top-k similarity rows of weighted item columns.
SparseMatrix itemSimilarity(const SparseMatrix& weighted_user_items, int neighbours, bool cosine,
                            float shrink, int threads);
SparseMatrix rp3Similarity(const SparseMatrix& user_items, float alpha, float beta, int neighbours,
                           int threads);

}  // namespace vrmall::rec
