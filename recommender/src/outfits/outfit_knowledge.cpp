#include "vrmall/rec/outfits/outfit_knowledge.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace vrmall::rec {
namespace {

// Colour families: shades of one hue sit together (tonal looks work).
const std::map<std::string, std::string>& families() {
  static const std::map<std::string, std::string> f = {
      {"red", "red"},          {"burgundy", "red"},      {"coral", "red"},
      {"rust", "orange"},      {"orange", "orange"},     {"terracotta", "orange"},
      {"mustard", "yellow"},   {"yellow", "yellow"},     {"gold", "yellow"},
      {"lime", "green"},       {"green", "green"},       {"olive", "green"},
      {"sage", "green"},       {"emerald", "green"},     {"teal", "blue"},
      {"blue", "blue"},        {"sky blue", "blue"},     {"cobalt", "blue"},
      {"denim blue", "blue"},  {"navy", "blue"},         {"purple", "purple"},
      {"pink", "pink"},        {"champagne", "neutral"}, {"silver", "neutral"},
      {"white", "neutral"},    {"ivory", "neutral"},     {"cream", "neutral"},
      {"beige", "neutral"},    {"camel", "neutral"},     {"khaki", "neutral"},
      {"brown", "neutral"},    {"grey", "neutral"},      {"gray", "neutral"},
      {"charcoal", "neutral"}, {"black", "neutral"}};
  return f;
}

std::pair<std::string, std::string> ordered(const std::string& a, const std::string& b) {
  return a < b ? std::make_pair(a, b) : std::make_pair(b, a);
}

}  // namespace

const char* outfitSlotName(OutfitSlot slot) {
  switch (slot) {
    case OutfitSlot::Top:
      return "top";
    case OutfitSlot::Bottom:
      return "bottom";
    case OutfitSlot::OnePiece:
      return "dress";
    case OutfitSlot::Outer:
      return "outer";
    case OutfitSlot::Shoes:
      return "shoes";
    case OutfitSlot::Bag:
      return "bag";
    case OutfitSlot::Accessory:
      return "accessory";
    case OutfitSlot::None:
      break;
  }
  return "none";
}

OutfitSlot slotOfCategory(const std::string& l1, const std::string& l2) {
  if (l1 == "tops") return OutfitSlot::Top;
  if (l1 == "trousers" || l1 == "skirts") return OutfitSlot::Bottom;
  if (l1 == "dresses") return OutfitSlot::OnePiece;
  if (l1 == "jackets") return OutfitSlot::Outer;
  if (l1 == "shoes") return OutfitSlot::Shoes;
  if (l1 == "bags") return OutfitSlot::Bag;
  if (l1 == "hats" || l1 == "glasses" || l1 == "watches") return OutfitSlot::Accessory;
  (void)l2;
  return OutfitSlot::None;
}

bool isNeutralColour(const std::string& c) {
  const auto it = families().find(c);
  return it != families().end() && it->second == "neutral";
}

float colourHarmony(const std::string& a, const std::string& b) {
  const auto fa = families().find(a), fb = families().find(b);
  if (fa == families().end() || fb == families().end()) return 0.0f;
  // Pairs a stylist reaches for first, and clashes.
  static const std::map<std::pair<std::string, std::string>, float> pairs = {
      {ordered("navy", "khaki"), 1.0f},      {ordered("navy", "white"), 1.0f},
      {ordered("black", "white"), 1.0f},     {ordered("camel", "white"), 0.9f},
      {ordered("camel", "navy"), 0.9f},      {ordered("denim blue", "white"), 0.9f},
      {ordered("burgundy", "grey"), 0.8f},   {ordered("olive", "cream"), 0.8f},
      {ordered("rust", "denim blue"), 0.8f}, {ordered("emerald", "gold"), 0.8f},
      {ordered("pink", "grey"), 0.7f},       {ordered("mustard", "navy"), 0.8f},
      {ordered("red", "navy"), 0.7f},        {ordered("sage", "beige"), 0.7f},
      {ordered("red", "pink"), -0.6f},       {ordered("red", "orange"), -0.5f},
      {ordered("red", "green"), -0.6f},      {ordered("orange", "pink"), -0.6f},
      {ordered("lime", "pink"), -0.5f},      {ordered("purple", "orange"), -0.5f},
      {ordered("brown", "black"), -0.3f},    {ordered("navy", "black"), -0.2f}};
  const auto it = pairs.find(ordered(a, b));
  if (it != pairs.end()) return it->second;
  const bool na = fa->second == "neutral", nb = fb->second == "neutral";
  if (na && nb) return 0.6f;                                  // neutrals together: always safe
  if (na || nb) return 0.5f;                                  // a neutral carries any colour
  if (fa->second == fb->second) return a == b ? 0.2f : 0.4f;  // tonal; the very same: flat
  return -0.2f;  // two strong hues of different families: bold, rarely what a look wants
}

int seasonPull(const std::string& w) {
  static const std::set<std::string> warm = {
      "sandal",   "sandals", "shorts",     "linen",       "straw",  "bikini", "swim",
      "swimsuit", "tank",    "espadrille", "espadrilles", "slides", "beach",  "summer",
      "sun",      "crochet", "raffia",     "sleeveless",  "flip",   "cami"};
  static const std::set<std::string> cold = {
      "wool",   "woolen",   "knit",      "sweater",  "coat",       "boots",   "boot",
      "winter", "fur",      "shearling", "cashmere", "turtleneck", "puffer",  "parka",
      "beanie", "scarf",    "velvet",    "fleece",   "down",       "quilted", "gloves",
      "tweed",  "corduroy", "cardigan",  "jumper"};
  if (warm.count(w) != 0) return 1;
  if (cold.count(w) != 0) return -1;
  return 0;
}

int formalityPull(const std::string& w) {
  static const std::set<std::string> dressy = {
      "heels",  "heel",       "pumps",    "pump",    "stiletto", "stilettos", "clutch",
      "gown",   "silk",       "satin",    "sequin",  "sequined", "crystal",   "embellished",
      "pearl",  "blazer",     "tailored", "evening", "cocktail", "lace",      "velvet",
      "patent", "chandelier", "diamond",  "tuxedo"};
  static const std::set<std::string> casual = {
      "sneakers",   "sneaker",  "trainers", "denim",      "jeans",   "tee",      "hoodie",
      "sweatshirt", "backpack", "canvas",   "jogger",     "joggers", "converse", "vans",
      "slides",     "cap",      "baseball", "distressed", "ripped",  "graphic",  "sporty",
      "athletic",   "running",  "flip",     "beanie"};
  if (dressy.count(w) != 0) return 1;
  if (casual.count(w) != 0) return -1;
  return 0;
}

int styleFormality(const std::string& style) {
  if (style == "formal" || style == "evening") return 1;
  if (style == "sporty" || style == "street" || style == "casual") return -1;
  return 0;
}

}  // namespace vrmall::rec
