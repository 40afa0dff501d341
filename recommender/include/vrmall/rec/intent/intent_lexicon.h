#pragma once
// The shopping vocabulary the intent parser understands, English and Chinese: every surface form
// ("frock", "连衣裙", "under", "以内", "冬天") with what it means. Values are canonical English
// terms ("dress", "navy", "winter"); the parser maps them onto the catalogue's own values.
#include <string>
#include <vector>

namespace vrmall::rec {

enum class IntentWord {
  Category,      // value: a garment ("dress", "maxi skirt", "trench coat")
  Color,         // value: a colour ("red"); "blue" stands for a family (see colorFamily)
  Material,      // value: a material ("silk")
  Season,        // value: "summer" / "winter" / "spring" / "autumn"
  Occasion,      // value: "wedding", "date", "work", "party", "beach", "gym"
  Style,         // value: a style ("boho", "street", ...)
  Gender,        // value: "women" / "men"
  PriceMax,      // under, below, 以下, 以内 ...
  PriceMin,      // over, above, 以上 ...
  PriceAround,   // around, about, 左右 ...
  PriceBetween,  // between
  RangeJoin,     // to, and, -, 到, 至 (between two prices)
  Currency,      // $, dollars, yuan, 元, 块
  SizeWord,      // size, 码, 尺码
  SizeName,      // value: the letter size a word means ("medium" -> "M", 大号 -> "L")
  Modifier,      // value: "long", "short" (understood, refines the garment)
  Stop,          // words that carry no constraint ("a", "for", "的", "适合")
};

struct LexiconEntry {
  std::string surface;  // lower-case English (may be several words) or Chinese
  IntentWord kind;
  std::string value;
};

// Every entry, English and Chinese.
const std::vector<LexiconEntry>& intentLexicon();

// The catalogue colours a colour word stands for when the catalogue has no value of that name
// ("blue": navy, cobalt, sky blue, denim blue, teal; "green": emerald, olive, sage, lime).
std::vector<std::string> colorFamily(const std::string& color);

// Other names of the same garment a catalogue may use ("dress": dresses).
std::vector<std::string> categoryNames(const std::string& category);
// Garments a canonical category covers when the catalogue has no value of that name ("coat":
// trench coat, parka, puffer; "sneakers": sneakers, running).
std::vector<std::string> categoryFamily(const std::string& category);

// Styles and seasons an occasion calls for (wedding: formal, evening).
struct OccasionPreference {
  std::vector<std::string> styles;
  std::vector<std::string> seasons;
};
OccasionPreference occasionPreference(const std::string& occasion);

}  // namespace vrmall::rec
