#include "vrmall/rec/outfits/outfit_text_embedding.h"

#include <algorithm>
#include <cmath>

namespace vrmall::rec {
namespace {

float dot(const std::vector<float>& a, const std::vector<float>& b) {
  float s = 0.0f;
  for (size_t k = 0; k < a.size(); ++k) s += a[k] * b[k];
  return s;
}

}  // namespace

bool OutfitTextEmbedding::accumulate(const std::vector<int32_t>& tokens, float w,
                                     std::vector<float>& out) const {
  size_t n = 0;
  for (int32_t t : tokens) n += known(t) ? 1 : 0;
  if (n == 0) return false;
  const float share = w / static_cast<float>(n);
  for (int32_t t : tokens) {
    if (!known(t)) continue;
    const float* v = row(t);
    for (size_t k = 0; k < dims_; ++k) out[k] += share * v[k];
  }
  return true;
}

float OutfitTextEmbedding::score(const std::vector<const std::vector<int32_t>*>& given,
                                 const std::vector<int32_t>& empty,
                                 const std::vector<int32_t>& candidate) const {
  if (dims_ == 0) return 0.0f;
  std::vector<float> context(dims_, 0.0f), cand(dims_, 0.0f);
  const float parts = static_cast<float>(given.size() + (empty.empty() ? 0 : 1));
  for (const auto* g : given) accumulate(*g, 1.0f / parts, context);
  if (!empty.empty()) accumulate(empty, 1.0f / parts, context);
  accumulate(candidate, 1.0f, cand);
  return dot(context, cand);
}

std::vector<float> OutfitTextEmbedding::pairScores(
    const std::vector<const std::vector<int32_t>*>& given,
    const std::vector<int32_t>& candidate) const {
  std::vector<float> out;
  if (dims_ == 0) return out;
  std::vector<float> cand(dims_, 0.0f), item(dims_);
  if (!accumulate(candidate, 1.0f, cand)) return out;
  for (const auto* g : given) {
    std::fill(item.begin(), item.end(), 0.0f);
    if (accumulate(*g, 1.0f, item)) out.push_back(dot(item, cand));
  }
  return out;
}

std::vector<EmbeddingOutfit> OutfitTextEmbedding::keepFrequent(
    const std::vector<EmbeddingOutfit>& outfits, size_t vocabulary, int minCount) {
  std::vector<int> seen(vocabulary, 0);
  for (const EmbeddingOutfit& o : outfits) {
    for (const auto& item : o.tokens) {
      for (int32_t t : item) ++seen[static_cast<size_t>(t)];
    }
    for (int32_t t : o.empty) ++seen[static_cast<size_t>(t)];
  }
  known_.assign(vocabulary, 0);
  for (size_t t = 0; t < vocabulary; ++t) known_[t] = seen[t] >= minCount ? 1 : 0;
  std::vector<EmbeddingOutfit> out = outfits;
  const auto keep = [&](std::vector<int32_t>& tokens) {
    std::erase_if(tokens, [&](int32_t t) { return !known(t); });
  };
  for (EmbeddingOutfit& o : out) {
    for (auto& item : o.tokens) keep(item);
    keep(o.empty);
  }
  return out;
}

void OutfitTextEmbedding::fit(const std::vector<EmbeddingOutfit>& all, size_t vocabulary,
                              const EmbeddingOptions& o, uint64_t seed) {
  dims_ = static_cast<size_t>(o.dims);
  vocabulary_ = vocabulary;
  // A token met once or twice would only learn its own outfit by heart.
  const std::vector<EmbeddingOutfit> kept = keepFrequent(all, vocabulary, o.minCount);
  std::mt19937_64 rng(seed);
  std::normal_distribution<float> init(0.0f, 0.1f);
  vectors_.assign(vocabulary_ * dims_, 0.0f);
  for (float& v : vectors_) v = init(rng);
  // Wrong choices are items of the blank's slot from other outfits, as in the questions.
  std::vector<std::vector<std::pair<size_t, size_t>>> bySlot;
  std::vector<std::pair<size_t, size_t>> blanks;
  for (size_t n = 0; n < kept.size(); ++n) {
    for (size_t i = 0; i < kept[n].slots.size(); ++i) {
      const auto s = static_cast<size_t>(kept[n].slots[i]);
      if (bySlot.size() <= s) bySlot.resize(s + 1);
      bySlot[s].emplace_back(n, i);
      blanks.emplace_back(n, i);
    }
  }
  std::vector<float> context(dims_), gradContext(dims_);
  std::vector<std::vector<float>> cands;
  std::vector<const std::vector<int32_t>*> candTokens;
  std::vector<float> p;
  std::vector<EmbeddingOutfit> outfits = kept;
  std::bernoulli_distribution drop(std::clamp(o.dropout, 0.0f, 0.95f));
  for (int epoch = 0; epoch < o.epochs; ++epoch) {
    std::shuffle(blanks.begin(), blanks.end(), rng);
    const float rate = o.rate / (1.0f + 0.1f * static_cast<float>(epoch));
    // Each epoch sees every name with some of its words hidden, so that an item is not known by
    // one rare word alone and the words beside it learn to stand in for it.
    if (o.dropout > 0.0f) {
      for (size_t n = 0; n < outfits.size(); ++n) {
        for (size_t i = 0; i < outfits[n].tokens.size(); ++i) {
          const auto& full = kept[n].tokens[i];
          auto& seen = outfits[n].tokens[i];
          seen.clear();
          for (int32_t t : full) {
            if (!drop(rng)) seen.push_back(t);
          }
          if (seen.empty() && !full.empty()) seen.push_back(full[rng() % full.size()]);
        }
      }
    }
    for (const auto& [n, i] : blanks) {
      const EmbeddingOutfit& outfit = outfits[n];
      const auto& pool = bySlot[static_cast<size_t>(outfit.slots[i])];
      if (pool.size() < 2) continue;
      // Context: the other items and the empty slots, each one part of a mean.
      const float parts =
          static_cast<float>(outfit.slots.size() - 1 + (outfit.empty.empty() ? 0 : 1));
      std::fill(context.begin(), context.end(), 0.0f);
      for (size_t j = 0; j < outfit.slots.size(); ++j) {
        if (j != i) accumulate(outfit.tokens[j], 1.0f / parts, context);
      }
      if (!outfit.empty.empty()) accumulate(outfit.empty, 1.0f / parts, context);
      // The true item first, then wrong ones.
      candTokens.assign(1, &outfit.tokens[i]);
      std::uniform_int_distribution<size_t> pick(0, pool.size() - 1);
      for (int k = 0; k < o.negatives; ++k) {
        const auto& [m, j] = pool[pick(rng)];
        if (m != n) candTokens.push_back(&outfits[m].tokens[j]);
      }
      cands.assign(candTokens.size(), std::vector<float>(dims_, 0.0f));
      p.assign(candTokens.size(), 0.0f);
      float top = -INFINITY;
      for (size_t c = 0; c < cands.size(); ++c) {
        accumulate(*candTokens[c], 1.0f, cands[c]);
        p[c] = dot(context, cands[c]);
        top = std::max(top, p[c]);
      }
      float z = 0.0f;
      for (float& v : p) z += (v = std::exp(v - top));
      // Gradients of the log loss: candidates move along the context, the context along the
      // candidates' errors; each spread evenly over the tokens that make the mean.
      std::fill(gradContext.begin(), gradContext.end(), 0.0f);
      for (size_t c = 0; c < cands.size(); ++c) {
        const float err = p[c] / z - (c == 0 ? 1.0f : 0.0f);
        for (size_t k = 0; k < dims_; ++k) gradContext[k] += err * cands[c][k];
        const auto& toks = *candTokens[c];
        const float share = rate * err / static_cast<float>(std::max<size_t>(1, toks.size()));
        for (int32_t t : toks) {
          float* v = row(t);
          for (size_t k = 0; k < dims_; ++k) v[k] -= share * context[k] + rate * o.decay * v[k];
        }
      }
      const auto spread = [&](const std::vector<int32_t>& toks) {
        if (toks.empty()) return;
        const float share = rate / (parts * static_cast<float>(toks.size()));
        for (int32_t t : toks) {
          float* v = row(t);
          for (size_t k = 0; k < dims_; ++k) v[k] -= share * gradContext[k] + rate * o.decay * v[k];
        }
      };
      for (size_t j = 0; j < outfit.slots.size(); ++j) {
        if (j != i) spread(outfit.tokens[j]);
      }
      spread(outfit.empty);
    }
  }
}

}  // namespace vrmall::rec
