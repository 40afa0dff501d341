#include "vrmall/rec/shelf_planner.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>

#include "vrmall/rec/hybrid_model.h"
#include "vrmall/rec/text_util.h"
#include "vrmall/rec/top_k.h"

namespace vrmall::rec {
namespace {

bool sameCode(const Column* c, int32_t a, int32_t b) {
  if (!c) return false;
  const auto [ab, ae] = c->bag(a);
  const auto [bb, be] = c->bag(b);
  for (auto x = ab; x != ae; ++x) {
    for (auto y = bb; y != be; ++y) {
      if (*x == *y) return true;
    }
  }
  return false;
}

std::string firstValue(const Column* c, int32_t item) {
  if (!c) return {};
  const auto [b, e] = c->bag(item);
  return b == e ? std::string() : c->dictionary[static_cast<size_t>(*b)];
}

// Items the shopper has bought or put in the cart: never offered again on the wall.
std::vector<int32_t> ownedItems(const UserContext& user) {
  std::vector<int32_t> out;
  for (const auto& e : user.events) {
    if (e.type == EventType::Purchase || e.type == EventType::AddToCart) out.push_back(e.item);
  }
  return out;
}

}  // namespace

ShelfPlanner::ShelfPlanner(const Recommender& recommender, std::vector<SlotSpec> slots)
    : rec_(recommender), slots_(std::move(slots)) {
  const auto& t = rec_.data().item_attributes;
  category_ = t.column("CATEGORY_L1");
  category_l2_ = t.column("CATEGORY_L2");
  color_ = t.column("COLOR");
  brand_ = t.column("BRAND");
  style_ = t.column("STYLE");
  gender_ = t.column("GENDER");
  season_ = t.column("SEASON");
}

int32_t ShelfPlanner::bestOutsidePool(const SlotSpec& slot, std::span<const float> z,
                                      const std::vector<uint8_t>& excluded,
                                      const std::vector<uint8_t>& used,
                                      const std::vector<int32_t>* taken) const {
  // The pool holds the overall best; a narrow slot (men's hats) may need to look further.
  int32_t best = -1;
  for (size_t i = 0; i < z.size(); ++i) {
    const auto item = static_cast<int32_t>(i);
    if (excluded[i] || used[i] || !fits(slot, item)) continue;
    if (taken && std::find(taken->begin(), taken->end(), item) != taken->end()) continue;
    if (best < 0 || z[i] > z[static_cast<size_t>(best)]) best = item;
  }
  return best;
}

float ShelfPlanner::likeness(int32_t a, int32_t b) const {
  // Shares of the attributes that make two products look alike on a wall.
  return 0.4f * static_cast<float>(sameCode(category_l2_, a, b)) +
         0.3f * static_cast<float>(sameCode(color_, a, b)) +
         0.2f * static_cast<float>(sameCode(brand_, a, b)) +
         0.1f * static_cast<float>(sameCode(category_, a, b));
}

bool ShelfPlanner::fits(const SlotSpec& slot, int32_t item) const {
  if (!slot.kinds.empty()) {
    const std::string kind = firstValue(category_, item);
    bool ok = false;
    for (const auto& k : slot.kinds) ok = ok || toLower(k) == kind;
    if (!ok) return false;
  }
  if (!slot.gender.empty() && gender_) {
    const std::string g = firstValue(gender_, item);
    if (!g.empty() && g != "unisex" && g != toLower(slot.gender)) return false;
  }
  return true;
}

ShelfPlan ShelfPlanner::plan(const UserContext& user, std::span<const SlotState> state,
                             const PlanOptions& options) const {
  const auto start = std::chrono::steady_clock::now();
  const auto items = static_cast<size_t>(rec_.data().numItems());
  std::vector<float> z(items);
  rec_.model().score(user, z);
  standardize(z);

  RecommendOptions ro;
  ro.filter_already_liked = false;  // what they looked at may stay on show; what they own may not
  ro.exclude = ownedItems(user);
  const std::vector<uint8_t> excluded = rec_.excludedItems(user, ro);
  std::vector<uint8_t> used(items, 0);

  ShelfPlan plan;
  plan.slots.resize(slots_.size());
  std::vector<bool> done(slots_.size(), false);
  // Slots in view keep what they show, and what they show is taken.
  for (size_t s = 0; s < slots_.size(); ++s) {
    plan.slots[s].slot_id = slots_[s].id;
    if (s < state.size() && state[s].in_view && state[s].item >= 0) {
      plan.slots[s].item = state[s].item;
      plan.slots[s].held = true;
      used[static_cast<size_t>(state[s].item)] = 1;
      done[s] = true;
    }
  }
  // Mannequins whose any slot is in view keep their whole outfit (an outfit is one look).
  std::map<std::string, bool> group_held;
  for (size_t s = 0; s < slots_.size(); ++s) {
    if (!slots_[s].outfit_role.empty() && plan.slots[s].held) group_held[slots_[s].group] = true;
  }
  for (size_t s = 0; s < slots_.size(); ++s) {
    if (slots_[s].outfit_role.empty() || !group_held[slots_[s].group] || done[s]) continue;
    if (s < state.size() && state[s].item >= 0) {
      plan.slots[s].item = state[s].item;
      plan.slots[s].held = true;
      used[static_cast<size_t>(state[s].item)] = 1;
    }
    done[s] = true;
  }

  std::vector<Candidate> pool;
  {
    const size_t want = options.candidates_per_slot * slots_.size() + 32;
    std::vector<uint8_t> blocked = excluded;
    for (size_t i = 0; i < items; ++i) blocked[i] = blocked[i] || used[i];
    for (const auto& t : topK(z, want, blocked)) pool.push_back({t.item, t.score});
  }

  // Wall and shelf slots, most visible first.
  std::vector<size_t> order;
  for (size_t s = 0; s < slots_.size(); ++s) {
    if (!done[s] && slots_[s].outfit_role.empty()) order.push_back(s);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return slots_[a].visibility > slots_[b].visibility; });
  std::map<std::string, std::vector<int32_t>> shown;  // group -> items placed
  const auto adjusted = [&](int32_t item, float base, const std::string& group) {
    float worst = 0.0f;
    for (int32_t other : shown[group]) worst = std::max(worst, likeness(item, other));
    return base - 3.0f * options.diversity * worst;
  };
  for (size_t s : order) {
    const SlotSpec& slot = slots_[s];
    int32_t best = -1;
    float best_score = -INFINITY;
    for (const auto& c : pool) {
      if (used[static_cast<size_t>(c.item)] || !fits(slot, c.item)) continue;
      const float a = adjusted(c.item, c.z, slot.group);
      if (a > best_score) {
        best_score = a;
        best = c.item;
      }
    }
    if (best < 0) best = bestOutsidePool(slot, z, excluded, used);
    // Stability: the current item stays unless the newcomer is clearly better.
    const int32_t current = s < state.size() ? state[s].item : -1;
    if (current >= 0 && !used[static_cast<size_t>(current)] &&
        !excluded[static_cast<size_t>(current)] && fits(slot, current)) {
      const float keep = adjusted(current, z[static_cast<size_t>(current)], slot.group);
      if (best < 0 || keep + options.change_margin >= best_score) best = current;
    }
    if (best < 0) continue;
    used[static_cast<size_t>(best)] = 1;
    shown[slot.group].push_back(best);
    plan.slots[s].item = best;
    done[s] = true;
  }
  planOutfits(pool, z, state, excluded, used, plan.slots, options);

  for (size_t s = 0; s < slots_.size(); ++s) {
    auto& p = plan.slots[s];
    if (p.item < 0) continue;
    p.item_id = rec_.data().items.id(p.item);
    p.score = z[static_cast<size_t>(p.item)];
    p.changed = !(s < state.size() && state[s].item == p.item);
    p.reasons = rec_.reasonsFor(user, p.item, options.reasons);
  }

  // Promotions: the category-and-style the shopper's best unplaced candidates cluster in.
  std::map<std::string, std::pair<float, std::vector<int32_t>>> themes;
  for (const auto& c : pool) {
    if (used[static_cast<size_t>(c.item)]) continue;
    const std::string key = firstValue(style_, c.item) + " " + firstValue(category_, c.item);
    auto& theme = themes[key];
    if (theme.second.size() < 6) {
      theme.first += std::max(0.0f, c.z);
      theme.second.push_back(c.item);
    }
  }
  std::vector<std::pair<float, std::string>> ranked;
  for (const auto& [key, theme] : themes) ranked.emplace_back(theme.first, key);
  std::sort(ranked.begin(), ranked.end(), std::greater<>());
  const int discounts[] = {15, 10, 10, 5};
  for (size_t n = 0; n < options.promo_signs.size() && n < ranked.size(); ++n) {
    Promotion promo;
    promo.sign_id = options.promo_signs[n];
    promo.items = themes[ranked[n].second].second;
    std::string theme =
        trim(ranked[n].second).empty() ? "new arrivals" : std::string(trim(ranked[n].second));
    theme[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(theme[0])));
    promo.text = theme + " picked for you: " + std::to_string(discounts[std::min<size_t>(n, 3)]) +
                 "% off today";
    const auto reasons = rec_.reasonsFor(user, promo.items.front(), 1);
    promo.reason = reasons.empty() ? std::string() : reasons.front().text;
    plan.promotions.push_back(std::move(promo));
  }
  plan.compute_us =
      std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
  return plan;
}

void ShelfPlanner::planOutfits(const std::vector<Candidate>& pool, std::span<const float> z,
                               std::span<const SlotState> state,
                               const std::vector<uint8_t>& excluded, std::vector<uint8_t>& used,
                               std::vector<PlannedSlot>& out, const PlanOptions& options) const {
  // Group mannequin slots; the "top" role anchors the look, the others complete it.
  std::map<std::string, std::vector<size_t>> mannequins;
  for (size_t s = 0; s < slots_.size(); ++s) {
    if (!slots_[s].outfit_role.empty() && out[s].item < 0 && !out[s].held) {
      mannequins[slots_[s].group].push_back(s);
    }
  }
  // Compatibility with the anchor: shared style and season, and colours that go together.
  const auto neutral = [&](int32_t item) {
    const std::string c = firstValue(color_, item);
    return c == "black" || c == "white" || c == "grey" || c == "beige" || c == "navy" ||
           c == "cream" || c == "denim";
  };
  const auto compat = [&](int32_t anchor, int32_t item) {
    float c = 0.0f;
    if (sameCode(style_, anchor, item)) c += 1.0f;
    if (sameCode(season_, anchor, item)) c += 0.5f;
    if (sameCode(color_, anchor, item) || neutral(item) || neutral(anchor)) c += 0.5f;
    return c;
  };
  for (auto& [group, members] : mannequins) {
    std::stable_sort(members.begin(), members.end(), [&](size_t a, size_t b) {
      return (slots_[a].outfit_role == "top") > (slots_[b].outfit_role == "top");
    });
    // Current look's value, to keep it unless the new look is clearly better.
    float current_total = 0.0f;
    bool current_valid = true;
    for (size_t s : members) {
      const int32_t cur = s < state.size() ? state[s].item : -1;
      if (cur < 0 || used[static_cast<size_t>(cur)] || !fits(slots_[s], cur))
        current_valid = false;
      else
        current_total += z[static_cast<size_t>(cur)];
    }
    std::vector<int32_t> look;
    float total = 0.0f;
    int32_t anchor = -1;
    for (size_t s : members) {
      int32_t best = -1;
      float best_score = -INFINITY;
      for (const auto& c : pool) {
        if (used[static_cast<size_t>(c.item)] || !fits(slots_[s], c.item)) continue;
        if (std::find(look.begin(), look.end(), c.item) != look.end()) continue;
        const float v = c.z + (anchor >= 0 ? compat(anchor, c.item) : 0.0f);
        if (v > best_score) {
          best_score = v;
          best = c.item;
        }
      }
      if (best < 0) best = bestOutsidePool(slots_[s], z, excluded, used, &look);
      look.push_back(best);
      if (best >= 0) {
        total += z[static_cast<size_t>(best)];
        if (anchor < 0) anchor = best;
      }
    }
    const bool keep =
        current_valid &&
        current_total + options.change_margin * static_cast<float>(members.size()) >= total;
    for (size_t n = 0; n < members.size(); ++n) {
      const size_t s = members[n];
      const int32_t item = keep ? state[s].item : look[n];
      if (item < 0) continue;
      used[static_cast<size_t>(item)] = 1;
      out[s].item = item;
    }
  }
}

}  // namespace vrmall::rec
