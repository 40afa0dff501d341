#pragma once
// OutfitBuilder: complete outfits around one item of a store catalogue, the way a shop assistant
// would: one piece per complementary slot (a top and a bottom, or a dress; an outer layer; shoes;
// a bag; an accessory), the pieces chosen to go together (colours that harmonise, one style, one
// season, one level of formality, what the store's shoppers bought together) and to fit the
// shopper (gender, sizes stocked in theirs, within their budget), ranked by how well the whole
// look holds together plus how much the guide thinks the shopper will like each piece. Every
// piece says why it pairs: "navy goes with the khaki chinos you picked up", "both street style",
// "completes the look with shoes in your size 39".
#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "vrmall/rec/data/dataset.h"
#include "vrmall/rec/models/model.h"
#include "vrmall/rec/outfits/outfit_knowledge.h"

namespace vrmall::rec {

struct OutfitPiece {
  OutfitSlot slot = OutfitSlot::None;
  int32_t item = -1;
  double price = 0.0;
  std::vector<std::string> reasons;  // why it pairs with the rest of the look
};

struct Outfit {
  std::vector<OutfitPiece> pieces;  // the anchor first
  float score = 0.0f;
  double total_price = 0.0;
  std::vector<std::string> reasons;  // about the look as a whole
};

struct OutfitOptions {
  size_t k = 3;                       // outfits
  bool outer = true;                  // add an outer layer when one goes with the look
  std::span<const float> preference;  // per item, the guide's scores for this shopper (optional)
  std::span<const uint8_t> exclude;   // per item, 1 = not to be used (on show elsewhere, bought)
};

class OutfitBuilder {
 public:
  // Reads the catalogue's attributes and what shoppers bought, tried and picked up together.
  explicit OutfitBuilder(const Dataset& data);

  std::vector<Outfit> complete(int32_t anchor, const UserContext& shopper,
                               const OutfitOptions& options) const;
  std::vector<Outfit> complete(int32_t anchor, const UserContext& shopper, size_t k) const {
    OutfitOptions o;
    o.k = k;
    return complete(anchor, shopper, o);
  }

  // The most pairScore can give (style 1 + colour 0.8 + season 0.5 + formality 0.3 + bought
  // together 1.6): the shelf planner's early exit relies on it.
  static constexpr float kMaxPairScore = 4.2f;
  // How well two items go together (knowledge + co-purchase), and the strongest reason.
  float pairScore(int32_t a, int32_t b, std::string* reason = nullptr,
                  const std::string& anchorPhrase = "") const;
  OutfitSlot slotOf(int32_t item) const { return items_[static_cast<size_t>(item)].slot; }
  // Whether `item` suits the shopper (gender, size stocked, budget).
  bool suits(int32_t item, const UserContext& shopper) const;
  // Size stocked and budget only.
  bool fitsShopper(int32_t item, const UserContext& shopper) const;

 private:
  // Per item, as small codes: a pair is scored with integer tests and one table lookup (the
  // shelf planner scores hundreds of pairs per plan).
  struct ItemInfo {
    OutfitSlot slot = OutfitSlot::None;
    int32_t colour = -1;   // COLOR code
    uint32_t styles = 0;   // STYLE codes as bits
    uint32_t seasons = 0;  // SEASON codes as bits
    int32_t gender = -1;   // GENDER code (-1 none)
    int8_t formality = 0;
    double price = 0.0;
  };
  std::string colourName(int32_t item) const;
  std::string firstShared(uint32_t bits, const Column* column) const;
  float coPurchase(int32_t a, int32_t b) const;
  std::string describe(int32_t item, const UserContext& shopper) const;

  const Dataset& data_;
  const Column* colourColumn_ = nullptr;
  const Column* styleColumn_ = nullptr;
  const Column* seasonColumn_ = nullptr;
  int32_t unisex_ = -2;
  std::vector<float> harmony_;  // COLOR code x COLOR code
  size_t colours_ = 0;
  std::vector<ItemInfo> items_;
  std::vector<std::vector<int32_t>> bySlot_;      // per OutfitSlot, the items in it
  std::unordered_map<uint64_t, float> together_;  // pairs chosen by the same shopper
  std::vector<float> chosen_;                     // shoppers per item
  float shoppers_ = 0.0f;
};

}  // namespace vrmall::rec
