#pragma once
// Outfit compatibility from product names alone (Polyvore-style outfits: a set of items, each a
// slot and a description), for fill-in-the-blank: given an outfit with one slot blanked, which
// of the candidates belongs. Features of a candidate against the given items: word pairs seen
// together in training outfits (PMI), shared words (brand, colour, material), colour harmony and
// season and formality agreement read from the words with the stylist's knowledge
// (outfit_knowledge.h), and how alike the descriptions are written. Their weights are learned
// by softmax regression on blanks made from the training outfits themselves (other outfits'
// items of the same slot as the wrong choices).
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace vrmall::rec {

struct TextOutfit {
  std::string id;
  std::vector<std::pair<std::string, std::string>> items;  // slot, name
};

struct FitbQuestion {
  std::string outfit;  // the outfit it was made from (never learnt from when asked)
  std::vector<std::pair<std::string, std::string>> given;  // slot, name
  std::string blank_slot;
  std::vector<std::string> choices;
  int answer = -1;
};

// {"<set_id>": {"<slot>": {"index": n, "name": "..."}, ...}, ...}. Throws DataError naming the
// file and the outfit when malformed.
std::vector<TextOutfit> loadTextOutfits(const std::string& path);
// {"questions": [{"outfit", "given": {slot: name}, "blank_slot", "choices": [...], "answer"}]}.
std::vector<FitbQuestion> loadFitbQuestions(const std::string& path);

class OutfitTextModel {
 public:
  static constexpr size_t kFeatures = 12;
  using Given = std::vector<std::pair<std::string, std::string>>;  // slot, name

  // Counts from `outfits`, then the feature weights on blanks carved from them (seed: which
  // wrong choices are drawn).
  void fit(const std::vector<const TextOutfit*>& outfits, uint64_t seed);
  float score(const Given& given, const std::string& slot, const std::string& candidate) const;
  int choose(const Given& given, const std::string& slot,
             const std::vector<std::string>& choices) const;
  const std::vector<float>& weights() const { return weights_; }

 private:
  struct Piece {
    int32_t slot = -1;
    std::vector<int32_t> words;
  };
  std::vector<float> features(const std::vector<Piece>& given, const Piece& candidate) const;
  Piece pieceOf(const std::string& slot, const std::string& name) const;
  int32_t slotId(const std::string& slot) const;
  std::vector<int32_t> wordsOf(const std::string& name) const;  // known words' ids
  void count(const std::vector<const TextOutfit*>& outfits);
  float idf(int32_t w) const;
  float pmi(int32_t a, int32_t b) const;
  float slotNpmi(int32_t sa, int32_t a, int32_t sb, int32_t b) const;

  std::unordered_map<std::string, int32_t> vocab_;
  std::vector<std::string> words_;
  std::vector<float> df_;                      // items containing the word
  std::unordered_map<uint64_t, float> pairs_;  // cross-item co-occurrence in one outfit
  // The same by slot: word w in slot s with word v in slot t.
  std::unordered_map<uint64_t, float> slotPairs_;
  std::unordered_map<uint64_t, float> slotDf_;  // (slot, word) -> items
  std::vector<float> slotItems_;                // items per slot
  std::unordered_map<std::string, int32_t> slots_;
  double items_ = 0;
  std::vector<float> weights_ = std::vector<float>(kFeatures, 0.0f);
};

struct FitbResult {
  double accuracy = 0.0;
  size_t questions = 0, correct = 0;
  size_t folds = 0;
  double mean_training_outfits = 0.0;  // per fold, after the exclusions
};

// Cross-validation by outfit: the questions' outfits in `folds` groups; each group's questions
// are answered by a model fitted on the other outfits, leaving out both the outfits asked about
// and every outfit a wrong choice was taken from (so no choice is recognised as an item seen
// elsewhere: on a new test set the wrong choices come from outfits the model never saw either).
FitbResult crossValidateFitb(const std::vector<TextOutfit>& outfits,
                             const std::vector<FitbQuestion>& questions, size_t folds,
                             uint64_t seed);

}  // namespace vrmall::rec
