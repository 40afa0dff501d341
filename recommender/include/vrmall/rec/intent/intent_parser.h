#pragma once
// IntentParser: a shopping query in English or Chinese (or both) to a ShoppingIntent, in the
// vocabulary of one catalogue. English words are matched longest first (up to three words),
// then singular forms ("dresses"), then close spellings (one edit for words of 4+ letters, two for
// 8+: "skrit", "jaket"); Chinese runs are split by longest match against the lexicon (no spaces
// needed: "适合约会的红色连衣裙"), with Chinese numerals read as numbers. Prices read "under 300",
// "between 50 and 80", "800元以内", "300左右", "100到200元"; sizes "size M", "size 32", "M码";
// the words of the catalogue's own columns are understood as they are.
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "vrmall/rec/data/attribute_table.h"
#include "vrmall/rec/intent/intent_lexicon.h"
#include "vrmall/rec/intent/shopping_intent.h"

namespace vrmall::rec {

class IntentParser {
 public:
  // `items`: the catalogue whose CATEGORY_L1, CATEGORY_L2, COLOR, MATERIAL, STYLE, SEASON and
  // GENDER values the intent is expressed in (any of them may be missing).
  explicit IntentParser(const AttributeTable& items);

  ShoppingIntent parse(std::string_view query) const;

  // A word's comparison key: lower-case letters and digits only, a final plural "s" dropped.
  static std::string key(std::string_view word);

 private:
  struct Token;
  std::vector<Token> tokenize(std::string_view query) const;
  const LexiconEntry* lookupEnglish(const std::string& phrase) const;
  const LexiconEntry* fuzzyEnglish(const std::string& word) const;
  // The catalogue's value in `column` with the same key as `canonical`, or "".
  std::string inCatalogue(const std::string& column, const std::string& canonical) const;

  // Surface -> its meanings (usually one; "晚礼服" is a dress and the evening style).
  std::unordered_map<std::string, std::vector<const LexiconEntry*>> english_;
  std::unordered_map<std::string, std::vector<const LexiconEntry*>> chinese_;
  std::unordered_map<std::string, std::string> parentOf_;  // CATEGORY_L2 -> CATEGORY_L1
  std::unordered_set<std::string> oneSizeKinds_;      // CATEGORY_L1/L2 values never sold in sizes
  std::vector<const LexiconEntry*> fuzzyCandidates_;  // one-word English entries
  std::vector<LexiconEntry> catalogueWords_;          // the catalogue's own values as entries
  size_t longestChinese_ = 1;                         // in bytes
  // Per column, key -> the catalogue's value as written (lower-case).
  std::unordered_map<std::string, std::unordered_map<std::string, std::string>> values_;
};

}  // namespace vrmall::rec
