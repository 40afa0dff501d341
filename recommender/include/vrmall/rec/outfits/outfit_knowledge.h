#pragma once
// What a stylist knows before seeing any data: which outfit slot a garment fills, which colours
// go together (neutrals with anything, classic pairs such as navy and khaki, clashes to avoid),
// and that a look keeps to one season and one level of formality. Used by the store's outfit
// builder (on catalogue attributes) and by the fill-in-the-blank model (on words in names).
#include <optional>
#include <string>
#include <vector>

namespace vrmall::rec {

// The complementary slots of an outfit. A one-piece dress fills Top and Bottom at once.
enum class OutfitSlot { Top, Bottom, OnePiece, Outer, Shoes, Bag, Accessory, None };
const char* outfitSlotName(OutfitSlot slot);  // "top", "bottom", "dress", "outer", ...

// The slot of a catalogue garment (CATEGORY_L1 / CATEGORY_L2 values): tops -> Top, trousers and
// skirts -> Bottom, dresses -> OnePiece, jackets -> Outer, ...
OutfitSlot slotOfCategory(const std::string& l1, const std::string& l2);

// How well two colours go together, -1 (clash) .. 1 (a classic pair); 0 when either is unknown.
// Colours are catalogue COLOR values or plain colour words ("red", "navy", "khaki").
float colourHarmony(const std::string& a, const std::string& b);
bool isNeutralColour(const std::string& colour);

// The season a word pulls a garment towards (+1 warm weather, -1 cold weather, 0 none):
// "sandals", "linen", "straw" +1; "wool", "boots", "puffer" -1.
int seasonPull(const std::string& word);
// The formality a word pulls towards (+1 dressy, -1 casual, 0 none): "heels", "satin", "clutch"
// +1; "sneakers", "hoodie", "denim" -1.
int formalityPull(const std::string& word);
// A catalogue STYLE's formality (+1 formal / evening, -1 sporty / street / casual, 0 others).
int styleFormality(const std::string& style);

}  // namespace vrmall::rec
