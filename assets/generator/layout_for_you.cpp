#include <algorithm>
#include <cmath>

#include "fixtures.h"
#include "layout_parts.h"

namespace storegen::layout_parts {

using namespace fixture;

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

}  // namespace storegen::layout_parts
