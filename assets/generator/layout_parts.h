// Shared by the layout's parts: JSON helpers, the Store being assembled (fixtures, obstacles,
// the pools of products not yet on display) and the rule that places a product in a slot.
#pragma once

#include <cstdio>
#include <deque>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "catalog.h"
#include "layout.h"
#include "rng.h"
#include "vec.h"

namespace storegen::layout_parts {

using Json = nlohmann::ordered_json;

// Millimetre precision is plenty for placement and keeps the file diff-friendly.
double mm(double v);
Json xyz(Vec3 v);
Json xz(float x, float z);

// Yaw rotates about +Y; yaw 0 keeps a model's front (+Z) facing +Z, yaw 90 faces it to +X.
Vec3 rotate(Vec3 v, float yaw_deg);

// Visibility terms: 1 on the main aisle (x = 0) falling to 0.65 at the side walls, and a bell
// around eye level (1.45 m) for the height of the product's centre.
float reach(float x);
float eye_level(float centre_y);

struct Store {
  const std::vector<Product>& products;
  std::map<std::string, const Product*> by_id;
  std::map<std::string, ModelInfo> models;
  // Items not yet on display, per (department, kind), in a seeded random order.
  std::map<std::pair<std::string, std::string>, std::deque<std::string>> pools;
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> all;
  std::map<std::string, int> shown;  // how many slots already show an item
  Json fixtures = Json::array();
  Json obstacles = Json::array();
  int next_fixture = 0;

  std::string add_fixture(const std::string& type, Vec3 pos, float yaw, Vec3 scale = {1, 1, 1},
                          Vec3 footprint = {}) {
    char id[32];
    std::snprintf(id, sizeof id, "F%03d", ++next_fixture);
    fixtures.push_back(Json{{"id", id},
                            {"type", type},
                            {"mesh", "fixtures/" + type + ".gltf"},
                            {"position", xyz(pos)},
                            {"yaw_deg", mm(yaw)},
                            {"scale", xyz(scale)}});
    if (footprint.x > 0)
      obstacles.push_back(Json{{"fixture", id},
                               {"centre", xz(pos.x, pos.z)},
                               {"half_extents", xz(footprint.x, footprint.z)},
                               {"yaw_deg", mm(yaw)}});
    return id;
  }

  // The next undisplayed item of a department's kind; cycles through the kind once all are out.
  std::string take(const std::string& dept, const std::string& kind) {
    auto& pool = pools[{dept, kind}];
    if (pool.empty()) {
      const auto& every = all[{dept, kind}];
      pool.assign(every.begin(), every.end());
    }
    const std::string id = pool.front();
    pool.pop_front();
    return id;
  }

  void remove(const std::string& id) {
    for (auto& [key, pool] : pools) std::erase(pool, id);
  }
};

// Fills a slot's item, colourway, position and scale: the model's origin goes where its attach
// point (mount "attach") or its base (mount "base") lands on the anchor, scaled down to fit
// max_size (x <= 0: no limit).
Json resolve(Json slot, Store& store, const std::string& item, Vec3 anchor, float yaw,
             const std::string& mount, Vec3 max_size);

struct Dept {
  std::string id, name, fixture;
  float x0, x1, z0;
  std::vector<std::string> kinds;
  int aisles, units;
  std::vector<int> boards;  // shelf boards used (indices into kShelfBoards)
};

// A department: aisles of back-to-back fixture rows along x, units per kind in proportion to
// the department's products of that kind.
Json department(Store& store, const Dept& d);

struct MannequinSpec {
  std::string dept;
  Vec3 position;
  float yaw;
  std::string gender;
};

// A mannequin fixture and its five outfit slots, dressed in one style for its gender.
Json mannequin(Store& store, Rng& rng, const MannequinSpec& m, int number);

// The "For you" wall facing the entrance, filled with the simulated shoppers' best sellers.
Json for_you_wall(Store& store, const std::map<std::string, double>& popularity);

// The showcase stage in the main aisle, started with the best sellers not on display.
Json showcase_stage(Store& store, const std::map<std::string, double>& popularity);
// The fitting spot and its mirror at the end of the main aisle.
Json fitting_area(Store& store);

}  // namespace storegen::layout_parts
