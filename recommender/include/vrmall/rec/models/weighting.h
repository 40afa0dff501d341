#pragma once
// Re-weightings of the interaction matrix used by item kNN and ALS: TF-IDF and Okapi BM25 over
// items x users (implicit's convention: an item is a document, its shoppers the terms), which
// damps very active shoppers and very popular items. Fitted once on the training matrix, then
// applied the same way to a new shopper's history at fold-in.
#include <span>
#include <string>
#include <vector>

#include "vrmall/rec/data/binary_io.h"
#include "vrmall/rec/data/event_weights.h"

namespace vrmall::rec {

struct ItemWeight;

enum class Weighting { None, TfIdf, Bm25 };
Weighting weightingFromString(const std::string& name);  // throws DataError on unknown names
std::string toString(Weighting w);

struct Bm25Params {
  float k1 = 100.0f;
  float b = 0.8f;
};

class WeightingTransform {
 public:
  WeightingTransform() = default;
  WeightingTransform(Weighting weighting, Bm25Params bm25) : weighting_(weighting), bm25_(bm25) {}

  // Learns item lengths from the training matrix and returns it re-weighted.
  SparseMatrix fitApply(const SparseMatrix& user_items);
  // Re-weights one shopper's history in place, as fitApply() weighted the training rows.
  void applyToHistory(std::span<ItemWeight> history) const;

  void save(BinaryWriter& out) const;
  void load(BinaryReader& in);

 private:
  float weight(double x, double idf, int32_t item) const;
  Weighting weighting_ = Weighting::None;
  Bm25Params bm25_;
  std::vector<float> item_length_;
  double mean_length_ = 1.0;
};

// Convenience for callers that need no fold-in.
SparseMatrix applyWeighting(const SparseMatrix& user_items, Weighting weighting,
                            const Bm25Params& bm25 = {});

}  // namespace vrmall::rec
