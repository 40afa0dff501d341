#include <algorithm>

#include "fixtures.h"
#include "layout_parts.h"

namespace storegen::layout_parts {

using namespace fixture;

namespace {
// Colours that go with anything, so an outfit of them never clashes.
const std::vector<std::string> kNeutral = {"black",      "white", "grey",  "navy",
                                           "beige",      "camel", "ivory", "charcoal",
                                           "denim blue", "cream", "brown"};
}  // namespace

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

}  // namespace storegen::layout_parts
