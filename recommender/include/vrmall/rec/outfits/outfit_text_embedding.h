#pragma once
// Token embeddings learnt for fill-in-the-blank itself (as StarSpace does): an item is the mean
// of its tokens' vectors, a blank's context the mean of the other items' vectors plus the vectors
// of the slots the outfit leaves empty, and a candidate scores the dot product with the context.
// Trained by SGD on softmax over the true item and wrong ones of its slot from other outfits,
// so words that never met in one outfit still pair through the words they share neighbours with.
// Each epoch hides some of every name's words (dropout), so that an item is not learnt by one
// rare word alone.
#include <cstdint>
#include <random>
#include <vector>

namespace vrmall::rec {

struct EmbeddingOutfit {
  std::vector<int32_t> slots;                // per item
  std::vector<std::vector<int32_t>> tokens;  // per item, token ids below the vocabulary size
  std::vector<int32_t> empty;                // tokens of the slots the outfit leaves empty
};

struct EmbeddingOptions {
  int dims = 48;
  int epochs = 50;
  int negatives = 8;
  float rate = 0.2f;
  float decay = 1e-5f;
  int minCount = 1;      // items a token must be in to get a vector
  float dropout = 0.4f;  // share of an item's tokens hidden in each epoch
};

class OutfitTextEmbedding {
 public:
  void fit(const std::vector<EmbeddingOutfit>& outfits, size_t vocabulary,
           const EmbeddingOptions& options, uint64_t seed);
  // Dot product of the candidate's vector with the context's; tokens out of the vocabulary are
  // ignored.
  float score(const std::vector<const std::vector<int32_t>*>& given,
              const std::vector<int32_t>& empty, const std::vector<int32_t>& candidate) const;

  // The candidate's dot product with each given item alone (items with no known token skipped).
  std::vector<float> pairScores(const std::vector<const std::vector<int32_t>*>& given,
                                const std::vector<int32_t>& candidate) const;

 private:
  // Mean of the vectors of `tokens` added into `out` with weight `w`; false when none is known.
  bool accumulate(const std::vector<int32_t>& tokens, float w, std::vector<float>& out) const;
  // `outfits` without the tokens in fewer than `minCount` items (which become unknown).
  std::vector<EmbeddingOutfit> keepFrequent(const std::vector<EmbeddingOutfit>& outfits,
                                            size_t vocabulary, int minCount);
  bool known(int32_t t) const {
    return t >= 0 && static_cast<size_t>(t) < known_.size() && known_[static_cast<size_t>(t)] != 0;
  }
  float* row(int32_t t) { return &vectors_[static_cast<size_t>(t) * dims_]; }
  const float* row(int32_t t) const { return &vectors_[static_cast<size_t>(t) * dims_]; }

  size_t dims_ = 0, vocabulary_ = 0;
  std::vector<float> vectors_;
  std::vector<char> known_;
};

}  // namespace vrmall::rec
