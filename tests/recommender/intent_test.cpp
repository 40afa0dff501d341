// Shopping intent in plain words: the hand-written query set (tests/recommender/data/
// intent_queries.json, English and Chinese apart) scored field by field with precision and recall,
// and the search behind it: hard constraints hold, soft ones rank, nothing in stock is an honest
// empty list with its reason.
#include <cmath>
#include <fstream>
#include <iomanip>
#include <map>
#include <nlohmann/json.hpp>

#include "test_support.h"
#include "vrmall/rec/data/dataset.h"
#include "vrmall/rec/intent/intent_parser.h"
#include "vrmall/rec/intent/intent_search.h"

namespace vrmall::rec {
namespace {

using nlohmann::json;

const Dataset& store() {
  static const Dataset d = [] {
    Dataset data;
    data.item_attributes =
        AttributeTable::load(std::string(VRMALL_STORE_DIR) + "/items.csv", "ITEM_ID", data.items);
    return data;
  }();
  return d;
}

struct FieldScore {
  double hits = 0, predicted = 0, expected = 0;
  double precision() const { return predicted > 0 ? hits / predicted : 1.0; }
  double recall() const { return expected > 0 ? hits / expected : 1.0; }
};

std::vector<std::string> listOf(const json& q, const char* key) {
  return q.contains(key) ? q[key].get<std::vector<std::string>>() : std::vector<std::string>{};
}

void scoreList(FieldScore& s, const std::vector<std::string>& got,
               const std::vector<std::string>& want) {
  s.predicted += static_cast<double>(got.size());
  s.expected += static_cast<double>(want.size());
  for (const auto& g : got) s.hits += std::count(want.begin(), want.end(), g) > 0 ? 1 : 0;
}

void scoreOne(FieldScore& s, const std::optional<std::string>& got, const json& q,
              const char* key) {
  if (got) s.predicted += 1;
  if (q.contains(key)) s.expected += 1;
  if (got && q.contains(key) && *got == q[key].get<std::string>()) s.hits += 1;
}

void scorePrice(FieldScore& s, const std::optional<double>& got, const json& q, const char* key) {
  if (got) s.predicted += 1;
  if (q.contains(key)) s.expected += 1;
  if (got && q.contains(key) && std::abs(*got - q[key].get<double>()) <= 1.0) s.hits += 1;
}

// Field-by-field precision and recall of one query set, per language; fails below the floors.
void scoreQuerySet(const std::string& file, double minPrecision, double minRecall) {
  std::ifstream in(std::string(VRMALL_SOURCE_TESTS) + "/data/" + file);
  ASSERT_TRUE(in) << file;
  const json set = json::parse(in);
  const IntentParser parser(store().item_attributes);
  std::map<std::string, std::map<std::string, FieldScore>> by;  // lang -> field -> score
  std::cout << file << "\n";
  for (const json& q : set["queries"]) {
    const std::string lang = q["lang"];
    const ShoppingIntent i = parser.parse(q["q"].get<std::string>());
    auto& f = by[lang];
    scoreList(f["categories"], i.categories, listOf(q, "categories"));
    scoreList(f["colors"], i.colors, listOf(q, "colors"));
    scoreList(f["materials"], i.materials, listOf(q, "materials"));
    scorePrice(f["price_min"], i.price_min, q, "price_min");
    scorePrice(f["price_max"], i.price_max, q, "price_max");
    scoreOne(f["size"], i.size, q, "size");
    scoreOne(f["gender"], i.gender, q, "gender");
    scoreOne(f["season"], i.season, q, "season");
    scoreOne(f["occasion"], i.occasion, q, "occasion");
    scoreOne(f["style"], i.style, q, "style");
    scoreList(f["unknown"], i.unknown, listOf(q, "unknown"));
    // Every miss is printed (the figures in the README come from this table).
    const json got = {{"categories", i.categories},
                      {"colors", i.colors},
                      {"materials", i.materials},
                      {"size", i.size.value_or("")},
                      {"gender", i.gender.value_or("")},
                      {"season", i.season.value_or("")},
                      {"occasion", i.occasion.value_or("")},
                      {"style", i.style.value_or("")},
                      {"price_min", i.price_min.value_or(-1)},
                      {"price_max", i.price_max.value_or(-1)},
                      {"unknown", i.unknown}};
    std::cout << lang << " " << q["q"].get<std::string>() << " -> " << got.dump() << "\n";
  }
  for (const auto& [lang, fields] : by) {
    for (const auto& [field, s] : fields) {
      std::cout << std::fixed << std::setprecision(3) << lang << " " << std::setw(10) << field
                << "  precision " << s.precision() << "  recall " << s.recall() << "  (" << s.hits
                << " of " << s.expected << " expected, " << s.predicted << " given)\n";
      if (field == "unknown") continue;  // reported, not a target
      EXPECT_GE(s.precision(), minPrecision) << file << " " << lang << " " << field;
      EXPECT_GE(s.recall(), minRecall) << file << " " << lang << " " << field;
    }
  }
}

// The development set: the lexicon was grown on it.
TEST(Intent, DevelopmentSetPrecisionAndRecallPerFieldAndLanguage) {
  scoreQuerySet("intent_queries.json", 0.95, 0.95);
}

// Written blind to the parser by someone who only saw the catalogue; never tuned on.
TEST(Intent, HeldOutSetPrecisionAndRecallPerFieldAndLanguage) {
  scoreQuerySet("intent_queries_heldout.json", 0.8, 0.7);
}

// A second blind set, written by another author the same way after the parser was finished
// (its first run is the figure reported; never tuned on).
TEST(Intent, SecondHeldOutSetPrecisionAndRecallPerFieldAndLanguage) {
  scoreQuerySet("intent_queries_heldout2.json", 0.7, 0.6);
}

// A third blind set (60 queries, half Chinese), written without reading the parser after the
// vocabulary grew from heldout2's misses: the measure of how far that generalises.
TEST(Intent, ThirdHeldOutSetPrecisionAndRecallPerFieldAndLanguage) {
  scoreQuerySet("intent_queries_heldout3.json", 0.75, 0.7);
}

TEST(Intent, MisspellingsPluralsAndSynonyms) {
  const IntentParser parser(store().item_attributes);
  EXPECT_EQ(parser.parse("dresess").categories, std::vector<std::string>{"dresses"});
  EXPECT_EQ(parser.parse("skrits").categories, std::vector<std::string>{"skirts"});
  EXPECT_EQ(parser.parse("pants").categories, std::vector<std::string>{"trousers"});
  EXPECT_EQ(parser.parse("jumper").categories, std::vector<std::string>{"sweater"});
  EXPECT_EQ(parser.parse("sneakerz").categories, std::vector<std::string>{"sneakers"});
  EXPECT_EQ(parser.parse("gray").colors, std::vector<std::string>{"grey"});
  EXPECT_EQ(parser.parse("Ladies' tops").gender, "women");
  EXPECT_EQ(parser.parse("Men’s shirts").gender, "men");  // a curly apostrophe
}

TEST(Intent, PriceWordsInBothLanguages) {
  const IntentParser parser(store().item_attributes);
  auto i = parser.parse("dress below 99.50");
  EXPECT_EQ(i.price_max, 99.5);
  i = parser.parse("shoes from 40 to 60");
  EXPECT_EQ(i.price_min, 40);
  EXPECT_EQ(i.price_max, 60);
  i = parser.parse("bag 50-80");
  EXPECT_EQ(i.price_min, 50);
  EXPECT_EQ(i.price_max, 80);
  i = parser.parse("连衣裙 三百五以下");
  EXPECT_EQ(i.price_max, 350);
  i = parser.parse("外套 一千五百元以内");
  EXPECT_EQ(i.price_max, 1500);
  i = parser.parse("手表 300元以上");
  EXPECT_EQ(i.price_min, 300);
  i = parser.parse("裙子 不超过200");
  EXPECT_EQ(i.price_max, 200);
}

TEST(Intent, WordsItDoesNotUnderstandAreReported) {
  const IntentParser parser(store().item_attributes);
  const auto i = parser.parse("holographic dress for my quinceanera 龙纹");
  EXPECT_EQ(i.categories, std::vector<std::string>{"dresses"});
  ASSERT_EQ(i.unknown.size(), 3u);
  EXPECT_EQ(i.unknown[0], "holographic");
  EXPECT_EQ(i.unknown[1], "quinceanera");
  EXPECT_EQ(i.unknown[2], "龙纹");
}

TEST(Intent, SearchKeepsTheHardConstraintsAndRanksTheSoftOnes) {
  const IntentParser parser(store().item_attributes);
  const Dataset& d = store();
  SearchOptions o;
  o.k = 20;
  const auto r = searchCatalogue(d, parser.parse("red summer dress under 300"), o);
  ASSERT_FALSE(r.hits.empty());
  for (const SearchHit& h : r.hits) {
    EXPECT_EQ(d.item_attributes.value(h.item, "CATEGORY_L1"), "dresses") << h.name;
    EXPECT_LE(h.price, 300.0) << h.name;
  }
  // A red one (main colour or colourway) comes first, and says so.
  const std::string first = d.item_attributes.value(r.hits[0].item, "COLOR") + "|" +
                            d.item_attributes.value(r.hits[0].item, "COLORWAYS");
  EXPECT_NE(first.find("red"), std::string::npos) << r.hits[0].name;
  EXPECT_FALSE(r.hits[0].reasons.empty());
  // Scores never rise down the list.
  for (size_t k = 1; k < r.hits.size(); ++k) EXPECT_LE(r.hits[k].score, r.hits[k - 1].score);
  // A waist size on trousers sold in letters: 32 reads as M.
  const auto chinos = searchCatalogue(d, parser.parse("men's chinos size 32"), o);
  ASSERT_FALSE(chinos.hits.empty());
  for (const SearchHit& h : chinos.hits) {
    EXPECT_NE(d.item_attributes.value(h.item, "SIZES").find("M"), std::string::npos);
    EXPECT_NE(d.item_attributes.value(h.item, "GENDER"), "women");
  }
}

TEST(Intent, NothingInStockIsAnHonestEmptyListWithItsReason) {
  const IntentParser parser(store().item_attributes);
  const auto r = searchCatalogue(store(), parser.parse("boots under 5"), SearchOptions{});
  EXPECT_TRUE(r.hits.empty());
  EXPECT_NE(r.empty_reason.find("boots here cost"), std::string::npos) << r.empty_reason;
  EXPECT_NE(r.empty_reason.find("none under 5"), std::string::npos) << r.empty_reason;
  const auto s = searchCatalogue(store(), parser.parse("sandals size 50"), SearchOptions{});
  EXPECT_TRUE(s.hits.empty());
  EXPECT_NE(s.empty_reason.find("none in size 50"), std::string::npos) << s.empty_reason;
}

}  // namespace
}  // namespace vrmall::rec
