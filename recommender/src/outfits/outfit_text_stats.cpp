#include "vrmall/rec/outfits/outfit_text_stats.h"

#include <algorithm>
#include <cmath>

namespace vrmall::rec {
namespace {

// (slot, token) in one number; tokens stay below 2^24 and slots below 2^8.
uint64_t slotToken(int32_t slot, int32_t token) {
  return (static_cast<uint64_t>(static_cast<uint32_t>(slot)) << 24) | static_cast<uint32_t>(token);
}

uint64_t unordered(uint64_t x, uint64_t y) {
  if (x > y) std::swap(x, y);
  return (x << 32) ^ y;
}

}  // namespace

int32_t OutfitTextStats::token(const std::string& t) const {
  const auto it = tokenIds_.find(t);
  return it == tokenIds_.end() ? -1 : it->second;
}

int32_t OutfitTextStats::addToken(const std::string& t) {
  const auto [it, fresh] = tokenIds_.emplace(t, tokens());
  if (fresh) df_.push_back(0.0f);
  return it->second;
}

int32_t OutfitTextStats::slot(const std::string& s) const {
  const auto it = slotIds_.find(s);
  return it == slotIds_.end() ? -1 : it->second;
}

int32_t OutfitTextStats::addSlot(const std::string& s) {
  const auto [it, fresh] = slotIds_.emplace(s, static_cast<int32_t>(slotNames_.size()));
  if (fresh) {
    slotNames_.push_back(s);
    slotItems_.push_back(0.0f);
  }
  return it->second;
}

void OutfitTextStats::add(const std::vector<CountedItem>& outfit) {
  for (const CountedItem& item : outfit) {
    slotItems_[static_cast<size_t>(item.slot)] += 1.0f;
    for (int32_t t : item.tokens) {
      df_[static_cast<size_t>(t)] += 1.0f;
      slotDf_[slotToken(item.slot, t)] += 1.0f;
    }
    items_ += 1;
  }
  for (size_t i = 0; i < outfit.size(); ++i) {
    for (size_t j = i + 1; j < outfit.size(); ++j) {
      for (int32_t a : outfit[i].tokens) {
        for (int32_t b : outfit[j].tokens) {
          if (a != b) pairs_[unordered(static_cast<uint64_t>(a), static_cast<uint64_t>(b))] += 1;
          slotPairs_[unordered(slotToken(outfit[i].slot, a), slotToken(outfit[j].slot, b))] += 1;
        }
      }
    }
  }
}

float OutfitTextStats::pmi(int32_t a, int32_t b) const {
  if (a < 0 || b < 0) return 0.0f;
  const auto it = pairs_.find(unordered(static_cast<uint64_t>(a), static_cast<uint64_t>(b)));
  const double joint = it == pairs_.end() ? 0.0 : it->second;
  return static_cast<float>(std::log((joint + 0.5) * items_ / ((df(a) + 1.0) * (df(b) + 1.0))));
}

float OutfitTextStats::npmi(int32_t sa, int32_t a, int32_t sb, int32_t b) const {
  if (sa < 0 || sb < 0 || a < 0 || b < 0) return 0.0f;
  const auto j = slotPairs_.find(unordered(slotToken(sa, a), slotToken(sb, b)));
  const double joint = j == slotPairs_.end() ? 0.0 : j->second;
  const auto fa = slotDf_.find(slotToken(sa, a)), fb = slotDf_.find(slotToken(sb, b));
  const double pa = fa == slotDf_.end() ? 0.0 : fa->second;
  const double pb = fb == slotDf_.end() ? 0.0 : fb->second;
  const double na = std::max(1.0f, slotItems_[static_cast<size_t>(sa)]);
  const double nb = std::max(1.0f, slotItems_[static_cast<size_t>(sb)]);
  const double outfits = std::max(1.0, std::min(na, nb));
  // Add-half smoothing keeps unseen pairs finite and pulls rare ones towards independence.
  const double pj = (joint + 0.5) / outfits;
  const double value = std::log(pj / (((pa + 1.0) / na) * ((pb + 1.0) / nb)));
  return static_cast<float>(value / std::max(1e-6, -std::log(pj)));
}

}  // namespace vrmall::rec
