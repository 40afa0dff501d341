#pragma once
// What a shopper asked for in plain words ("red summer dress under 300", "适合约会的红色连衣裙"),
// as structured fields. Values are English, in the catalogue's own vocabulary where the catalogue
// has the concept (a CATEGORY_L1 / CATEGORY_L2, COLOR, MATERIAL, STYLE, SEASON or GENDER value),
// else the normalised English word (an occasion such as "wedding"); empty / nullopt where the
// query says nothing. Words the parser did not understand are kept in `unknown`, never dropped.
#include <optional>
#include <string>
#include <vector>

namespace vrmall::rec {

struct ShoppingIntent {
  std::vector<std::string> categories;  // catalogue CATEGORY_L1 or CATEGORY_L2 values
  std::vector<std::string> colors;      // catalogue COLOR values ("blue" may name several)
  std::vector<std::string> materials;   // catalogue MATERIAL values
  std::optional<double> price_min, price_max;
  std::optional<std::string> size;      // as asked: "M", "32" (a waist), "39" (a shoe size)
  std::optional<std::string> gender;    // "women", "men"
  std::optional<std::string> season;    // "summer", ...
  std::optional<std::string> occasion;  // "wedding", "date", "work", "party", "beach", "gym"
  std::optional<std::string> style;     // catalogue STYLE value
  std::vector<std::string> modifiers;   // understood but not a field: "long"
  std::vector<std::string> unknown;     // words (or Chinese runs) not understood

  bool empty() const {
    return categories.empty() && colors.empty() && materials.empty() && !price_min && !price_max &&
           !size && !gender && !season && !occasion && !style;
  }
};

}  // namespace vrmall::rec
