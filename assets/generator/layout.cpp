// Assembles layout.json: the shell (floor, walls, entrance), then mannequins (first pick of the
// products), departments, the For-you wall, signs, promo places and the walkable area.
#include "layout.h"

#include <cmath>

#include "fixtures.h"
#include "layout_parts.h"

namespace storegen {

using namespace layout_parts;
using namespace fixture;

std::string layout_json(const std::vector<Product>& products, const std::vector<ModelInfo>& models,
                        const std::map<std::string, double>& popularity, uint64_t seed) {
  Store store{products, {}, {}, {}, {}, {}};
  for (const auto& p : products) {
    store.by_id[p.id] = &p;
    store.all[{p.department, p.l1}].push_back(p.id);
  }
  for (const auto& m : models) store.models[m.id] = m;
  for (auto& [key, ids] : store.all) {
    Rng rng(seed, "layout-pool:" + key.first + "/" + key.second);
    rng.shuffle(ids);
    store.pools[key].assign(ids.begin(), ids.end());
  }

  Json j;
  j["schema"] = "vrmall-store-layout/1";
  j["units"] = "metres";
  j["up"] = "+Y";
  j["handedness"] = "right";
  j["yaw"] = "degrees about +Y; 0 faces a model's front (+Z) towards +Z, 90 towards +X";
  j["catalog"] = "items.csv";
  j["floor"] = {{"min", xz(-kStoreHalfX, -kStoreHalfZ)},
                {"max", xz(kStoreHalfX, kStoreHalfZ)},
                {"height", 0.0},
                {"ceiling", kWallHeight}};
  store.add_fixture("floor", {0, 0, 0}, 0);

  // Walls run along their length on the local X axis; scale x stretches the 1 m segment.
  Json walls = Json::array();
  const auto wall = [&](float ax, float az, float bx, float bz) {
    const float dx = bx - ax, dz = bz - az, len = std::sqrt(dx * dx + dz * dz);
    const float yaw = std::atan2(0.0f - dz, dx) * 180.0f / kPi;  // 0 - dz: never -0, so never -180
    const std::string fid =
        store.add_fixture("wall", {(ax + bx) * 0.5f, 0, (az + bz) * 0.5f}, yaw, {len, 1, 1});
    walls.push_back(Json{{"fixture", fid},
                         {"from", xz(ax, az)},
                         {"to", xz(bx, bz)},
                         {"height", mm(kWallHeight)},
                         {"thickness", mm(kWallThickness)}});
  };
  const float X = kStoreHalfX, Z = kStoreHalfZ, E = kEntranceHalfWidth;
  wall(-X, -Z, X, -Z);
  wall(X, -Z, X, Z);
  wall(X, Z, E, Z);
  wall(-E, Z, -X, Z);
  wall(-X, Z, -X, -Z);
  j["walls"] = walls;
  j["entrance"] = {{"position", xyz({0, 0, Z})}, {"width", 2 * E},
                   {"yaw_deg", 180.0},           {"spawn", xyz({0, 0, Z - 1.5f})},
                   {"spawn_yaw_deg", 180.0},     {"eye_height", 1.65}};

  Rng rng(seed, "layout");
  Json mannequins = Json::array();
  const std::vector<MannequinSpec> mq = {
      {"women", {-5.0f, 0, -0.3f}, 0, "women"},  {"women", {-9.0f, 0, -0.3f}, 0, "women"},
      {"women", {-13.0f, 0, -0.3f}, 0, "women"}, {"men", {5.0f, 0, -0.3f}, 0, "men"},
      {"men", {9.0f, 0, -0.3f}, 0, "men"},       {"men", {13.0f, 0, -0.3f}, 0, "men"},
      {"shoes", {-4.2f, 0, 6.0f}, 90, "women"},  {"accessories", {4.2f, 0, 6.0f}, -90, "men"},
  };
  int number = 0;
  for (const auto& m : mq) mannequins.push_back(mannequin(store, rng, m, ++number));

  Json departments = Json::array();
  departments.push_back(department(store, {"women",
                                           "Women",
                                           "rail",
                                           -17.5f,
                                           -3.5f,
                                           -13.8f,
                                           {"tops", "dresses", "skirts", "trousers", "jackets"},
                                           4,
                                           5,
                                           {}}));
  departments.push_back(department(
      store,
      {"men", "Men", "rail", 3.5f, 17.5f, -13.8f, {"tops", "trousers", "jackets"}, 4, 4, {}}));
  departments.push_back(department(
      store, {"shoes", "Shoes", "shelf_unit", -17.5f, -5.5f, 3.2f, {"shoes"}, 2, 3, {1, 2, 3}}));
  departments.push_back(department(store, {"accessories",
                                           "Accessories",
                                           "shelf_unit",
                                           5.5f,
                                           17.5f,
                                           3.2f,
                                           {"bags", "hats", "glasses", "watches"},
                                           2,
                                           3,
                                           {1, 2, 3}}));
  j["departments"] = departments;
  j["mannequins"] = mannequins;
  j["for_you_wall"] = for_you_wall(store, popularity);

  Json signs = Json::array();
  const auto sign = [&](const std::string& text, Vec3 pos, float yaw) {
    const std::string fid = store.add_fixture("sign_board", pos, yaw);
    signs.push_back(Json{{"id", "SG" + std::to_string(signs.size() + 1)},
                         {"fixture", fid},
                         {"text", text},
                         {"position", xyz(pos)},
                         {"yaw_deg", mm(yaw)},
                         {"size", xz(kSignWidth, kSignHeight)}});
  };
  sign("Women", {-10.5f, 2.6f, 1.2f}, 0);
  sign("Men", {10.5f, 2.6f, 1.2f}, 0);
  sign("Shoes", {-4.0f, 2.6f, 8.0f}, 90);
  sign("Accessories", {4.0f, 2.6f, 8.0f}, -90);
  sign("For you", {0.0f, kForYouHeight + 0.1f, 9.5f}, 0);
  sign("Welcome to vrmall", {0.0f, 2.8f, 13.7f}, 180);
  j["signage"] = signs;

  Json promos = Json::array();
  const auto promo = [&](const std::string& text, Vec3 pos, float yaw) {
    const std::string fid = store.add_fixture("promo_stand", pos, yaw, {1, 1, 1}, {0.3f, 0, 0.3f});
    promos.push_back(Json{{"id", "PR" + std::to_string(promos.size() + 1)},
                          {"fixture", fid},
                          {"text", text},
                          {"position", xyz(pos)},
                          {"yaw_deg", mm(yaw)},
                          {"board",
                           {{"centre_height", mm(kPromoBoardCentre)},
                            {"size", xz(kPromoBoardWidth, kPromoBoardHeight)}}}});
  };
  promo("New in", {-3.2f, 0, 12.0f}, 180);
  promo("Members' picks", {3.2f, 0, 12.0f}, 180);
  promo("Autumn edit", {-3.0f, 0, -4.0f}, 90);
  promo("Tailoring week", {3.0f, 0, -4.0f}, -90);
  promo("Complete the look", {0.0f, 0, 2.0f}, 180);
  j["promo_signs"] = promos;

  // Added after everything above so its fixture ids and placements stay as they were.
  j["showcase"] = showcase_stage(store, popularity);
  j["fitting_area"] = fitting_area(store);
  sign("Trending now", {0.0f, 2.6f, -7.0f}, 0);
  sign("Fitting room", {0.0f, 2.75f, -12.4f}, 0);
  j["signage"] = signs;

  const float inset = 0.35f, ix = X - kWallThickness * 0.5f - inset,
              iz = Z - kWallThickness * 0.5f - inset;
  j["walkable"] = {
      {"outline", Json::array({xz(-ix, -iz), xz(ix, -iz), xz(ix, iz), xz(-ix, iz)})},
      {"obstacles", store.obstacles},
      {"paths",
       Json::array(
           {Json{{"id", "main-aisle"}, {"min", xz(-3.0f, -13.5f)}, {"max", xz(3.0f, 9.0f)}},
            Json{{"id", "cross-aisle"}, {"min", xz(-17.5f, 1.0f)}, {"max", xz(17.5f, 3.0f)}},
            Json{{"id", "entrance-hall"}, {"min", xz(-5.0f, 10.0f)}, {"max", xz(5.0f, 13.6f)}}})},
  };
  j["fixtures"] = store.fixtures;
  return j.dump(1) + "\n";
}

}  // namespace storegen
