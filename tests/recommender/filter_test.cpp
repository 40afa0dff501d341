#include "test_support.h"
#include "vrmall/rec/data_error.h"
#include "vrmall/rec/item_filter.h"

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
