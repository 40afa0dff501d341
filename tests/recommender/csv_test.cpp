#include "test_support.h"
#include "vrmall/rec/data/attribute_table.h"
#include "vrmall/rec/data/csv_reader.h"
#include "vrmall/rec/data/data_error.h"
#include "vrmall/rec/data/interaction.h"

namespace vrmall::rec {
namespace {

TEST(CsvReader, QuotedFieldsCrlfAndBom) {
  auto r = CsvReader::fromString(
      "\xEF\xBB\xBF"
      "a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",2\n");
  std::vector<std::string> f;
  ASSERT_TRUE(r.next(f));
  EXPECT_EQ(f, (std::vector<std::string>{"a", "b"}));
  ASSERT_TRUE(r.next(f));
  EXPECT_EQ(f, (std::vector<std::string>{"x, y", "say \"hi\""}));
  ASSERT_TRUE(r.next(f));
  EXPECT_EQ(f[0], "multi\nline");
  EXPECT_EQ(r.recordLine(), 3);
  EXPECT_FALSE(r.next(f));
}

TEST(CsvReader, UnclosedQuoteNamesLineAndColumn) {
  auto r = CsvReader::fromString("a,b\n1,\"oops\n", "f.csv");
  std::vector<std::string> f;
  ASSERT_TRUE(r.next(f));
  try {
    r.next(f);
    FAIL() << "expected an error";
  } catch (const DataError& e) {
    EXPECT_EQ(e.file(), "f.csv");
    EXPECT_EQ(e.line(), 2);
    EXPECT_EQ(e.column(), 2);
  }
}

TEST(CsvReader, InvalidUtf8IsReported) {
  auto r = CsvReader::fromString("a,b\nok,bad\xC3(\n", "u.csv");
  std::vector<std::string> f;
  ASSERT_TRUE(r.next(f));
  EXPECT_THROW(r.next(f), DataError);
  EXPECT_TRUE(isValidUtf8("适合约会的红色连衣裙"));
}

TEST(AttributeTable, InfersTypesAndSplitsSets) {
  IdMap ids;
  const auto t = AttributeTable::fromCsvText(
      "ITEM_ID,NAME,PRICE,SIZES,COLOR,YEARS:category\n"
      "1,Linen Relaxed Shirt,55,S|M|L,White,2011\n"
      "2,Floral Wrap Dress,89.5,XS|S,Red,2012\n",
      "items.csv", "ITEM_ID", ids);
  EXPECT_EQ(t.column("PRICE")->type, ColumnType::Number);
  EXPECT_EQ(t.column("SIZES")->type, ColumnType::Set);
  EXPECT_EQ(t.column("NAME")->type, ColumnType::Text);
  EXPECT_EQ(t.column("COLOR")->type, ColumnType::Category);
  EXPECT_EQ(t.column("YEARS")->type, ColumnType::Category);  // pinned by the header suffix
  EXPECT_DOUBLE_EQ(t.column("PRICE")->number(1), 89.5);
  const auto [b, e] = t.column("SIZES")->bag(0);
  EXPECT_EQ(e - b, 3);
  EXPECT_EQ(t.value(1, "COLOR"), "Red");
}

TEST(AttributeTable, BadRowNamesFileLineAndColumn) {
  IdMap ids;
  try {
    AttributeTable::fromCsvText("ITEM_ID,NAME,PRICE\n1,Shirt,10\n2,Dress, with comma,20\n",
                                "items.csv", "ITEM_ID", ids);
    FAIL() << "expected an error";
  } catch (const DataError& e) {
    EXPECT_EQ(e.line(), 3);
    EXPECT_EQ(e.column(), 4);
    EXPECT_NE(std::string(e.what()).find("items.csv:3"), std::string::npos);
  }
}

TEST(AttributeTable, NonNumberInKnownNumberColumnIsAnError) {
  IdMap ids;
  EXPECT_THROW(
      AttributeTable::fromCsvText("ITEM_ID,PRICE\n1,10\n2,cheap\n", "i.csv", "ITEM_ID", ids),
      DataError);
}

TEST(AttributeTable, SkipBadRowsCountsThem) {
  IdMap ids;
  LoadOptions o;
  o.skip_bad_rows = true;
  LoadReport report;
  const auto t = AttributeTable::fromCsvText(
      "ITEM_ID,NAME,PRICE\n1,Shirt,10\n2,Dress, long,20\n3,Hat,5\n1,Dup,3\n", "i.csv", "ITEM_ID",
      ids, o, &report);
  EXPECT_EQ(report.rows, 2);
  EXPECT_EQ(report.skipped, 2);
  EXPECT_EQ(report.problems.size(), 2u);
  EXPECT_EQ(ids.size(), 2);
  EXPECT_EQ(t.value(*ids.find("3"), "NAME"), "Hat");
}

TEST(Interactions, ParsesSchemaAndRejectsBadValues) {
  IdMap users, items;
  const auto events = parseInteractions(
      "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\nu1,i1,100,gaze_dwell,3200\nu1,i2,101,"
      "purchase,\n",
      "e.csv", users, items);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].type, EventType::GazeDwell);
  EXPECT_FLOAT_EQ(events[0].value, 3200.0f);
  EXPECT_FLOAT_EQ(events[1].value, 1.0f);
  try {
    parseInteractions("USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\nu1,i1,soon,view,1\n",
                      "e.csv", users, items);
    FAIL();
  } catch (const DataError& e) {
    EXPECT_EQ(e.line(), 2);
    EXPECT_EQ(e.column(), 3);
  }
}

TEST(FashionStyles, UnquotedCommasAreReportedOrSkipped) {
  const std::string path = test::sharedDir() + "/datasets/fashion-styles/styles.csv";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "fashion-styles not found; skipping";
  IdMap ids;
  EXPECT_THROW(AttributeTable::load(path, "ID", ids), DataError);
  IdMap ids2;
  LoadOptions o;
  o.skip_bad_rows = true;
  LoadReport report;
  const auto t = AttributeTable::load(path, "ID", ids2, o, &report);
  EXPECT_EQ(report.skipped, 22);  // the rows with unquoted commas in productDisplayName
  EXPECT_GT(report.rows, 44000);
  EXPECT_EQ(t.column("BASECOLOUR")->type, ColumnType::Category);
}

}  // namespace
}  // namespace vrmall::rec
