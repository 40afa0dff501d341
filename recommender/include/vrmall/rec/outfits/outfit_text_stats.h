#pragma once
// Co-occurrence counts of name tokens across the items of training outfits, for the
// fill-in-the-blank model: which words (and garment types, and which slots an outfit leaves
// empty) turn up together in one outfit, overall and slot by slot.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace vrmall::rec {

// One item as counted: its slot and the ids of its distinct tokens.
struct CountedItem {
  int32_t slot = -1;
  std::vector<int32_t> tokens;
};

class OutfitTextStats {
 public:
  // Token and slot ids, fixed before counting (-1 when unknown).
  int32_t token(const std::string& t) const;
  int32_t addToken(const std::string& t);
  int32_t slot(const std::string& s) const;
  int32_t addSlot(const std::string& s);
  size_t vocabulary() const { return df_.size(); }
  size_t slots() const { return slotNames_.size(); }
  const std::string& slotName(int32_t s) const { return slotNames_[static_cast<size_t>(s)]; }

  // Counts one outfit's items (every cross-item token pair once per item pair).
  void add(const std::vector<CountedItem>& outfit);

  // Items holding token t, over all slots.
  float df(int32_t t) const { return t >= 0 && t < tokens() ? df_[static_cast<size_t>(t)] : 0; }
  double items() const { return items_; }
  // PMI of two tokens in different items of one outfit, slots ignored (add-half smoothing).
  float pmi(int32_t a, int32_t b) const;
  // Normalised PMI of token a in slot sa with token b in slot sb: -1 never together, 0
  // independent, 1 always together.
  float npmi(int32_t sa, int32_t a, int32_t sb, int32_t b) const;

 private:
  int32_t tokens() const { return static_cast<int32_t>(df_.size()); }
  std::unordered_map<std::string, int32_t> tokenIds_;
  std::unordered_map<std::string, int32_t> slotIds_;
  std::vector<std::string> slotNames_;
  std::vector<float> df_;
  std::vector<float> slotItems_;                // items per slot
  std::unordered_map<uint64_t, float> slotDf_;  // (slot, token) -> items
  std::unordered_map<uint64_t, float> pairs_;   // token pair -> item pairs
  std::unordered_map<uint64_t, float> slotPairs_;
  double items_ = 0;
};

}  // namespace vrmall::rec
