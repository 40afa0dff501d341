#pragma once
// Outfit compatibility from product names alone (Polyvore-style outfits: a set of items, each a
// slot and a description), for fill-in-the-blank: given an outfit with one slot blanked, which
// of the candidates belongs. Features of a candidate against the given items: word pairs seen
// together in training outfits (PMI), shared words (brand, colour, material), colour harmony and
// season and formality agreement read from the words with the stylist's knowledge
// (outfit_knowledge.h), how alike the descriptions are written, and the learnt token
// embeddings' fit (with the outfit as a whole, and with its closest and furthest given item). Their
// weights are learned by softmax regression on blanks made from the training outfits themselves
// (other outfits' items of the same slot as the wrong choices).
#include <cstdint>
#include <random>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "vrmall/rec/outfits/outfit_text_embedding.h"
#include "vrmall/rec/outfits/outfit_text_stats.h"

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
  using Given = std::vector<std::pair<std::string, std::string>>;  // slot, name

  // Counts from `outfits`, then the feature weights on blanks carved from them (seed: which
  // wrong choices are drawn).
  void fit(const std::vector<const TextOutfit*>& outfits, uint64_t seed);
  float score(const Given& given, const std::string& slot, const std::string& candidate) const;
  int choose(const Given& given, const std::string& slot,
             const std::vector<std::string>& choices) const;
  const std::vector<float>& weights() const { return weights_; }

  // One carved blank: each choice's features, the answer first.
  struct Example {
    std::vector<std::vector<float>> f;
  };

 private:
  // A name as the model reads it.
  struct Piece {
    int32_t slot = -1;
    std::vector<int32_t> words;     // known words' token ids, distinct
    std::vector<std::string> text;  // every word, known or not
    int32_t type = -1;              // the garment type's token id
    int tier = -1;                  // priceTier() of the words
    std::vector<int32_t> tokens;    // words, type and tier
  };
  // What a question says besides its items: the slots it leaves empty.
  struct Context {
    std::vector<int32_t> tokens;  // which slots are filled and which empty
    std::vector<int32_t> empty;   // the empty ones alone
  };
  std::vector<float> features(const std::vector<Piece>& given, const Context& context,
                              const Piece& candidate) const;
  Piece pieceOf(const std::string& slot, const std::string& name) const;
  Context contextOf(const std::vector<Piece>& given, int32_t blankSlot) const;
  // Blanks from `asked` (every item in turn, three wrong choices of its slot from other asked
  // outfits), featured with the current counts.
  std::vector<Example> carveExamples(const std::vector<const TextOutfit*>& asked,
                                     std::mt19937_64& rng) const;
  // Counts and embeddings from `outfits`.
  void learn(const std::vector<const TextOutfit*>& outfits, uint64_t seed);
  float idf(int32_t token) const;

  OutfitTextStats stats_;
  std::vector<OutfitTextEmbedding> embeddings_;
  int32_t contextSlot_ = -1;
  std::vector<float> weights_;
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
