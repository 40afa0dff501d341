// items.csv follows docs/data-formats.md exactly and its attributes look like a real store's.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "store_files.h"

namespace vrmall::assets_test {
namespace {

const Table& items() {
  static const Table t = read_csv(store_dir() / "items.csv");
  return t;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

TEST(Catalog, HeaderIsExactlyTheDocumentedOne) {
  EXPECT_EQ(first_line(store_dir() / "items.csv"),
            "ITEM_ID,NAME,DEPARTMENT,CATEGORY_L1,CATEGORY_L2,GENDER,COLOR,COLORWAYS,STYLE,SEASON,"
            "MATERIAL,BRAND,"
            "PRICE,SIZES,MODEL");
}

TEST(Catalog, HasAtLeast500ProductsWithUniqueIdsAndFullRows) {
  const Table& t = items();
  ASSERT_GE(t.rows.size(), 500u);
  std::set<std::string> ids;
  for (const auto& row : t.rows) {
    ASSERT_EQ(row.size(), t.header.size()) << "row of " << row[0];
    EXPECT_TRUE(ids.insert(row[0]).second) << "duplicate " << row[0];
    for (const auto& field : row) {
      EXPECT_FALSE(field.empty()) << row[0];
    }
  }
}

TEST(Catalog, QuotedNamesRoundTrip) {
  // Some names carry commas or quotes; they must come back whole through RFC 4180 quoting.
  size_t with_comma = 0, with_quote = 0;
  for (size_t i = 0; i < items().rows.size(); ++i) {
    const std::string& name = items().at(i, "NAME");
    with_comma += name.find(',') != std::string::npos;
    with_quote += name.find('"') != std::string::npos;
  }
  EXPECT_GT(with_comma, 0u);
  EXPECT_GT(with_quote, 0u);
}

TEST(Catalog, AttributesUseTheStoreVocabulary) {
  const std::set<std::string> l1 = {"tops",  "trousers", "dresses", "skirts",  "jackets",
                                    "shoes", "bags",     "hats",    "glasses", "watches"};
  const std::set<std::string> departments = {"women", "men", "shoes", "accessories"};
  const std::set<std::string> genders = {"women", "men", "unisex"};
  const std::set<std::string> styles = {"casual", "formal",     "street", "sporty",
                                        "boho",   "minimalist", "evening"};
  const std::set<std::string> seasons = {"spring", "summer", "autumn", "winter"};
  const std::set<std::string> letters = {"XS", "S", "M", "L", "XL", "XXL"};
  std::set<std::string> seen_l1, seen_styles;
  const Table& t = items();
  for (size_t i = 0; i < t.rows.size(); ++i) {
    const std::string id = t.at(i, "ITEM_ID"), cat = t.at(i, "CATEGORY_L1");
    EXPECT_TRUE(l1.count(cat)) << id;
    EXPECT_TRUE(departments.count(t.at(i, "DEPARTMENT"))) << id;
    EXPECT_TRUE(genders.count(t.at(i, "GENDER"))) << id;
    seen_l1.insert(cat);
    for (const auto& s : split_set(t.at(i, "STYLE"))) {
      EXPECT_TRUE(styles.count(s)) << id << " style " << s;
      seen_styles.insert(s);
    }
    for (const auto& s : split_set(t.at(i, "SEASON")))
      EXPECT_TRUE(seasons.count(s)) << id << " season " << s;
    const auto colourways = split_set(t.at(i, "COLORWAYS"));
    EXPECT_EQ(colourways.front(), t.at(i, "COLOR"))
        << id << ": the default colour leads the colourways";
    EXPECT_EQ(std::set<std::string>(colourways.begin(), colourways.end()).size(), colourways.size())
        << id;
    const auto sizes = split_set(t.at(i, "SIZES"));
    for (const auto& s : sizes) {
      if (cat == "shoes") {
        const int eu = std::stoi(s);
        EXPECT_TRUE(eu >= 35 && eu <= 47) << id << " shoe size " << s;
      } else if (cat == "bags" || cat == "hats" || cat == "glasses" || cat == "watches") {
        EXPECT_EQ(s, "one-size") << id;
      } else {
        EXPECT_TRUE(letters.count(s)) << id << " size " << s;
      }
    }
    // Clothing is sold on the floor of its gender; shoes and accessories have their own.
    if (cat == "shoes") {
      EXPECT_EQ(t.at(i, "DEPARTMENT"), "shoes") << id;
    }
    if (cat == "dresses" || cat == "skirts") {
      EXPECT_EQ(t.at(i, "GENDER"), "women") << id;
    }
    EXPECT_EQ(t.at(i, "MODEL"), "models/" + id + ".gltf");
    EXPECT_TRUE(std::filesystem::exists(store_dir() / t.at(i, "MODEL"))) << id;
  }
  EXPECT_EQ(seen_l1, l1);
  EXPECT_EQ(seen_styles, styles);
}

TEST(Catalog, PricesAreRealisticPerCategory) {
  std::map<std::string, std::vector<double>> by_l1, by_l2;
  const Table& t = items();
  for (size_t i = 0; i < t.rows.size(); ++i) {
    const double price = std::stod(t.at(i, "PRICE"));
    EXPECT_GT(price, 3.0) << t.at(i, "ITEM_ID");
    EXPECT_LT(price, 2000.0) << t.at(i, "ITEM_ID");
    by_l1[t.at(i, "CATEGORY_L1")].push_back(price);
    by_l2[t.at(i, "CATEGORY_L2")].push_back(price);
  }
  // Watches and coats cost more than tees; a spread within each kind, not one price.
  EXPECT_GT(median(by_l1["watches"]), 2 * median(by_l1["tops"]));
  EXPECT_GT(median(by_l2["trench coat"]), 2 * median(by_l2["t-shirt"]));
  EXPECT_GT(median(by_l2["parka"]), median(by_l2["hoodie"]));
  for (const auto& [kind, prices] : by_l2) {
    const auto [lo, hi] = std::minmax_element(prices.begin(), prices.end());
    if (prices.size() >= 6) {
      EXPECT_GT(*hi, *lo * 1.3) << kind;
    }
  }
}

}  // namespace
}  // namespace vrmall::assets_test
