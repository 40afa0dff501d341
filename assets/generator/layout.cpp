#include "layout.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <deque>
#include <nlohmann/json.hpp>
#include <set>

#include "fixtures.h"
#include "rng.h"

namespace storegen {

namespace {

using Json = nlohmann::ordered_json;
using namespace fixture;

// Millimetre precision is plenty for placement and keeps the file diff-friendly.
double mm(double v) {
  const double r = std::round(v * 1000.0) / 1000.0;
  return r == 0 ? 0.0 : r;  // no "-0.0"
}
Json xyz(Vec3 v) {
  return Json::array({mm(v.x), mm(v.y), mm(v.z)});
}
Json xz(float x, float z) {
  return Json::array({mm(x), mm(z)});
}

// Yaw rotates about +Y; yaw 0 keeps a model's front (+Z) facing +Z, yaw 90 faces it to +X.
Vec3 rotate(Vec3 v, float yaw_deg) {
  const float a = yaw_deg * kPi / 180.0f, c = std::cos(a), s = std::sin(a);
  return {v.x * c + v.z * s, v.y, -v.x * s + v.z * c};
}

const std::vector<std::string> kNeutral = {"black",      "white", "grey",  "navy",
                                           "beige",      "camel", "ivory", "charcoal",
                                           "denim blue", "cream", "brown"};

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

// Where the model's origin goes so that its attach point (or its base) lands on the anchor.
Json resolve(Json slot, Store& store, const std::string& item, Vec3 anchor, float yaw,
             const std::string& mount, Vec3 max_size) {
  const ModelInfo& m = store.models.at(item);
  float scale = 1;
  if (max_size.x > 0)
    scale = std::min({1.0f, max_size.x / m.size.x, max_size.y / m.size.y, max_size.z / m.size.z});
  Vec3 pos = anchor;
  if (mount == "attach") pos = anchor - rotate(m.attach * scale, yaw);
  slot["item"] = item;
  // A product shown twice appears in its next colourway, so repeats still add variety.
  const auto& colourways = store.by_id.at(item)->colourways;
  slot["colourway"] = colourways[static_cast<size_t>(store.shown[item]++) % colourways.size()];
  slot["position"] = xyz(pos);
  slot["scale"] = mm(scale);
  return slot;
}

float reach(float x) {
  return 1.0f - 0.35f * std::min(1.0f, std::fabs(x) / kStoreHalfX);
}
float eye_level(float centre_y) {
  const float d = (centre_y - 1.45f) / 0.55f;
  return std::exp(-d * d);
}

struct Dept {
  std::string id, name, fixture;
  float x0, x1, z0;
  std::vector<std::string> kinds;
  int aisles, units;
  std::vector<int> boards;  // shelf boards used (indices into kShelfBoards)
};

int slots_per_level(const std::string& kind) {
  return kind == "glasses" || kind == "watches" ? 4 : 3;
}

Json department(Store& store, const Dept& d) {
  const bool rail = d.fixture == "rail";
  const float depth = rail ? kRailDepth : kShelfDepth, width = rail ? kRailWidth : kShelfWidth;
  const float gap = 0.4f, aisle_width = 2.0f;
  const int faces = d.aisles * 2, total_units = faces * d.units;

  // Units per kind in proportion to how many items each kind has to show.
  std::vector<double> need;
  for (const auto& k : d.kinds) {
    const double per_unit = rail ? 3.0 : slots_per_level(k) * static_cast<double>(d.boards.size());
    need.push_back(static_cast<double>(store.all[{d.id, k}].size()) / per_unit);
  }
  const double sum = [&] {
    double s = 0;
    for (double n : need) s += n;
    return s;
  }();
  std::vector<int> quota;
  int assigned = 0;
  for (double n : need) {
    quota.push_back(std::max(1, static_cast<int>(std::floor(n / sum * total_units))));
    assigned += quota.back();
  }
  for (size_t i = 0; assigned < total_units; i = (i + 1) % quota.size(), ++assigned) ++quota[i];
  std::vector<std::string> unit_kind;
  for (size_t k = 0; k < quota.size(); ++k)
    unit_kind.insert(unit_kind.end(), static_cast<size_t>(quota[k]), d.kinds[k]);
  unit_kind.resize(static_cast<size_t>(total_units), d.kinds.back());

  Json aisles = Json::array();
  float z = d.z0;
  size_t unit = 0;
  const float row = static_cast<float>(d.units) * width + static_cast<float>(d.units - 1) * gap;
  const float first_x = (d.x0 + d.x1) * 0.5f - row * 0.5f + width * 0.5f;
  for (int a = 0; a < d.aisles; ++a) {
    const std::string aisle_id =
        std::string(1, static_cast<char>(std::toupper(d.id[0]))) + "A" + std::to_string(a + 1);
    Json shelves = Json::array();
    const float south = z + depth * 0.5f, north = z + depth + aisle_width + depth * 0.5f;
    for (int side = 0; side < 2; ++side) {
      const float fz = side == 0 ? south : north, yaw = side == 0 ? 0.0f : 180.0f;
      for (int u = 0; u < d.units; ++u, ++unit) {
        const float fx = first_x + static_cast<float>(u) * (width + gap);
        const Vec3 origin{fx, 0, fz};
        const std::string& kind = unit_kind[unit];
        const std::string fid = store.add_fixture(d.fixture, origin, yaw, {1, 1, 1},
                                                  {width * 0.5f + 0.05f, 0, depth * 0.5f});
        const std::string shelf_id = aisle_id + "-S" + std::to_string(side * d.units + u + 1);
        Json slots = Json::array();
        const std::vector<int> levels = rail ? std::vector<int>{0} : d.boards;
        for (size_t li = 0; li < levels.size(); ++li) {
          const int per = rail ? 3 : slots_per_level(kind);
          for (int s = 0; s < per; ++s) {
            const float lx =
                -width * 0.5f + (static_cast<float>(s) + 0.5f) * width / static_cast<float>(per);
            const Vec3 local = rail
                                   ? Vec3{lx, kRailBar - kHangerDrop, 0}
                                   : Vec3{lx, kShelfBoards[static_cast<size_t>(levels[li])], 0.02f};
            const Vec3 anchor = origin + rotate(local, yaw);
            const Vec3 max_size = rail ? Vec3{0.75f, kRailBar - 0.1f, 0.6f}
                                       : Vec3{width / static_cast<float>(per) - 0.04f, kShelfClear,
                                              kShelfDepth - 0.05f};
            const float centre_y = rail ? anchor.y - 0.4f : anchor.y + 0.15f;
            const float vis = 0.15f + 0.85f * eye_level(centre_y) * reach(anchor.x);
            Json slot{
                {"id", shelf_id + "-L" + std::to_string(li + 1) + "-" + std::to_string(s + 1)},
                {"level", li + 1},
                {"kinds", Json::array({kind})},
                {"anchor", xyz(anchor)},
                {"mount", rail ? "attach" : "base"},
                {"yaw_deg", mm(yaw)},
                {"visibility", mm(vis)},
                {"max_size", xyz(max_size)}};
            slots.push_back(resolve(slot, store, store.take(d.id, kind), anchor, yaw,
                                    rail ? "attach" : "base", max_size));
          }
        }
        shelves.push_back(Json{{"id", shelf_id},
                               {"fixture", fid},
                               {"type", d.fixture},
                               {"kinds", Json::array({kind})},
                               {"position", xyz(origin)},
                               {"yaw_deg", mm(yaw)},
                               {"slots", slots}});
      }
    }
    aisles.push_back(
        Json{{"id", aisle_id},
             {"bounds", {{"min", xz(d.x0, z + depth)}, {"max", xz(d.x1, z + depth + aisle_width)}}},
             {"shelves", shelves}});
    z += 2 * depth + aisle_width;
  }
  return Json{{"id", d.id},
              {"name", d.name},
              {"kinds", d.kinds},
              {"bounds",
               {{"min", xz(d.x0, d.z0)},
                {"max", xz(d.x1, d.id == "women" || d.id == "men" ? 1.0f : 13.5f)}}},
              {"aisles", aisles}};
}

struct MannequinSpec {
  std::string dept;
  Vec3 position;
  float yaw;
  std::string gender;
};

Json mannequin(Store& store, Rng& rng, const MannequinSpec& m, int number) {
  const std::string fid =
      store.add_fixture("mannequin", m.position, m.yaw, {1, 1, 1}, {0.3f, 0, 0.3f});
  static const std::vector<std::string> styles = {"casual", "formal",     "street", "sporty",
                                                  "boho",   "minimalist", "evening"};
  std::string style = rng.pick(styles);
  if (m.gender == "men" && style == "boho") style = "casual";
  struct Piece {
    std::string outfit;
    std::vector<std::string> kinds;
    Vec3 local;
  };
  std::vector<Piece> pieces = {
      {"top", {"tops", "jackets"}, {0, kMannequinNeck, 0}},
      {"bottom",
       m.gender == "women" ? std::vector<std::string>{"trousers", "skirts"}
                           : std::vector<std::string>{"trousers"},
       {0, kMannequinWaist, 0}},
      {"shoes", {"shoes"}, {0, 0, 0.03f}},
      {"bag", {"bags"}, {kMannequinHand[0], kMannequinHand[1], kMannequinHand[2]}},
      {"hat", {"hats"}, {0, kMannequinHead, 0}},
  };
  Json slots = Json::array();
  const std::string id = "MQ" + std::to_string(number);
  for (const Piece& piece : pieces) {
    // The best-matching undisplayed item: the outfit's style, neutral colours pair with anything.
    std::string best;
    double best_score = -1e9;
    for (const auto& [key, pool] : store.pools) {
      if (std::find(piece.kinds.begin(), piece.kinds.end(), key.second) == piece.kinds.end())
        continue;
      for (const auto& item : pool) {
        const Product& p = *store.by_id.at(item);
        if (p.gender != m.gender && p.gender != "unisex") continue;
        double s = rng.uniform();
        if (std::find(p.styles.begin(), p.styles.end(), style) != p.styles.end()) s += 2;
        if (std::find(kNeutral.begin(), kNeutral.end(), p.colour) != kNeutral.end()) s += 1;
        if (s > best_score) best_score = s, best = item;
      }
    }
    store.remove(best);
    const Vec3 anchor = m.position + rotate(piece.local, m.yaw);
    const std::string mount = piece.outfit == "shoes" ? "base" : "attach";
    Json slot{{"id", id + "-" + piece.outfit},
              {"outfit", piece.outfit},
              {"kinds", piece.kinds},
              {"anchor", xyz(anchor)},
              {"mount", mount},
              {"yaw_deg", mm(m.yaw)},
              {"visibility", mm(0.55f + 0.45f * reach(m.position.x))},
              {"max_size", nullptr}};
    slots.push_back(resolve(slot, store, best, anchor, m.yaw, mount, {}));
  }
  return Json{{"id", id},
              {"fixture", fid},
              {"department", m.dept},
              {"gender", m.gender},
              {"style", style},
              {"position", xyz(m.position)},
              {"yaw_deg", mm(m.yaw)},
              {"slots", slots}};
}

Json for_you_wall(Store& store, const std::map<std::string, double>& popularity) {
  const Vec3 origin{0, 0, 9.5f};
  const float yaw = 0;
  const std::string fid = store.add_fixture("for_you_wall", origin, yaw, {1, 1, 1},
                                            {kForYouWidth * 0.5f, 0, kForYouDepth * 0.5f});
  // Before any shopper is known, "For you" shows what the simulated shoppers bought most,
  // at most four per category so the wall reads as a mix.
  std::vector<std::pair<double, std::string>> ranked;
  for (const auto& p : store.products) {
    const auto it = popularity.find(p.id);
    ranked.push_back({-(it != popularity.end() ? it->second : 0.0), p.id});
  }
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::string> picks;
  std::map<std::string, int> per_kind;
  for (const auto& [score, id] : ranked) {
    const std::string& l1 = store.by_id.at(id)->l1;
    if (per_kind[l1] >= 4) continue;
    ++per_kind[l1];
    picks.push_back(id);
    if (picks.size() == kForYouBoards.size() * kForYouColumns) break;
  }
  static const std::vector<std::string> every = {"tops",    "trousers", "dresses", "skirts",
                                                 "jackets", "shoes",    "bags",    "hats",
                                                 "glasses", "watches"};
  Json slots = Json::array();
  size_t n = 0;
  const float column = kForYouWidth / kForYouColumns;
  // Eye level first, so the most popular items take the most visible cubbies.
  std::vector<size_t> order = {2, 1, 3, 0};
  for (size_t level : order)
    for (int c = 0; c < kForYouColumns; ++c) {
      const Vec3 local{-kForYouWidth * 0.5f + (static_cast<float>(c) + 0.5f) * column,
                       kForYouBoards[level], 0.0f};
      const Vec3 anchor = origin + rotate(local, yaw);
      const Vec3 max_size{column - 0.1f, kForYouClear, kForYouDepth - 0.05f};
      const float vis = 0.3f + 0.7f * eye_level(anchor.y + 0.2f);
      Json slot{{"id", "FY-L" + std::to_string(level + 1) + "-" + std::to_string(c + 1)},
                {"level", level + 1},
                {"kinds", every},
                {"anchor", xyz(anchor)},
                {"mount", "base"},
                {"yaw_deg", mm(yaw)},
                {"visibility", mm(vis)},
                {"max_size", xyz(max_size)}};
      slots.push_back(
          resolve(slot, store, picks[n++ % picks.size()], anchor, yaw, "base", max_size));
    }
  return Json{{"id", "for-you"},         {"fixture", fid},     {"title", "For you"},
              {"position", xyz(origin)}, {"yaw_deg", mm(yaw)}, {"slots", slots}};
}

}  // namespace

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
      {"men", "Men", "rail", 3.5f, 17.5f, -13.8f, {"tops", "trousers", "jackets"}, 3, 5, {}}));
  departments.push_back(department(
      store, {"shoes", "Shoes", "shelf_unit", -17.5f, -5.5f, 3.2f, {"shoes"}, 2, 2, {1, 2, 3}}));
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
