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
  // Integer codes per item and per slot: planning compares thousands of candidates per event.
  const auto firsts = [&](const Column* c) {
    std::vector<int32_t> v(static_cast<size_t>(rec_.data().numItems()), -1);
    if (c) {
      for (size_t i = 0; i < v.size(); ++i) v[i] = c->first(static_cast<int32_t>(i));
    }
    return v;
  };
  l1_ = firsts(category_);
  l2_ = firsts(category_l2_);
  colour_ = firsts(color_);
  brand_code_ = firsts(brand_);
  gender_code_ = firsts(gender_);
  unisex_ = gender_ ? gender_->findCode("unisex").value_or(-2) : -2;
  for (const auto& slot : slots_) {
    SlotRule rule;
    for (const auto& k : slot.kinds) {
      rule.kinds.push_back(category_ ? category_->findCode(k).value_or(-3) : -3);
    }
    rule.any_kind = slot.kinds.empty() || !category_;
    rule.gender =
        slot.gender.empty() || !gender_ ? -1 : gender_->findCode(slot.gender).value_or(-3);
    rules_.push_back(std::move(rule));
  }
  if (color_) {
    neutral_.assign(color_->dictionary.size(), 0);
    for (const char* c : {"black", "white", "grey", "beige", "navy", "cream", "denim", "ivory"}) {
      if (auto code = color_->findCode(c)) neutral_[static_cast<size_t>(*code)] = 1;
    }
  }
}

int32_t ShelfPlanner::bestOutsidePool(size_t slot, std::span<const float> z,
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

// What a group (a wall, a shelf) already shows, attribute by attribute.
struct ShelfPlanner::GroupShown {
  std::vector<uint8_t> l2, colour, brand, l1;
  static void mark(std::vector<uint8_t>& v, int32_t code) {
    if (code < 0) return;
    if (v.size() <= static_cast<size_t>(code)) v.resize(static_cast<size_t>(code) + 1, 0);
    v[static_cast<size_t>(code)] = 1;
  }
  static float has(const std::vector<uint8_t>& v, int32_t code) {
    return static_cast<float>(code >= 0 && static_cast<size_t>(code) < v.size() &&
                              v[static_cast<size_t>(code)]);
  }
};

float ShelfPlanner::likeness(const GroupShown& g, int32_t item) const {
  // How much of what makes products look alike on a wall the item repeats from its group.
  const auto i = static_cast<size_t>(item);
  return 0.4f * GroupShown::has(g.l2, l2_[i]) + 0.3f * GroupShown::has(g.colour, colour_[i]) +
         0.2f * GroupShown::has(g.brand, brand_code_[i]) + 0.1f * GroupShown::has(g.l1, l1_[i]);
}

void ShelfPlanner::show(GroupShown& g, int32_t item) const {
  const auto i = static_cast<size_t>(item);
  GroupShown::mark(g.l2, l2_[i]);
  GroupShown::mark(g.colour, colour_[i]);
  GroupShown::mark(g.brand, brand_code_[i]);
  GroupShown::mark(g.l1, l1_[i]);
}

bool ShelfPlanner::fits(size_t slot, int32_t item) const {
  const SlotRule& rule = rules_[slot];
  const auto i = static_cast<size_t>(item);
  if (!rule.any_kind &&
      std::find(rule.kinds.begin(), rule.kinds.end(), l1_[i]) == rule.kinds.end()) {
    return false;
  }
  if (rule.gender != -1) {
    const int32_t g = gender_code_[i];
    if (g >= 0 && g != unisex_ && g != rule.gender) return false;
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
    for (const auto& t : topK(z, want, blocked)) {
      pool.push_back({t.item, t.score});
      blocked[static_cast<size_t>(t.item)] = 1;
    }
    // The best few of every kind too, so narrow slots (a men's hat) find candidates in the pool
    // instead of scanning the catalogue.
    std::vector<std::vector<Candidate>> by_kind;
    constexpr size_t kPerKind = 12;
    for (size_t i = 0; i < items; ++i) {
      const int32_t kind = l1_[i];
      if (blocked[i] || kind < 0) continue;
      if (by_kind.size() <= static_cast<size_t>(kind))
        by_kind.resize(static_cast<size_t>(kind) + 1);
      auto& best = by_kind[static_cast<size_t>(kind)];
      const Candidate c{static_cast<int32_t>(i), z[i]};
      const auto worse = [](const Candidate& a, const Candidate& b) { return a.z > b.z; };
      if (best.size() < kPerKind) {
        best.push_back(c);
        std::push_heap(best.begin(), best.end(), worse);
      } else if (c.z > best.front().z) {
        std::pop_heap(best.begin(), best.end(), worse);
        best.back() = c;
        std::push_heap(best.begin(), best.end(), worse);
      }
    }
    for (const auto& best : by_kind) pool.insert(pool.end(), best.begin(), best.end());
  }

  // Wall and shelf slots, most visible first.
  std::vector<size_t> order;
  for (size_t s = 0; s < slots_.size(); ++s) {
    if (!done[s] && slots_[s].outfit_role.empty()) order.push_back(s);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return slots_[a].visibility > slots_[b].visibility; });
  std::map<std::string, GroupShown> shown;
  const auto adjusted = [&](int32_t item, float base, const std::string& group) {
    return base - 3.0f * options.diversity * likeness(shown[group], item);
  };
  for (size_t s : order) {
    const SlotSpec& slot = slots_[s];
    int32_t best = -1;
    float best_score = -INFINITY;
    for (const auto& c : pool) {
      if (used[static_cast<size_t>(c.item)] || !fits(s, c.item)) continue;
      const float a = adjusted(c.item, c.z, slot.group);
      if (a > best_score) {
        best_score = a;
        best = c.item;
      }
    }
    if (best < 0) best = bestOutsidePool(s, z, excluded, used);
    // Stability: the current item stays unless the newcomer is clearly better.
    const int32_t current = s < state.size() ? state[s].item : -1;
    if (current >= 0 && !used[static_cast<size_t>(current)] &&
        !excluded[static_cast<size_t>(current)] && fits(s, current)) {
      const float keep = adjusted(current, z[static_cast<size_t>(current)], slot.group);
      if (best < 0 || keep + options.change_margin >= best_score) best = current;
    }
    if (best < 0) continue;
    used[static_cast<size_t>(best)] = 1;
    show(shown[slot.group], best);
    plan.slots[s].item = best;
    done[s] = true;
  }
  planOutfits(pool, z, state, excluded, used, plan.slots, options);

  std::vector<int32_t> placed;
  for (const auto& p : plan.slots) {
    if (p.item >= 0) placed.push_back(p.item);
  }
  auto reasons = rec_.reasonsFor(user, placed, options.reasons);
  size_t next_reason = 0;
  for (size_t s = 0; s < slots_.size(); ++s) {
    auto& p = plan.slots[s];
    if (p.item < 0) continue;
    p.item_id = rec_.data().items.id(p.item);
    p.score = z[static_cast<size_t>(p.item)];
    p.changed = !(s < state.size() && state[s].item == p.item);
    p.reasons = std::move(reasons[next_reason++]);
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
    const auto promo_reasons = rec_.reasonsFor(user, promo.items.front(), 1);
    promo.reason = promo_reasons.empty() ? std::string() : promo_reasons.front().text;
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
    const int32_t c = colour_[static_cast<size_t>(item)];
    return c >= 0 && static_cast<size_t>(c) < neutral_.size() && neutral_[static_cast<size_t>(c)];
  };
  const auto compat = [&](int32_t anchor, int32_t item) {
    float c = 0.0f;
    if (sameCode(style_, anchor, item)) c += 1.0f;
    if (sameCode(season_, anchor, item)) c += 0.5f;
    const int32_t ca = colour_[static_cast<size_t>(anchor)];
    if ((ca >= 0 && ca == colour_[static_cast<size_t>(item)]) || neutral(item) || neutral(anchor))
      c += 0.5f;
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
      if (cur < 0 || used[static_cast<size_t>(cur)] || !fits(s, cur))
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
        if (used[static_cast<size_t>(c.item)] || !fits(s, c.item)) continue;
        if (std::find(look.begin(), look.end(), c.item) != look.end()) continue;
        const float v = c.z + (anchor >= 0 ? compat(anchor, c.item) : 0.0f);
        if (v > best_score) {
          best_score = v;
          best = c.item;
        }
      }
      if (best < 0) best = bestOutsidePool(s, z, excluded, used, &look);
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
