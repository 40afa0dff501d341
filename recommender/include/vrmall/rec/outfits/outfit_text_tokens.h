#pragma once
// How the fill-in-the-blank model reads a product name: its words, the coarse garment type its
// head noun names ("sweater dress" is a dress, "dress shoes" are shoes), and its colours. The
// types let a model that has seen few outfits generalise from "skinny jeans" to "ripped jean".
#include <string>
#include <vector>

namespace vrmall::rec {

// Lower-case ASCII words of two or more letters or digits; an apostrophe joins ("women's" and
// "womens" are one word) and "t-shirt" stays one word.
std::vector<std::string> nameWords(const std::string& name);

// The coarse type of the garment a name describes, from the last word that names one ("" when
// none does): "floral maxi dress" -> "dress", "ankle boots" -> "boot", "tee" -> "tee".
std::string garmentType(const std::vector<std::string>& words);

// The price tier of the brand a name mentions: 3 designer, 2 contemporary, 1 high street, 0
// unbranded marketplace wording ("pu", "sexy", marketplace shop names); -1 when none is named.
// A name naming two tiers ("michael kors for zara") takes the higher.
int priceTier(const std::vector<std::string>& words);

// A word as a canonical colour ("navy", "red", ...; "" when the word is no colour).
std::string colourOfWord(const std::string& word);

}  // namespace vrmall::rec
