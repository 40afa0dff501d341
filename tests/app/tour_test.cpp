// Reads what `vrmall --headless --tour assets/tour/default_tour.json` wrote (the CTest fixture
// app.tour_default_runs): one plan per step, one event line per posted event, the For-you wall
// moving towards the style the shopper dwelt on, slots in view never swapped, zero validation
// messages of warning or error severity.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "vrmall/rec/data/attribute_table.h"

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const fs::path kOut = VRMALL_TOUR_OUT;

json readJson(const fs::path& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in) << path;
  return json::parse(in);
}

std::vector<json> readLines(const fs::path& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in) << path;
  std::vector<json> out;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) out.push_back(json::parse(line));
  }
  return out;
}

std::map<std::string, std::string> itemStyles() {
  vrmall::rec::IdMap ids;
  const auto items = vrmall::rec::AttributeTable::load(
      (fs::path(VRMALL_STORE_DIR) / "items.csv").string(), "ITEM_ID", ids);
  std::map<std::string, std::string> out;
  for (int32_t i = 0; i < ids.size(); ++i) out[ids.id(i)] = items.value(i, "STYLE");
  return out;
}

// Share of the For-you wall's slots whose item carries `style`.
double wallShare(const json& plan, const std::string& style,
                 const std::map<std::string, std::string>& styles) {
  int wall = 0, match = 0;
  for (const auto& s : plan["slots"]) {
    if (s["group"] != "for-you") continue;
    ++wall;
    const auto it = styles.find(s["item"].get<std::string>());
    if (it != styles.end() && it->second.find(style) != std::string::npos) ++match;
  }
  return wall == 0 ? 0.0 : static_cast<double>(match) / wall;
}

TEST(Tour, WritesOnePlanPerStepAndEveryEvent) {
  const json tour = readJson(VRMALL_TOUR_FILE);
  const auto& steps = tour["steps"];
  size_t expectedEvents = 0;
  for (const auto& s : steps) {
    if (!s.value("gaze", std::string()).empty())
      expectedEvents += 1 + s.value("actions", json::array()).size();
  }
  const auto plans = readLines(kOut / "plans.jsonl");
  const auto events = readLines(kOut / "events.jsonl");
  ASSERT_EQ(plans.size(), steps.size());
  EXPECT_EQ(events.size(), expectedEvents);
  uint64_t version = 0;
  for (size_t n = 0; n < plans.size(); ++n) {
    EXPECT_EQ(plans[n]["step"], n);
    EXPECT_GE(plans[n]["version"].get<uint64_t>(), version);
    version = plans[n]["version"].get<uint64_t>();
    EXPECT_GE(plans[n]["compute_us"].get<double>(), 0.0);
    EXPECT_FALSE(plans[n]["slots"].empty());
    char name[32];
    std::snprintf(name, sizeof(name), "step_%03zu.png", n);
    EXPECT_TRUE(fs::is_regular_file(kOut / name)) << name;
  }
  for (const auto& e : events) {
    EXPECT_TRUE(e.contains("item_id"));
    const std::string type = e["event_type"];
    EXPECT_TRUE(type == "gaze_dwell" || type == "pick_up" || type == "try_on" ||
                type == "add_to_cart" || type == "purchase")
        << type;
  }
  EXPECT_EQ(events.front()["event_type"], "gaze_dwell");
  EXPECT_EQ(events.front()["event_value"].get<double>(), steps[0]["dwell_ms"].get<double>());
}

TEST(Tour, NoValidationMessages) {
  const json stats = readJson(kOut / "stats.json");
  EXPECT_TRUE(stats["validation_enabled"].get<bool>());
  EXPECT_EQ(stats["validation"]["error"], 0);
  EXPECT_EQ(stats["validation"]["warning"], 0);
  EXPECT_GT(stats["guide"]["slots_swapped"].get<int>(), 0);
}

TEST(Tour, DwellingOnStreetMovesTheForYouWall) {
  const auto styles = itemStyles();
  const auto plans = readLines(kOut / "plans.jsonl");
  ASSERT_GE(plans.size(), 4U);
  // Step 0 looks at a formal item; steps 1-3 dwell on the wall's street pieces.
  const double before = wallShare(plans[0], "street", styles);
  const double next = wallShare(plans[1], "street", styles);
  const double later = wallShare(plans[3], "street", styles);
  EXPECT_GT(next, before) << before << " -> " << next;
  EXPECT_GE(later, before + 0.15) << before << " -> " << later;
}

TEST(Tour, SlotsInViewAreNeverSwapped) {
  const auto plans = readLines(kOut / "plans.jsonl");
  std::map<std::string, std::string> shown;
  size_t inView = 0;
  for (const auto& plan : plans) {
    for (const auto& s : plan["slots"]) {
      const std::string slot = s["slot"];
      // What the scene showed before this plan is what the last plan put there.
      if (auto it = shown.find(slot); it != shown.end()) {
        EXPECT_EQ(s["previous"], it->second);
      }
      if (s["in_view"].get<bool>()) {
        ++inView;
        EXPECT_EQ(s["item"], s["previous"]) << "step " << plan["step"] << " slot " << slot;
      }
      shown[slot] = s["item"];
    }
  }
  EXPECT_GT(inView, 0U);
}

}  // namespace

// Every step that tries a product on dresses the avatar in the fitting area: plans.jsonl says
// what it wears and how it fits, and fitting_NNN.png shows it; other steps have no try-on.
TEST(Tour, TryOnStepsDressTheAvatarAndPhotographIt) {
  const auto plans = readLines(kOut / "plans.jsonl");
  const json steps = readJson(VRMALL_TOUR_FILE)["steps"];
  ASSERT_EQ(plans.size(), steps.size());
  size_t tried = 0;
  for (size_t n = 0; n < steps.size(); ++n) {
    const json a = steps[n].value("actions", json::array());
    const bool triesOn = std::find(a.begin(), a.end(), json("try_on")) != a.end();
    const json& t = plans[n]["try_on"];
    if (!triesOn) {
      EXPECT_TRUE(t.is_null()) << "step " << n;
      continue;
    }
    ++tried;
    ASSERT_TRUE(t.is_object()) << "step " << n << " tries on but plans.jsonl has no try_on";
    EXPECT_TRUE(fs::exists(kOut / t["image"].get<std::string>())) << t.dump();
    ASSERT_FALSE(t["worn"].empty());
    for (const json& piece : t["worn"]) {
      EXPECT_FALSE(piece["fit_text"].get<std::string>().empty()) << piece.dump();
    }
  }
  EXPECT_GT(tried, 0U) << "the default tour tries something on";
}
