#include "palette.h"

#include <cmath>
#include <map>
#include <stdexcept>

namespace storegen {

namespace {
const std::vector<Colour>& colours() {
  static const std::vector<Colour> all = {
      {"black", 0x1c1c1e},        {"white", 0xf4f4f2},     {"ivory", 0xf1ead8},
      {"cream", 0xefe3c8},        {"beige", 0xd8c3a5},     {"camel", 0xb9875a},
      {"tan", 0xc49a6c},          {"brown", 0x6b4630},     {"chocolate", 0x4a2f22},
      {"navy", 0x1f2a44},         {"charcoal", 0x3a3d42},  {"grey", 0x8e9196},
      {"olive", 0x5f6b3a},        {"khaki", 0xa89f72},     {"sage", 0x9cae8f},
      {"forest green", 0x2f4f3a}, {"emerald", 0x1f6f54},   {"burgundy", 0x6d1f2f},
      {"red", 0xc0392b},          {"coral", 0xe9775f},     {"rust", 0xa9502b},
      {"terracotta", 0xc0674a},   {"mustard", 0xd1a230},   {"pink", 0xe8a5b8},
      {"blush", 0xe9c4c0},        {"lavender", 0xb8a9d6},  {"sky blue", 0x8fbde0},
      {"denim blue", 0x3f5f86},   {"cobalt", 0x2a50a8},    {"teal", 0x237a7a},
      {"lime", 0xa8d13b},         {"silver", 0xc8cacc},    {"gold", 0xd4af37},
      {"champagne", 0xe6d3a8},    {"rose gold", 0xd9a08b}, {"orange", 0xe27d2e},
  };
  return all;
}
}  // namespace

const Colour& colour(const std::string& name) {
  for (const auto& c : colours())
    if (c.name == name) return c;
  throw std::runtime_error("unknown colour " + name);
}

std::array<float, 3> linear_rgb(const Colour& c) {
  std::array<float, 3> out{};
  for (int i = 0; i < 3; ++i) {
    const double s = ((c.rgb >> (16 - 8 * i)) & 0xff) / 255.0;
    const double l = s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
    // Three decimals keep the files readable and are far below what a display can show.
    out[static_cast<size_t>(i)] = static_cast<float>(std::round(l * 1000.0) / 1000.0);
  }
  return out;
}

const std::vector<std::string>& style_palette(const std::string& style) {
  static const std::map<std::string, std::vector<std::string>> palettes = {
      {"casual",
       {"navy", "white", "denim blue", "khaki", "olive", "grey", "sky blue", "pink", "red"}},
      {"formal", {"navy", "charcoal", "black", "white", "grey", "burgundy", "camel", "sky blue"}},
      {"street", {"black", "grey", "white", "olive", "red", "orange", "lime", "charcoal"}},
      {"sporty", {"black", "white", "cobalt", "red", "lime", "sky blue", "grey", "teal"}},
      {"boho", {"cream", "rust", "mustard", "terracotta", "sage", "coral", "ivory", "brown"}},
      {"minimalist", {"black", "white", "beige", "camel", "grey", "ivory", "charcoal", "sage"}},
      {"evening", {"black", "burgundy", "emerald", "navy", "gold", "champagne", "silver", "red"}},
  };
  return palettes.at(style);
}

}  // namespace storegen
