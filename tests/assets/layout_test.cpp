// layout.json places only real products, each on a slot that suits its kind, at positions that
// follow from the slot's anchor and the model's own bounds and attach point.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "store_files.h"

namespace vrmall::assets_test {
namespace {

using nlohmann::json;

const json& layout() {
  static const json j = json::parse(read_text(store_dir() / "layout.json"));
  return j;
}

struct Item {
  std::string l1, department, gender;
  std::vector<std::string> colourways;
};

const std::map<std::string, Item>& catalogue() {
  static const std::map<std::string, Item> all = [] {
    std::map<std::string, Item> out;
    const Table t = read_csv(store_dir() / "items.csv");
    for (size_t i = 0; i < t.rows.size(); ++i)
      out[t.at(i, "ITEM_ID")] = {t.at(i, "CATEGORY_L1"), t.at(i, "DEPARTMENT"), t.at(i, "GENDER"),
                                 split_set(t.at(i, "COLORWAYS"))};
    return out;
  }();
  return all;
}

// Model bounds and attach point, read from the product's glTF.
struct Model {
  double min[3], max[3], attach[3];
};

const Model& model(const std::string& id) {
  static std::map<std::string, Model> cache;
  auto it = cache.find(id);
  if (it != cache.end()) return it->second;
  const json g = json::parse(read_text(store_dir() / "models" / (id + ".gltf")));
  Model m{{1e9, 1e9, 1e9}, {-1e9, -1e9, -1e9}, {0, 0, 0}};
  for (const auto& p : g["meshes"][0]["primitives"]) {
    const auto& a = g["accessors"][p["attributes"]["POSITION"].get<size_t>()];
    for (int k = 0; k < 3; ++k) {
      m.min[k] = std::min(m.min[k], a["min"][k].get<double>());
      m.max[k] = std::max(m.max[k], a["max"][k].get<double>());
    }
  }
  for (int k = 0; k < 3; ++k)
    m.attach[k] = g["nodes"][0]["extras"]["vrmall"]["attach"][k].get<double>();
  return cache[id] = m;
}

std::vector<json> all_slots() {
  std::vector<json> out;
  for (const auto& d : layout()["departments"])
    for (const auto& a : d["aisles"])
      for (const auto& s : a["shelves"])
        for (const auto& slot : s["slots"]) {
          json copy = slot;
          copy["department"] = d["id"];
          out.push_back(copy);
        }
  for (const auto& m : layout()["mannequins"])
    for (const auto& slot : m["slots"]) out.push_back(slot);
  for (const auto& slot : layout()["for_you_wall"]["slots"]) out.push_back(slot);
  return out;
}

TEST(Layout, DeclaresItsConventions) {
  const json& j = layout();
  EXPECT_EQ(j["schema"], "vrmall-store-layout/1");
  EXPECT_EQ(j["units"], "metres");
  EXPECT_EQ(j["up"], "+Y");
  EXPECT_EQ(j["catalog"], "items.csv");
  for (const char* key : {"floor", "walls", "entrance", "walkable", "departments", "mannequins",
                          "for_you_wall", "signage", "promo_signs", "fixtures"})
    EXPECT_TRUE(j.contains(key)) << key;
}

TEST(Layout, EverySlotHoldsASuitableCatalogueItem) {
  const auto slots = all_slots();
  ASSERT_GE(slots.size(), 300u);
  std::set<std::string> ids, shown;
  for (const auto& slot : slots) {
    const std::string id = slot["id"];
    EXPECT_TRUE(ids.insert(id).second) << "duplicate slot id " << id;
    ASSERT_TRUE(slot["item"].is_string()) << id;
    const std::string item = slot["item"];
    ASSERT_TRUE(catalogue().count(item)) << id << " holds unknown " << item;
    shown.insert(item);
    const auto& colourways = catalogue().at(item).colourways;
    EXPECT_NE(std::find(colourways.begin(), colourways.end(), slot["colourway"]), colourways.end())
        << id << " shows " << item << " in a colourway it does not have";
    const auto& kinds = slot["kinds"];
    EXPECT_NE(std::find(kinds.begin(), kinds.end(), catalogue().at(item).l1), kinds.end())
        << id << " " << item;
    if (slot.contains("department")) {
      EXPECT_EQ(slot["department"], catalogue().at(item).department) << id;
    }
    const double v = slot["visibility"];
    EXPECT_TRUE(v > 0 && v <= 1) << id;
    const double yaw = slot["yaw_deg"];
    EXPECT_TRUE(yaw >= -180 && yaw <= 180) << id;
  }
  // Most of the catalogue is on display somewhere.
  EXPECT_GT(shown.size(), catalogue().size() * 6 / 10);
}

TEST(Layout, PositionsFollowFromAnchorMountAndModel) {
  const json& floor = layout()["floor"];
  for (const auto& slot : all_slots()) {
    const std::string id = slot["id"];
    const Model& m = model(slot["item"]);
    const double scale = slot["scale"], yaw = slot["yaw_deg"].get<double>() * M_PI / 180.0;
    EXPECT_TRUE(scale > 0.1 && scale <= 1.0) << id;
    double expect[3] = {slot["anchor"][0], slot["anchor"][1], slot["anchor"][2]};
    if (slot["mount"] == "attach") {
      const double ax = m.attach[0] * scale, ay = m.attach[1] * scale, az = m.attach[2] * scale;
      expect[0] -= ax * std::cos(yaw) + az * std::sin(yaw);
      expect[1] -= ay;
      expect[2] -= -ax * std::sin(yaw) + az * std::cos(yaw);
    } else {
      EXPECT_EQ(slot["mount"], "base") << id;
    }
    for (int k = 0; k < 3; ++k)
      EXPECT_NEAR(slot["position"][k].get<double>(), expect[k], 0.0015) << id << " axis " << k;
    // Inside the store, on or above the floor, and fitting the slot's box once scaled.
    const double px = slot["position"][0], pz = slot["position"][2];
    EXPECT_TRUE(px > floor["min"][0] && px < floor["max"][0] && pz > floor["min"][1] &&
                pz < floor["max"][1])
        << id;
    EXPECT_GE(slot["position"][1].get<double>(), -1e-3) << id;
    if (!slot["max_size"].is_array()) continue;
    for (int k = 0; k < 3; ++k) {
      EXPECT_LE((m.max[k] - m.min[k]) * scale, slot["max_size"][k].get<double>() + 2e-3)
          << id << " axis " << k;
    }
  }
}

TEST(Layout, EyeLevelShelvesAreTheMostVisible) {
  for (const auto& d : layout()["departments"])
    for (const auto& a : d["aisles"])
      for (const auto& s : a["shelves"]) {
        std::map<double, double> by_height;  // board height -> visibility
        for (const auto& slot : s["slots"]) by_height[slot["anchor"][1]] = slot["visibility"];
        if (by_height.size() < 3) continue;
        // The lowest board is less visible than the board nearest eye level (1.2-1.6 m).
        double eye = 0;
        for (const auto& [h, v] : by_height)
          if (h > 1.0 && h < 1.6) eye = std::max(eye, v);
        EXPECT_GT(eye, by_height.begin()->second) << s["id"];
      }
}

TEST(Layout, MannequinsWearACompleteOutfitOfTheirGender) {
  const auto& mannequins = layout()["mannequins"];
  ASSERT_GE(mannequins.size(), 4u);
  for (const auto& m : mannequins) {
    std::set<std::string> outfit;
    for (const auto& slot : m["slots"]) {
      outfit.insert(slot["outfit"].get<std::string>());
      const std::string g = catalogue().at(slot["item"]).gender;
      EXPECT_TRUE(g == "unisex" || g == m["gender"]) << slot["id"];
    }
    EXPECT_EQ(outfit, (std::set<std::string>{"top", "bottom", "shoes", "bag", "hat"})) << m["id"];
  }
}

TEST(Layout, FixturesSignsAndWalkableAreaAreComplete) {
  const json& j = layout();
  std::set<std::string> fixture_ids, types;
  for (const auto& f : j["fixtures"]) {
    fixture_ids.insert(f["id"].get<std::string>());
    types.insert(f["type"].get<std::string>());
    EXPECT_TRUE(std::filesystem::exists(store_dir() / f["mesh"].get<std::string>())) << f["mesh"];
  }
  EXPECT_EQ(types, (std::set<std::string>{"floor", "wall", "rail", "shelf_unit", "mannequin",
                                          "for_you_wall", "sign_board", "promo_stand",
                                          "showcase_stage", "fitting_mirror"}));
  for (const auto& d : j["departments"])
    for (const auto& a : d["aisles"])
      for (const auto& s : a["shelves"]) {
        EXPECT_TRUE(fixture_ids.count(s["fixture"])) << s["id"];
      }
  EXPECT_GE(j["for_you_wall"]["slots"].size(), 12u);
  EXPECT_GE(j["signage"].size(), 4u);
  EXPECT_GE(j["promo_signs"].size(), 3u);
  for (const auto& s : j["signage"]) {
    EXPECT_FALSE(s["text"].get<std::string>().empty());
  }
  // The spawn point is inside the walkable outline and clear of every obstacle.
  const double sx = j["entrance"]["spawn"][0], sz = j["entrance"]["spawn"][2];
  for (const auto& o : j["walkable"]["obstacles"]) {
    const double dx = sx - o["centre"][0].get<double>(), dz = sz - o["centre"][1].get<double>();
    // Into the obstacle's frame (yaw about +Y), then outside its half extents.
    const double yaw = o["yaw_deg"].get<double>() * M_PI / 180.0;
    const double lx = dx * std::cos(yaw) - dz * std::sin(yaw);
    const double lz = dx * std::sin(yaw) + dz * std::cos(yaw);
    EXPECT_TRUE(std::fabs(lx) > o["half_extents"][0].get<double>() ||
                std::fabs(lz) > o["half_extents"][1].get<double>())
        << o["fixture"];
  }
  const auto& outline = j["walkable"]["outline"];
  ASSERT_GE(outline.size(), 3u);
  EXPECT_TRUE(sx > outline[0][0] && sx < outline[2][0] && sz > outline[0][1] && sz < outline[2][1]);
}

}  // namespace
}  // namespace vrmall::assets_test
