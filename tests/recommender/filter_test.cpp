#include "test_support.h"
#include "vrmall/rec/data/data_error.h"
#include "vrmall/rec/data/item_filter.h"
#include "vrmall/rec/data/size_match.h"
#include "vrmall/rec/models/reason_drafts.h"

namespace vrmall::rec {
namespace {

class FilterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    table = AttributeTable::fromCsvText(
        "ITEM_ID,CATEGORY_L1,PRICE,SIZES,COLOR\n"
        "a,dresses,250,S|M,Red\nb,skirts,320,M|L,Black\nc,tops,40,S,Navy Blue\nd,dresses,90,,Red\n",
        "items.csv", "ITEM_ID", ids);
  }
  std::vector<std::string> passing(const std::string& expr) {
    const auto f = ItemFilter::parse(expr, table);
    std::vector<std::string> out;
    for (int32_t i = 0; i < ids.size(); ++i) {
      if (f.matches(i)) out.push_back(ids.id(i));
    }
    return out;
  }
  IdMap ids;
  AttributeTable table;
};

TEST_F(FilterTest, NumbersSetsAndLogic) {
  EXPECT_EQ(passing("PRICE < 300"), (std::vector<std::string>{"a", "c", "d"}));
  EXPECT_EQ(passing("CATEGORY_L1 IN (dresses, skirts)"), (std::vector<std::string>{"a", "b", "d"}));
  EXPECT_EQ(passing("category_l1 in (Dresses) AND price >= 100"), (std::vector<std::string>{"a"}));
  EXPECT_EQ(passing("SIZES IN (L) OR COLOR = navy blue"), (std::vector<std::string>{"b", "c"}));
  EXPECT_EQ(passing("NOT (COLOR = red)"), (std::vector<std::string>{"b", "c"}));
  EXPECT_EQ(passing("COLOR NOT IN (red, black)"), (std::vector<std::string>{"c"}));
  EXPECT_EQ(passing(""), (std::vector<std::string>{"a", "b", "c", "d"}));
}

// The batch rule (shopper's sizes read once) says exactly what matchSize() says, item by item:
// clothing and shoe sizes, one-size and unlisted items, sizes nobody stocks, spaces and case.
TEST(SizeMatch, BatchRuleAgreesWithThePerItemRule) {
  IdMap ids;
  const auto t = AttributeTable::fromCsvText(
      "ITEM_ID,SIZES\na,S|M\nb,M|L\nc,one-size\nd,\ne,38|39\nf,40\ng,XS\n", "items.csv", "ITEM_ID",
      ids);
  const SizeIndex index(t.column("SIZES"));
  const std::vector<std::unordered_map<std::string, std::string>> shoppers = {
      {},
      {{"SIZE", "M"}},
      {{"SIZE", " m "}, {"SHOE_SIZE", "39"}},
      {{"SIZE", "XXL"}},
      {{"SHOE_SIZE", "41"}},
      {{"SIZE", ""}, {"SHOE_SIZE", "40"}}};
  for (const auto& attributes : shoppers) {
    const auto sizes = index.shopperSizes(attributes);
    for (int32_t i = 0; i < static_cast<int32_t>(ids.size()); ++i) {
      const SizeMatch one = matchSize(t.column("SIZES"), i, attributes);
      const SizeIndex::Fit batch = index.fit(sizes, i);
      EXPECT_EQ(batch.applies, one.applies) << ids.id(i);
      EXPECT_EQ(batch.fits, one.fits) << ids.id(i);
      if (one.applies) {
        EXPECT_EQ(*batch.size, one.size) << ids.id(i);
      }
    }
  }
}

// Drafts: the same words are one phrase; rendering keeps each item's drafts in order.
TEST(ReasonDrafts, SameWordsOnePhraseAndOrderKept) {
  ReasonDrafts d;
  const uint32_t looked = d.phrase("because you looked at the linen shirt for 2 s");
  EXPECT_EQ(d.phrase("because you looked at the linen shirt for 2 s"), looked);
  const uint32_t budget = d.phrase("within your budget of 150");
  EXPECT_NE(budget, looked);
  const uint16_t knn = d.source("itemknn"), content = d.source("content");
  EXPECT_EQ(d.source("itemknn"), knn);
  d.add(1, budget, 0.2f, content);
  d.add(0, looked, 3.0f, knn);
  d.add(1, looked, 1.5f, knn);
  const auto out = d.render(2);
  ASSERT_EQ(out[0].size(), 1u);
  EXPECT_EQ(out[0][0].text, "because you looked at the linen shirt for 2 s");
  EXPECT_EQ(out[0][0].source, "itemknn");
  ASSERT_EQ(out[1].size(), 2u);
  EXPECT_EQ(out[1][0].text, "within your budget of 150");
  EXPECT_EQ(out[1][1].weight, 1.5f);
}

TEST_F(FilterTest, ErrorsNamePosition) {
  EXPECT_THROW(ItemFilter::parse("BRAND = x", table), DataError);
  EXPECT_THROW(ItemFilter::parse("PRICE < cheap", table), DataError);
  EXPECT_THROW(ItemFilter::parse("PRICE < 3 AND", table), DataError);
  try {
    ItemFilter::parse("COLOR IN (red", table);
    FAIL();
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("character"), std::string::npos);
  }
}

}  // namespace
}  // namespace vrmall::rec
