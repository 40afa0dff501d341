#include <cctype>
#include <cmath>

#include "fixtures.h"
#include "layout_parts.h"

namespace storegen::layout_parts {

using namespace fixture;

namespace {
int slots_per_level(const std::string& kind) {
  return kind == "glasses" || kind == "watches" ? 4 : 3;
}
}  // namespace

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

}  // namespace storegen::layout_parts
