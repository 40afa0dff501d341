// The showcase stage and the fitting area, at the far end of the main aisle: the stage shows what
// is trending (the guide rotates it live; the layout starts it with the best sellers not on
// display), the fitting area is where the shopper's avatar tries things on in front of a mirror.
#include <algorithm>
#include <cmath>

#include "fixtures.h"
#include "layout_parts.h"

namespace storegen::layout_parts {

using namespace fixture;

Json showcase_stage(Store& store, const std::map<std::string, double>& popularity) {
  const Vec3 origin{0, 0, -7.0f};
  const float yaw = 0;
  const std::string fid =
      store.add_fixture("showcase_stage", origin, yaw, {1, 1, 1}, {kStageRadius, 0, kStageRadius});
  // Start with the best sellers still in the reserve, one per kind.
  std::vector<std::pair<double, std::string>> ranked;
  for (const auto& [key, pool] : store.pools) {
    for (const auto& id : pool) {
      const auto it = popularity.find(id);
      ranked.push_back({-(it != popularity.end() ? it->second : 0.0), id});
    }
  }
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::string> picks;
  for (const auto& [score, id] : ranked) {
    const std::string& l1 = store.by_id.at(id)->l1;
    const bool seen = std::any_of(picks.begin(), picks.end(), [&](const std::string& p) {
      return store.by_id.at(p)->l1 == l1;
    });
    if (!seen) picks.push_back(id);
    if (picks.size() == static_cast<size_t>(kStagePlinths)) break;
  }
  for (const auto& id : picks) store.remove(id);
  static const std::vector<std::string> every = {"tops",    "trousers", "dresses", "skirts",
                                                 "jackets", "shoes",    "bags",    "hats",
                                                 "glasses", "watches"};
  Json slots = Json::array();
  for (int i = 0; i < kStagePlinths; ++i) {
    const float a = (static_cast<float>(i) - 0.5f * (kStagePlinths - 1)) * 0.75f;
    const Vec3 local{kStageArc * std::sin(a), kPlinthTop, kStageArc * std::cos(a)};
    const Vec3 anchor = origin + rotate(local, yaw);
    const float facing = yaw + a * 180.0f / kPi;  // each piece faces out from the stage
    const Vec3 max_size{0.9f, 1.5f, 0.6f};
    Json slot{{"id", "SC1-" + std::to_string(i + 1)},
              {"kinds", every},
              {"anchor", xyz(anchor)},
              {"mount", "base"},
              {"yaw_deg", mm(facing)},
              {"visibility", 0.9},
              {"max_size", xyz(max_size)}};
    slots.push_back(resolve(slot, store, picks[static_cast<size_t>(i) % picks.size()], anchor,
                            facing, "base", max_size));
  }
  return Json{
      {"id", "SC1"},        {"fixture", fid}, {"title", "Trending now"}, {"position", xyz(origin)},
      {"yaw_deg", mm(yaw)}, {"slots", slots}};
}

Json fitting_area(Store& store) {
  const Vec3 spot{0, 0, -11.8f};
  const float yaw = 0;  // the avatar faces +Z, down the aisle; the mirror is behind it
  const std::string fid = store.add_fixture("fitting_mirror", spot, yaw);
  // One obstacle over the spot, the mirror and its booth (longer behind the spot than before it).
  const float behind = kMirrorGap + kMirrorBooth + 0.04f, before = kFittingSpotRadius;
  const Vec3 centre = spot + rotate({0, 0, (before - behind) * 0.5f}, yaw);
  store.obstacles.push_back(Json{
      {"fixture", fid},
      {"centre", xz(centre.x, centre.z)},
      {"half_extents", xz(kMirrorWidth * 0.5f + kMirrorFrame + 0.1f, (before + behind) * 0.5f)},
      {"yaw_deg", mm(yaw)}});
  const Vec3 glass = spot + rotate({0, kMirrorBottom + kMirrorHeight * 0.5f, -kMirrorGap}, yaw);
  const Vec3 normal = rotate({0, 0, 1}, yaw);
  // Over the shopper's shoulder, off the mirror's axis: the avatar's front and, beside it in the
  // glass, its back.
  const Vec3 eye = spot + rotate({1.1f, 1.55f, 2.7f}, yaw);
  return Json{{"id", "FIT1"},
              {"fixture", fid},
              {"position", xyz(spot)},
              {"yaw_deg", mm(yaw)},
              {"stand_height", mm(kFittingSpotHeight)},
              {"mirror",
               {{"centre", xyz(glass)},
                {"normal", xyz(normal)},
                {"size", xz(kMirrorWidth, kMirrorHeight)},
                {"booth_depth", mm(kMirrorBooth)}}},
              {"viewpoint", {{"position", xyz(eye)}, {"look_at", xyz(spot + Vec3{0, 1.0f, 0})}}}};
}

}  // namespace storegen::layout_parts
