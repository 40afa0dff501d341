#include "vrmall/rec/guide/shelf_planner.h"

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <ctime>
#include <map>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "vrmall/rec/data/text_util.h"
#include "vrmall/rec/hybrid/hybrid_model.h"
#include "vrmall/rec/models/top_k.h"
#include "vrmall/rec/outfits/outfit_builder.h"

namespace vrmall::rec {
namespace {

std::string firstValue(const Column* c, int32_t item) {
  if (!c) return {};
  const auto [b, e] = c->bag(item);
  return b == e ? std::string() : c->dictionary[static_cast<size_t>(*b)];
}

double threadCpuMicroseconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e6 + static_cast<double>(t.tv_nsec) * 1e-3;
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

struct ShelfPlanner::SizeCache {
  std::mutex mutex;
  // (SIZE, SHOE_SIZE) as given -> items those sizes rule out; the last few avatars.
  std::vector<std::pair<std::pair<std::optional<std::string>, std::optional<std::string>>,
                        std::shared_ptr<const std::vector<uint8_t>>>>
      recent;
};

std::shared_ptr<const std::vector<uint8_t>> ShelfPlanner::sizeExcluded(
    const std::unordered_map<std::string, std::string>& attributes) const {
  const auto given = [&](const char* key) {
    const auto it = attributes.find(key);
    return it == attributes.end() ? std::optional<std::string>() : it->second;
  };
  std::pair<std::optional<std::string>, std::optional<std::string>> key{given("SIZE"),
                                                                        given("SHOE_SIZE")};
  {
    std::lock_guard lock(size_cache_->mutex);
    for (const auto& [k, excluded] : size_cache_->recent) {
      if (k == key) return excluded;
    }
  }
  // Exactly the recommender's own rule (Recommender::excludedItems with only_in_size).
  RecommendOptions ro;
  ro.filter_already_liked = false;
  UserContext sizes_only;
  sizes_only.attributes = attributes;
  auto excluded = std::make_shared<const std::vector<uint8_t>>(rec_.excludedItems(sizes_only, ro));
  std::lock_guard lock(size_cache_->mutex);
  if (size_cache_->recent.size() >= 4) size_cache_->recent.erase(size_cache_->recent.begin());
  size_cache_->recent.emplace_back(std::move(key), excluded);
  return excluded;
}

ShelfPlanner::ShelfPlanner(const Recommender& recommender, std::vector<SlotSpec> slots,
                           const TrendOptions& trend)
    : rec_(recommender),
      slots_(std::move(slots)),
      size_cache_(std::make_shared<SizeCache>()),
      outfits_(std::make_shared<OutfitBuilder>(recommender.data())),
      trending_(std::make_shared<TrendingItems>(recommender.data(), trend)) {
  for (const auto& spec : slots_) stage_size_ += spec.showcase ? 1 : 0;
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
  items_of_kind_.resize(category_ ? category_->dictionary.size() : 0);
  for (size_t i = 0; i < l1_.size(); ++i) {
    if (l1_[i] >= 0) items_of_kind_[static_cast<size_t>(l1_[i])].push_back(static_cast<int32_t>(i));
  }
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
  // Slots with the same rule take the same candidates: the pool is filtered once per rule.
  for (size_t s = 0; s < rules_.size(); ++s) {
    size_t c = 0;
    while (c < rule_owner_.size() && !(rules_[rule_owner_[c]].kinds == rules_[s].kinds &&
                                       rules_[rule_owner_[c]].any_kind == rules_[s].any_kind &&
                                       rules_[rule_owner_[c]].gender == rules_[s].gender)) {
      ++c;
    }
    if (c == rule_owner_.size()) rule_owner_.push_back(s);
    rule_class_.push_back(c);
  }
  // Which rule classes each item fits, as bits: planning asks this thousands of times per event.
  if (rule_owner_.size() <= 64) {
    fit_mask_.assign(l1_.size(), 0);
    for (size_t c = 0; c < rule_owner_.size(); ++c) {
      for (size_t i = 0; i < l1_.size(); ++i) {
        if (fitsRule(rules_[rule_owner_[c]], static_cast<int32_t>(i))) fit_mask_[i] |= 1ULL << c;
      }
    }
  }
  // Promotion themes: items of one style and category share a theme; its key is the text the
  // sign shows, and codes whose text reads the same share one.
  {
    std::unordered_map<uint64_t, int32_t> by_codes;
    std::unordered_map<std::string, int32_t> by_key;
    theme_of_item_.resize(static_cast<size_t>(rec_.data().numItems()));
    for (size_t i = 0; i < theme_of_item_.size(); ++i) {
      const auto item = static_cast<int32_t>(i);
      const auto style = static_cast<uint32_t>(style_ ? style_->first(item) : -1);
      const auto kind = static_cast<uint32_t>(category_ ? category_->first(item) : -1);
      const uint64_t codes = (static_cast<uint64_t>(style) << 32) | kind;
      auto it = by_codes.find(codes);
      if (it == by_codes.end()) {
        std::string key = firstValue(style_, item) + " " + firstValue(category_, item);
        const auto named = by_key.try_emplace(key, static_cast<int32_t>(theme_keys_.size())).first;
        if (static_cast<size_t>(named->second) == theme_keys_.size())
          theme_keys_.push_back(std::move(key));
        it = by_codes.emplace(codes, named->second).first;
      }
      theme_of_item_[i] = it->second;
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

std::vector<ShelfPlanner::Candidate> ShelfPlanner::bestPerKind(
    std::span<const float> z, const std::vector<uint8_t>& blocked) const {
  constexpr size_t kPerKind = 12;
  const auto better = [](const Candidate& a, const Candidate& b) {
    return a.z > b.z || (a.z == b.z && a.item < b.item);
  };
  // Per kind, its items' scores gathered (blocked ones as -inf, never chosen) and the best few
  // selected in linear time whatever their order. Positions follow item order, so ties go to the
  // lower item, as everywhere in the guide.
  std::vector<Candidate> out;
  std::vector<float> scores;
  for (const auto& items : items_of_kind_) {
    scores.resize(items.size());
    for (size_t j = 0; j < items.size(); ++j) {
      const auto item = static_cast<size_t>(items[j]);
      scores[j] = blocked[item] ? -INFINITY : z[item];
    }
    for (const auto& t : topKSelect(scores, kPerKind))
      out.push_back({items[static_cast<size_t>(t.item)], t.score});
  }
  std::sort(out.begin(), out.end(), better);
  return out;
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
  if (!fit_mask_.empty()) return (fit_mask_[static_cast<size_t>(item)] >> rule_class_[slot]) & 1U;
  return fitsRule(rules_[slot], item);
}

bool ShelfPlanner::fitsRule(const SlotRule& rule, int32_t item) const {
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
  const double cpu_start = threadCpuMicroseconds();
  const auto items = static_cast<size_t>(rec_.data().numItems());
  std::vector<float> z(items);
  rec_.model().score(user, z);
  standardize(z);

  // What they looked at may stay on show; what they own may not, nor what they cannot wear (the
  // size rule depends on the avatar alone: computed once per avatar).
  std::vector<uint8_t> excluded = *sizeExcluded(user.attributes);
  for (int32_t i : ownedItems(user)) {
    if (i >= 0 && static_cast<size_t>(i) < items) excluded[static_cast<size_t>(i)] = 1;
  }
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

  // The candidate pool, best first by (z, then item): the overall best, then the best few of
  // every kind not already among them, so narrow slots (a men's hat) find candidates in the pool
  // instead of scanning the catalogue. Sorted as a whole, which lets the slot loops below stop
  // at the first candidate that can no longer win.
  std::vector<Candidate> pool;
  {
    const size_t want = options.candidates_per_slot * slots_.size() + 32;
    std::vector<uint8_t> blocked = excluded;
    for (size_t i = 0; i < items; ++i) blocked[i] |= used[i];
    for (const auto& t : topK(z, want, blocked)) {
      pool.push_back({t.item, t.score});
      blocked[static_cast<size_t>(t.item)] = 1;
    }
    for (const auto& c : bestPerKind(z, blocked)) pool.push_back(c);
  }
  // Each rule's candidates, in pool order (what fits() would let through, checked once).
  std::vector<std::vector<Candidate>> fitting(rule_owner_.size());
  for (const auto& cand : pool) {
    if (fit_mask_.empty()) {
      for (size_t c = 0; c < rule_owner_.size(); ++c) {
        if (fits(rule_owner_[c], cand.item)) fitting[c].push_back(cand);
      }
      continue;
    }
    for (uint64_t m = fit_mask_[static_cast<size_t>(cand.item)]; m != 0; m &= m - 1)
      fitting[static_cast<size_t>(std::countr_zero(m))].push_back(cand);
  }

  // Wall and shelf slots, most visible first.
  std::vector<size_t> order;
  for (size_t s = 0; s < slots_.size(); ++s) {
    if (!done[s] && slots_[s].outfit_role.empty() && !slots_[s].showcase) order.push_back(s);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return slots_[a].visibility > slots_[b].visibility; });
  std::map<std::string, GroupShown> shown;
  const auto adjusted = [&](int32_t item, float base, const GroupShown& group) {
    return base - 3.0f * options.diversity * likeness(group, item);
  };
  const bool may_stop = options.diversity >= 0.0f;
  for (size_t s : order) {
    const SlotSpec& slot = slots_[s];
    GroupShown& group = shown[slot.group];
    int32_t best = -1;
    float best_score = -INFINITY;
    for (const auto& c : fitting[rule_class_[s]]) {
      // The pool is best first and likeness only lowers a score: nothing later can win.
      if (may_stop && c.z <= best_score) break;
      if (used[static_cast<size_t>(c.item)]) continue;
      const float a = adjusted(c.item, c.z, group);
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
      const float keep = adjusted(current, z[static_cast<size_t>(current)], group);
      if (best < 0 || keep + options.change_margin >= best_score) best = current;
    }
    if (best < 0) continue;
    used[static_cast<size_t>(best)] = 1;
    show(group, best);
    plan.slots[s].item = best;
    done[s] = true;
  }
  std::vector<Reason> pairing(slots_.size());
  planOutfits(user, fitting, z, state, excluded, used, plan.slots, pairing, options);
  planShowcase(user, z, state, excluded, used, plan.slots, pairing, options);

  // Promotions: the category-and-style the shopper's best unplaced candidates cluster in. Themes
  // are grouped by their codes; the text key (as shown) decides which codes share a theme.
  constexpr size_t kThemeItems = 6;  // a promotion shows its theme's best six
  std::vector<Theme> themes;
  themes.reserve(64);
  {
    std::vector<int32_t> theme_at(theme_keys_.size(), -1);  // theme id -> index in `themes`
    for (const auto& c : pool) {
      if (used[static_cast<size_t>(c.item)]) continue;
      const auto id = static_cast<size_t>(theme_of_item_[static_cast<size_t>(c.item)]);
      if (theme_at[id] < 0) {
        theme_at[id] = static_cast<int32_t>(themes.size());
        themes.push_back({theme_keys_[id], 0.0f, {}});
        themes.back().items.reserve(kThemeItems);
      }
      Theme& theme = themes[static_cast<size_t>(theme_at[id])];
      if (theme.items.size() < kThemeItems) {
        theme.score += std::max(0.0f, c.z);
        theme.items.push_back(c.item);
      }
    }
  }
  std::vector<std::pair<float, std::string>> ranked;
  for (const auto& theme : themes) ranked.emplace_back(theme.score, theme.key);
  std::sort(ranked.begin(), ranked.end(), std::greater<>());
  const size_t promos = std::min(options.promo_signs.size(), ranked.size());

  // Reasons for every placed item and each promotion's lead item, from one explanation pass
  // (the per-shopper profiles are built once). A promotion shows its single strongest reason:
  // the first of the list a slot would get, as long as slots get at least one.
  std::vector<int32_t> explained;
  for (const auto& p : plan.slots) {
    if (p.item >= 0) explained.push_back(p.item);
  }
  const size_t placed = explained.size();
  std::vector<const Theme*> promo_themes;
  for (size_t n = 0; n < promos; ++n) {
    for (const auto& theme : themes) {
      if (theme.key == ranked[n].second) promo_themes.push_back(&theme);
    }
  }
  const bool shared_pass = options.reasons >= 1;
  if (shared_pass) {
    for (const Theme* theme : promo_themes) explained.push_back(theme->items.front());
  }
  auto reasons = rec_.reasonsFor(user, explained, options.reasons);
  size_t next_reason = 0;
  for (size_t s = 0; s < slots_.size(); ++s) {
    auto& p = plan.slots[s];
    if (p.item < 0) continue;
    p.item_id = rec_.data().items.id(p.item);
    p.score = z[static_cast<size_t>(p.item)];
    p.changed = !(s < state.size() && state[s].item == p.item);
    p.reasons = std::move(reasons[next_reason++]);
    // A mannequin's piece first says what it goes with, a stage's piece that it is trending; then
    // why the shopper may like it.
    if (!pairing[s].text.empty()) {
      p.reasons.insert(p.reasons.begin(), std::move(pairing[s]));
      if (p.reasons.size() > std::max<size_t>(options.reasons, 1)) p.reasons.pop_back();
    }
  }

  const int discounts[] = {15, 10, 10, 5};
  for (size_t n = 0; n < promos; ++n) {
    Promotion promo;
    promo.sign_id = options.promo_signs[n];
    promo.items = promo_themes[n]->items;
    std::string theme =
        trim(ranked[n].second).empty() ? "new arrivals" : std::string(trim(ranked[n].second));
    theme[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(theme[0])));
    promo.text = theme + " picked for you: " + std::to_string(discounts[std::min<size_t>(n, 3)]) +
                 "% off today";
    const auto promo_reasons = shared_pass ? std::move(reasons[placed + n])
                                           : rec_.reasonsFor(user, promo.items.front(), 1);
    promo.reason = promo_reasons.empty() ? std::string() : promo_reasons.front().text;
    plan.promotions.push_back(std::move(promo));
  }
  plan.compute_us =
      std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
  plan.compute_cpu_us = threadCpuMicroseconds() - cpu_start;
  return plan;
}

std::vector<ShelfPlanner::Anchor> ShelfPlanner::recentAnchors(const UserContext& user) const {
  // Newest first: what the shopper dwelt on, picked up, tried on, carted or bought this visit is
  // what a shop assistant builds the next look around.
  constexpr size_t kScan = 64, kMax = 8;
  std::vector<Anchor> out;
  const auto items = static_cast<size_t>(rec_.data().numItems());
  size_t scanned = 0;
  for (auto e = user.events.rbegin(); e != user.events.rend() && scanned < kScan; ++e, ++scanned) {
    const char* verb = nullptr;
    switch (e->type) {
      case EventType::GazeDwell:
        verb = "you looked at";
        break;
      case EventType::PickUp:
        verb = "you picked up";
        break;
      case EventType::TryOn:
        verb = "you tried on";
        break;
      case EventType::AddToCart:
        verb = "in your bag";
        break;
      case EventType::Purchase:
        verb = "you bought";
        break;
      default:
        break;
    }
    if (verb == nullptr || e->item < 0 || static_cast<size_t>(e->item) >= items) continue;
    if (outfits_->slotOf(e->item) == OutfitSlot::None) continue;
    const bool seen =
        std::any_of(out.begin(), out.end(), [&](const Anchor& a) { return a.item == e->item; });
    if (seen) continue;
    out.push_back({e->item, "the " + rec_.data().itemName(e->item) + " " + verb});
    if (out.size() == kMax) break;
  }
  return out;
}

void ShelfPlanner::planOutfits(const UserContext& user,
                               const std::vector<std::vector<Candidate>>& fitting,
                               std::span<const float> z, std::span<const SlotState> state,
                               const std::vector<uint8_t>& excluded, std::vector<uint8_t>& used,
                               std::vector<PlannedSlot>& out, std::vector<Reason>& pairing,
                               const PlanOptions& options) const {
  // Group mannequin slots; the "top" role leads the look when no anchor does.
  std::map<std::string, std::vector<size_t>> mannequins;
  for (size_t s = 0; s < slots_.size(); ++s) {
    if (!slots_[s].outfit_role.empty() && out[s].item < 0 && !out[s].held) {
      mannequins[slots_[s].group].push_back(s);
    }
  }
  if (mannequins.empty()) return;
  std::vector<Anchor> anchors = recentAnchors(user);
  std::vector<uint8_t> anchor_taken(anchors.size(), 0);
  // Pair weight against the guide's z-scores: a look that holds together beats a slightly
  // better-liked piece that clashes, but a disliked piece does not ride in on a good pairing.
  constexpr float kPair = 0.5f;
  constexpr float kBound = kPair * OutfitBuilder::kMaxPairScore;
  constexpr float kWearAnchor = 1.0f;  // wearing the piece they engaged with is the point
  for (auto& [group, members] : mannequins) {
    std::stable_sort(members.begin(), members.end(), [&](size_t a, size_t b) {
      return (slots_[a].outfit_role == "top") > (slots_[b].outfit_role == "top");
    });
    // This mannequin's anchor: the newest engaged piece that one of its slots takes (so it is
    // of the mannequin's gender and kind). Worn when free; when it is already on show elsewhere
    // the look is still built to go with it.
    int32_t anchor = -1;
    size_t anchor_slot = SIZE_MAX;
    std::string anchor_phrase;
    for (size_t a = 0; a < anchors.size() && anchor < 0; ++a) {
      if (anchor_taken[a]) continue;
      for (size_t s : members) {
        if (!fits(s, anchors[a].item)) continue;
        anchor = anchors[a].item;
        anchor_phrase = anchors[a].phrase;
        anchor_taken[a] = 1;
        const auto i = static_cast<size_t>(anchor);
        if (!used[i] && !excluded[i]) anchor_slot = s;
        break;
      }
    }
    const auto lookValue = [&](int32_t lead, int32_t item) {
      float v = z[static_cast<size_t>(item)];
      if (lead >= 0 && lead != item) v += kPair * outfits_->pairScore(lead, item);
      if (item == anchor) v += kWearAnchor;
      return v;
    };
    // The current look's value against the same anchor, kept unless the new look is clearly
    // better (no flicker).
    float current_value = 0.0f;
    bool current_valid = true;
    for (size_t s : members) {
      const int32_t cur = s < state.size() ? state[s].item : -1;
      if (cur < 0 || used[static_cast<size_t>(cur)] || excluded[static_cast<size_t>(cur)] ||
          !fits(s, cur)) {
        current_valid = false;
        break;
      }
    }
    if (current_valid) {
      const int32_t lead = anchor >= 0 ? anchor : state[members.front()].item;
      for (size_t s : members) current_value += lookValue(lead, state[s].item);
    }
    std::vector<int32_t> look(members.size(), -1);
    float value = 0.0f;
    int32_t lead = anchor;
    for (size_t n = 0; n < members.size(); ++n) {
      const size_t s = members[n];
      int32_t best = -1;
      float best_score = -INFINITY;
      if (s == anchor_slot) {
        best = anchor;
        best_score = lookValue(lead, anchor);
      } else {
        for (const auto& c : fitting[rule_class_[s]]) {
          // Best first by z, and the pairing adds at most kBound: nothing later can win.
          if (c.z + (lead >= 0 ? kBound : 0.0f) <= best_score) break;
          if (used[static_cast<size_t>(c.item)] || c.item == anchor) continue;
          if (std::find(look.begin(), look.end(), c.item) != look.end()) continue;
          const float v = lookValue(lead, c.item);
          if (v > best_score) {
            best_score = v;
            best = c.item;
          }
        }
        if (best < 0) {
          best = bestOutsidePool(s, z, excluded, used, &look);
          if (best >= 0) best_score = lookValue(lead, best);
        }
      }
      look[n] = best;
      if (best < 0) continue;
      value += best_score;
      if (lead < 0) lead = best;
    }
    const bool keep =
        current_valid &&
        current_value + options.change_margin * static_cast<float>(members.size()) >= value;
    const int32_t worn_lead = keep ? (anchor >= 0 ? anchor : state[members.front()].item) : lead;
    const std::string lead_phrase =
        worn_lead == anchor && anchor >= 0 ? anchor_phrase : std::string();
    for (size_t n = 0; n < members.size(); ++n) {
      const size_t s = members[n];
      const int32_t item = keep ? state[s].item : look[n];
      if (item < 0) continue;
      used[static_cast<size_t>(item)] = 1;
      out[s].item = item;
      // Why this piece is in the look: what it goes with, said of the pairing itself.
      if (worn_lead >= 0 && item != worn_lead) {
        std::string why;
        const float pair = outfits_->pairScore(worn_lead, item, &why, lead_phrase);
        if (!why.empty() && pair > 0.0f) pairing[s] = {why, 1.0f + pair, "outfit"};
      } else if (item == anchor && !anchor_phrase.empty()) {
        pairing[s] = {"the look is built around " + anchor_phrase, 2.0f, "outfit"};
      }
    }
  }
}

std::vector<std::pair<int32_t, float>> ShelfPlanner::showcaseRanking(
    std::span<const float> z, const std::vector<uint8_t>& blocked,
    const PlanOptions& options) const {
  return trending_->rerank(z, blocked, options.showcase_personal, options.showcase_pool);
}

void ShelfPlanner::planShowcase(const UserContext& user, std::span<const float> z,
                                std::span<const SlotState> state,
                                const std::vector<uint8_t>& excluded, std::vector<uint8_t>& used,
                                std::vector<PlannedSlot>& out, std::vector<Reason>& lead,
                                const PlanOptions& options) const {
  std::vector<size_t> stage;  // the stage's free slots
  for (size_t s = 0; s < slots_.size(); ++s) {
    if (!slots_[s].showcase) continue;
    if (out[s].item < 0 && !out[s].held) {
      stage.push_back(s);
    } else if (out[s].item >= 0 && trending_->score(out[s].item) > 0.0f) {
      lead[s] = {trending_->reason(out[s].item), 2.0f, "trending"};  // held in view: still says so
    }
  }
  if (stage.empty()) return;
  std::vector<uint8_t> blocked = excluded;
  for (size_t i = 0; i < blocked.size(); ++i) blocked[i] |= used[i];
  const auto ranking = showcaseRanking(z, blocked, options);
  // The stage-full on show now: the rotation's turn, of the ranking's first `rounds` stage-fulls
  // (fewer when the ranking is short).
  const size_t rounds =
      std::max<size_t>(1, std::min(options.showcase_rounds, ranking.size() / stage_size_));
  const int64_t period = std::max<int64_t>(1, options.showcase_rotation_s);
  const size_t turn = static_cast<size_t>(std::max<int64_t>(0, user.now) / period) % rounds;
  std::vector<int32_t> showing;
  for (size_t n = turn * stage_size_; n < ranking.size() && showing.size() < stage.size(); ++n) {
    const int32_t item = ranking[n].first;
    // Stage slots take every kind in the default store; a narrower one skips what it can't hold.
    if (fits(stage[showing.size()], item)) showing.push_back(item);
  }
  // A piece already on its plinth stays there (no shuffling between plinths).
  std::vector<int32_t> placed(stage.size(), -1);
  for (size_t k = 0; k < stage.size(); ++k) {
    const int32_t cur = stage[k] < state.size() ? state[stage[k]].item : -1;
    const auto it = std::find(showing.begin(), showing.end(), cur);
    if (cur >= 0 && it != showing.end()) {
      placed[k] = cur;
      *it = -1;
    }
  }
  size_t next = 0;
  for (size_t k = 0; k < stage.size(); ++k) {
    while (placed[k] < 0 && next < showing.size()) {
      if (showing[next] >= 0) placed[k] = showing[next];
      ++next;
    }
  }
  for (size_t k = 0; k < stage.size(); ++k) {
    if (placed[k] < 0) continue;
    used[static_cast<size_t>(placed[k])] = 1;
    out[stage[k]].item = placed[k];
    lead[stage[k]] = {trending_->reason(placed[k]), 2.0f, "trending"};
  }
}

}  // namespace vrmall::rec
