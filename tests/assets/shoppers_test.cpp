// users.csv and interactions.csv follow docs/data-formats.md, reference only known users and
// items, and carry the personas' tastes strongly enough for a recommender to learn them.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "store_files.h"

namespace vrmall::assets_test {
namespace {

const Table& users() {
  static const Table t = read_csv(store_dir() / "users.csv");
  return t;
}
const Table& events() {
  static const Table t = read_csv(store_dir() / "interactions.csv");
  return t;
}
const Table& items() {
  static const Table t = read_csv(store_dir() / "items.csv");
  return t;
}

std::map<std::string, size_t> index_of(const Table& t, const std::string& column) {
  std::map<std::string, size_t> out;
  for (size_t i = 0; i < t.rows.size(); ++i) out[t.at(i, column)] = i;
  return out;
}

TEST(Shoppers, UsersFollowTheSchema) {
  EXPECT_EQ(first_line(store_dir() / "users.csv"),
            "USER_ID,HEIGHT_CM,BUILD,SIZE,SKIN_TONE,GENDER,STYLE,BUDGET");
  ASSERT_GE(users().rows.size(), 200u);
  const std::set<std::string> sizes = {"XS", "S", "M", "L", "XL", "XXL"};
  const std::set<std::string> styles = {"casual", "formal",     "street", "sporty",
                                        "boho",   "minimalist", "evening"};
  for (size_t i = 0; i < users().rows.size(); ++i) {
    const int h = std::stoi(users().at(i, "HEIGHT_CM"));
    EXPECT_TRUE(h > 140 && h < 210) << i;
    EXPECT_TRUE(sizes.count(users().at(i, "SIZE"))) << i;
    const std::string g = users().at(i, "GENDER");
    EXPECT_TRUE(g == "women" || g == "men") << i;
    for (const auto& s : split_set(users().at(i, "STYLE"))) {
      EXPECT_TRUE(styles.count(s)) << i;
    }
    EXPECT_GT(std::stod(users().at(i, "BUDGET")), 0) << i;
  }
}

TEST(Shoppers, InteractionsFollowTheSchemaAndReferToKnownRows) {
  EXPECT_EQ(first_line(store_dir() / "interactions.csv"),
            "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE");
  const auto user_row = index_of(users(), "USER_ID");
  const auto item_row = index_of(items(), "ITEM_ID");
  const std::set<std::string> types = {"gaze_dwell", "pick_up", "try_on", "add_to_cart",
                                       "purchase"};
  std::map<std::string, size_t> counts;
  std::set<std::pair<std::string, std::string>> carted;
  long long last = 0;
  ASSERT_GE(events().rows.size(), 5000u);
  for (size_t i = 0; i < events().rows.size(); ++i) {
    const std::string u = events().at(i, "USER_ID"), item = events().at(i, "ITEM_ID"),
                      type = events().at(i, "EVENT_TYPE");
    ASSERT_TRUE(user_row.count(u)) << i;
    ASSERT_TRUE(item_row.count(item)) << i;
    EXPECT_TRUE(types.count(type)) << i;
    ++counts[type];
    const long long ts = std::stoll(events().at(i, "TIMESTAMP"));
    EXPECT_GE(ts, last) << "log is in time order at row " << i;
    last = ts;
    if (type == "gaze_dwell")
      EXPECT_GT(std::stoi(events().at(i, "EVENT_VALUE")), 0) << i;
    else
      EXPECT_EQ(events().at(i, "EVENT_VALUE"), "") << i;
    if (type == "add_to_cart") carted.insert({u, item});
    if (type == "purchase") {
      EXPECT_TRUE(carted.count({u, item})) << "purchase without a cart at row " << i;
    }
    // Shoppers only handle products of their gender or unisex ones.
    const std::string g = items().at(item_row.at(item), "GENDER");
    EXPECT_TRUE(g == "unisex" || g == users().at(user_row.at(u), "GENDER")) << i;
  }
  // A funnel: many glances, fewer pick-ups, fewer purchases.
  EXPECT_GT(counts["gaze_dwell"], counts["pick_up"]);
  EXPECT_GT(counts["pick_up"], counts["add_to_cart"]);
  EXPECT_GT(counts["add_to_cart"], counts["purchase"]);
  EXPECT_GT(counts["purchase"], 200u);
}

TEST(Shoppers, PersonasShowInWhatTheyBuy) {
  const Table personas = read_csv(store_dir() / "shopper_personas.csv");
  std::map<std::string, std::string> persona;
  for (size_t i = 0; i < personas.rows.size(); ++i)
    persona[personas.at(i, "USER_ID")] = personas.at(i, "PERSONA");
  EXPECT_EQ(persona.size(), users().rows.size());
  const auto item_row = index_of(items(), "ITEM_ID");
  std::map<std::string, double> spend, bought, on_style;
  const std::map<std::string, std::string> signature = {
      {"street_student", "street"},    {"office_formal", "formal"},
      {"boho_summer", "boho"},         {"sporty_runner", "sporty"},
      {"evening_occasion", "evening"}, {"minimalist_pro", "minimalist"}};
  for (size_t i = 0; i < events().rows.size(); ++i) {
    if (events().at(i, "EVENT_TYPE") != "purchase") continue;
    const std::string p = persona.at(events().at(i, "USER_ID"));
    const size_t row = item_row.at(events().at(i, "ITEM_ID"));
    spend[p] += std::stod(items().at(row, "PRICE"));
    bought[p] += 1;
    const auto it = signature.find(p);
    if (it == signature.end()) continue;
    for (const auto& s : split_set(items().at(row, "STYLE"))) on_style[p] += s == it->second;
  }
  for (const auto& [p, style] : signature) {
    ASSERT_GT(bought[p], 10) << p;
    EXPECT_GT(on_style[p] / bought[p], 0.45) << p << " buys their style";
  }
  EXPECT_GT(spend["luxury_collector"] / bought["luxury_collector"],
            2 * spend["street_student"] / bought["street_student"]);
  EXPECT_GT(spend["evening_occasion"] / bought["evening_occasion"],
            spend["street_student"] / bought["street_student"]);
}

}  // namespace
}  // namespace vrmall::assets_test
