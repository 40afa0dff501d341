#include "vrmall/rec/outfits/outfit_text_tokens.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <unordered_map>

#include "vrmall/rec/intent/intent_lexicon.h"

namespace vrmall::rec {
namespace {

// Head nouns by the coarse type they name. Plurals and near-synonyms share a type so that the
// pairing statistics of a rare word borrow from its common sibling.
const std::unordered_map<std::string, std::string>& typeLexicon() {
  static const std::unordered_map<std::string, std::string> lexicon = [] {
    const std::map<std::string, std::vector<std::string>> byType = {
        // Tops and layers.
        {"top",
         {"top", "tops", "cami", "camisole", "bodysuit", "bralet", "bralette", "bandeau", "halter",
          "corset", "bustier", "crop"}},
        {"tank", {"tank", "tanks", "singlet"}},
        {"tee", {"tshirt", "tshirts", "tee", "tees"}},
        {"shirt", {"shirt", "shirts", "blouse", "blouses", "tunic", "tunics"}},
        {"sweater",
         {"sweater", "sweaters", "jumper", "jumpers", "pullover", "knit", "knitwear", "turtleneck",
          "cashmere"}},
        {"sweatshirt", {"sweatshirt", "sweatshirts", "hoodie", "hoodies", "hoody"}},
        {"cardigan", {"cardigan", "cardigans", "kimono", "shrug"}},
        {"jacket",
         {"jacket", "jackets", "bomber", "outerwear", "anorak", "windbreaker", "gilet", "vest",
          "waistcoat"}},
        {"blazer", {"blazer", "blazers", "tuxedo", "suit"}},
        {"coat",
         {"coat", "coats", "parka", "trench", "peacoat", "overcoat", "cape", "poncho", "puffer"}},
        // Bottoms and one-pieces.
        {"dress", {"dress", "dresses", "gown", "gowns", "sundress", "minidress", "frock"}},
        {"jumpsuit",
         {"jumpsuit", "jumpsuits", "romper", "rompers", "playsuit", "overalls", "dungarees",
          "catsuit"}},
        {"skirt", {"skirt", "skirts", "skort", "tutu"}},
        {"jeans", {"jeans", "jean"}},
        {"shorts", {"shorts"}},
        {"trousers",
         {"pants", "pant", "trousers", "trouser", "chinos", "culottes", "slacks", "joggers",
          "sweatpants", "trackpants", "palazzo", "bottoms"}},
        {"leggings", {"leggings", "legging", "tights", "jeggings"}},
        {"swim", {"bikini", "swimsuit", "swimwear", "monokini"}},
        // Shoes.
        {"boot", {"boot", "boots", "bootie", "booties", "booty", "bootee"}},
        {"pump", {"pump", "pumps", "heel", "heels", "stiletto", "stilettos", "court"}},
        {"sandal", {"sandal", "sandals", "slides", "slide", "flipflops", "thongs"}},
        {"sneaker", {"sneaker", "sneakers", "trainer", "trainers", "kicks", "runners"}},
        {"flat", {"flat", "flats", "ballerina", "ballerinas", "ballet", "mary"}},
        {"loafer",
         {"loafer", "loafers", "oxford", "oxfords", "brogue", "brogues", "moccasin", "moccasins",
          "derby", "slippers", "slipper"}},
        {"mule", {"mule", "mules", "clog", "clogs", "slingback", "slingbacks"}},
        {"wedge", {"wedge", "wedges", "espadrille", "espadrilles", "platform", "platforms"}},
        {"shoe", {"shoe", "shoes"}},
        // Bags.
        {"clutch", {"clutch", "clutches", "minaudiere", "envelope", "pouch", "wristlet"}},
        {"tote", {"tote", "totes", "shopper", "hobo"}},
        {"backpack", {"backpack", "backpacks", "rucksack"}},
        {"crossbody", {"crossbody", "messenger", "satchel", "satchels", "camera", "saddle"}},
        {"handbag", {"handbag", "handbags", "purse", "purses", "bucket"}},
        {"wallet", {"wallet", "wallets", "cardholder", "case"}},
        {"bag", {"bag", "bags"}},
        // Accessories.
        {"necklace",
         {"necklace", "necklaces", "pendant", "choker", "chokers", "collar", "lariat", "chain"}},
        {"earring", {"earring", "earrings", "studs", "stud", "hoops", "hoop", "ear", "cuffs"}},
        {"bracelet", {"bracelet", "bracelets", "bangle", "bangles", "cuff", "anklet"}},
        {"ring", {"ring", "rings"}},
        {"sunglasses",
         {"sunglasses", "sunnies", "shades", "glasses", "eyewear", "aviator", "aviators"}},
        {"watch", {"watch", "watches", "smartwatch"}},
        {"scarf", {"scarf", "scarves", "shawl", "wrap", "bandana", "stole"}},
        {"hat", {"hat", "hats", "beanie", "beret", "fedora", "cap", "headband", "turban"}},
        {"belt", {"belt", "belts"}},
        {"brooch", {"brooch", "pin", "charm", "keychain"}},
        {"jewelry", {"jewelry", "jewellery", "set"}},
    };
    std::unordered_map<std::string, std::string> m;
    for (const auto& [type, words] : byType) {
      for (const std::string& w : words) m.emplace(w, type);
    }
    return m;
  }();
  return lexicon;
}

// Brands by price tier, as a stylist knows them: one distinctive word, or two adjacent words
// where one alone is ambiguous. Outfits on Polyvore keep to a tier (a designer bag with
// designer shoes, a marketplace top with marketplace jeans) far more often than chance.
const std::unordered_map<std::string, int>& tierLexicon() {
  static const std::unordered_map<std::string, int> lexicon = [] {
    const std::map<int, std::vector<std::string>> byTier = {
        {3,
         {"chanel",
          "gucci",
          "prada",
          "valentino",
          "balmain",
          "givenchy",
          "louboutin",
          "zanotti",
          "jimmy choo",
          "manolo",
          "blahnik",
          "mcqueen",
          "saint laurent",
          "yves",
          "dolce",
          "gabbana",
          "fendi",
          "celine",
          "chlo",
          "chloe",
          "hermes",
          "herm",
          "versace",
          "burberry",
          "balenciaga",
          "dior",
          "lanvin",
          "miu",
          "vuitton",
          "bottega",
          "ferragamo",
          "marant",
          "proenza",
          "schouler",
          "kirkwood",
          "aquazzura",
          "gianvito",
          "armani",
          "cavalli",
          "moschino",
          "kenzo",
          "loewe",
          "mulberry",
          "alaia",
          "weitzman",
          "oscar de",
          "tom ford",
          "marni",
          "acne",
          "mccartney",
          "alexander wang",
          "cartier",
          "tiffany",
          "rolex",
          "sophia webster",
          "charlotte olympia",
          "margiela",
          "katrantzou",
          "casadei",
          "zimmermann",
          "westwood",
          "etro",
          "jil sander",
          "pierre hardy",
          "victoria beckham",
          "mcm",
          "carven",
          "dsquared2",
          "msgm",
          "ippolita",
          "vince",
          "phillip lim",
          "helmut",
          "tabitha",
          "simone rocha",
          "roksanda",
          "missoni",
          "emilio",
          "pucci",
          "tods",
          "sergio",
          "rossi",
          "golden goose",
          "simons"}},
        {2,
         {"kors",
          "kate spade",
          "coach",
          "tory",
          "burch",
          "minkoff",
          "furstenberg",
          "ralph",
          "lauren",
          "tommy",
          "hilfiger",
          "marc jacobs",
          "calvin",
          "klein",
          "dkny",
          "juicy",
          "betsey",
          "alice olivia",
          "ted baker",
          "rag bone",
          "current elliott",
          "frame denim",
          "joseph",
          "equipment",
          "splendid",
          "tibi",
          "diane von",
          "alexis bittar",
          "kenneth",
          "guess",
          "fossil",
          "nine west",
          "steve madden",
          "sam edelman",
          "schutz",
          "aldo",
          "paolo iantorno",
          "french connection",
          "see by",
          "wildfox",
          "paige",
          "rebecca",
          "badgley",
          "mischka",
          "bcbgmaxazria",
          "bcbg",
          "vera",
          "wang",
          "self portrait"}},
        {1,
         {"topshop",
          "zara",
          "mango",
          "asos",
          "boohoo",
          "river island",
          "new look",
          "miss selfridge",
          "dorothy perkins",
          "warehouse",
          "oasis",
          "monki",
          "pull bear",
          "bershka",
          "stradivarius",
          "missguided",
          "charlotte russe",
          "forever",
          "accessorize",
          "aeropostale",
          "gap",
          "uniqlo",
          "vila",
          "monsoon",
          "carvela",
          "nike",
          "adidas",
          "converse",
          "vans",
          "puma",
          "keds",
          "dr martens",
          "martens",
          "lands end",
          "old navy",
          "wallis",
          "primark",
          "superdry",
          "jack wills",
          "hollister",
          "abercrombie",
          "american eagle",
          "urban outfitters",
          "glamorous",
          "quiz",
          "lipsy",
          "jane norman",
          "yumi",
          "apricot",
          "vero moda",
          "reebok",
          "skechers",
          "timberland",
          "ugg",
          "toms",
          "birkenstock",
          "havaianas",
          "swatch",
          "lucky brand"}},
        {0, {"pu",          "yoins",   "shein",    "sheinside", "romwe",      "chicnova",
             "choies",      "lucluc",  "chicwish", "zaful",     "sammydress", "dresslily",
             "rosegal",     "newchic", "tidebuy",  "stylish",   "trendy",     "sexy",
             "fashionable", "sweet",   "cute",     "brief",     "elegant",    "amazon"}},
    };
    std::unordered_map<std::string, int> m;
    for (const auto& [tier, brands] : byTier) {
      for (const std::string& b : brands) m.emplace(b, tier);
    }
    return m;
  }();
  return lexicon;
}

}  // namespace

int priceTier(const std::vector<std::string>& words) {
  const auto& lexicon = tierLexicon();
  int best = -1;
  for (size_t i = 0; i < words.size(); ++i) {
    const auto one = lexicon.find(words[i]);
    if (one != lexicon.end()) best = std::max(best, one->second);
    if (i + 1 < words.size()) {
      const auto two = lexicon.find(words[i] + " " + words[i + 1]);
      if (two != lexicon.end()) best = std::max(best, two->second);
    }
  }
  return best;
}

std::vector<std::string> nameWords(const std::string& name) {
  std::vector<std::string> out;
  std::string word;
  const auto flush = [&] {
    if (word.size() >= 2) out.push_back(word);
    word.clear();
  };
  for (size_t i = 0; i < name.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(name[i]);
    if (std::isalnum(c) != 0) {
      word.push_back(static_cast<char>(std::tolower(c)));
    } else if (c == '\'' && !word.empty()) {
      continue;  // "women's" reads as "womens"
    } else if (c == '-' && word == "t") {
      continue;  // "t-shirt" reads as "tshirt"
    } else {
      flush();
    }
  }
  flush();
  return out;
}

std::string garmentType(const std::vector<std::string>& words) {
  const auto& lexicon = typeLexicon();
  for (auto it = words.rbegin(); it != words.rend(); ++it) {
    const auto t = lexicon.find(*it);
    if (t != lexicon.end()) return t->second;
  }
  return {};
}

std::string colourOfWord(const std::string& word) {
  static const std::unordered_map<std::string, std::string> lexicon = [] {
    std::unordered_map<std::string, std::string> m;
    for (const LexiconEntry& e : intentLexicon()) {
      if (e.kind == IntentWord::Color && e.surface.find(' ') == std::string::npos &&
          static_cast<unsigned char>(e.surface[0]) < 0x80) {
        m.emplace(e.surface, e.value);
      }
    }
    return m;
  }();
  const auto it = lexicon.find(word);
  return it == lexicon.end() ? std::string() : it->second;
}

}  // namespace vrmall::rec
