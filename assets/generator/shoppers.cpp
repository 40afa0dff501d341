#include "shoppers.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "csv.h"
#include "rng.h"

namespace storegen {

const std::vector<Persona>& personas() {
  static const std::vector<Persona> all = {
      {"street_student",
       "Budget streetwear student",
       0.16,
       0.45,
       {{"street", 3}, {"casual", 1.5}, {"sporty", 1}},
       {"black", "grey", "white", "olive", "lime", "red", "charcoal"},
       45,
       {{"hoodie", 3},
        {"t-shirt", 2.5},
        {"joggers", 2},
        {"cargo", 2},
        {"sneakers", 3},
        {"cap", 2},
        {"bucket hat", 1.5},
        {"backpack", 2},
        {"bomber", 1.5},
        {"beanie", 1}},
       ""},
      {"office_formal",
       "Formal office worker",
       0.14,
       0.4,
       {{"formal", 3}, {"minimalist", 1.5}},
       {"navy", "charcoal", "white", "grey", "sky blue", "black"},
       150,
       {{"shirt", 3},
        {"blouse", 2},
        {"tailored", 3},
        {"blazer", 2.5},
        {"loafers", 2},
        {"pencil skirt", 1.5},
        {"dress", 2},
        {"shoulder bag", 1.5},
        {"chronograph", 1},
        {"midi dress", 1}},
       ""},
      {"boho_summer",
       "Boho summer shopper",
       0.13,
       0.9,
       {{"boho", 3}, {"casual", 1.5}},
       {"cream", "rust", "mustard", "terracotta", "sage", "coral", "ivory"},
       75,
       {{"maxi dress", 3},
        {"maxi skirt", 2.5},
        {"blouse", 2},
        {"sandals", 2.5},
        {"sun hat", 2.5},
        {"tote", 2},
        {"round", 1.5},
        {"wide-leg", 1.5},
        {"tank top", 1},
        {"shirt", 1}},
       "summer"},
      {"sporty_runner",
       "Sporty runner",
       0.13,
       0.5,
       {{"sporty", 3}, {"street", 1}},
       {"black", "cobalt", "lime", "red", "sky blue", "white", "teal"},
       85,
       {{"running", 3.5},
        {"joggers", 2.5},
        {"tank top", 2},
        {"t-shirt", 1.5},
        {"smartwatch", 2.5},
        {"cap", 2},
        {"backpack", 1.5},
        {"shorts", 2},
        {"puffer", 1},
        {"hoodie", 1}},
       ""},
      {"minimalist_pro",
       "Minimalist professional",
       0.12,
       0.7,
       {{"minimalist", 3}, {"formal", 1.5}, {"casual", 0.5}},
       {"black", "white", "beige", "camel", "grey", "ivory"},
       190,
       {{"trench coat", 2.5},
        {"sweater", 2.5},
        {"tailored", 2},
        {"midi skirt", 1.5},
        {"midi dress", 1.5},
        {"tote", 2},
        {"ankle boots", 2},
        {"dress", 1.5},
        {"reading", 1},
        {"wide-leg", 1}},
       ""},
      {"evening_occasion",
       "Evening and occasion shopper",
       0.1,
       0.85,
       {{"evening", 3}, {"formal", 1}},
       {"black", "burgundy", "emerald", "gold", "champagne", "navy", "silver"},
       220,
       {{"slip dress", 3},
        {"mini dress", 2},
        {"maxi dress", 1.5},
        {"heels", 3},
        {"clutch", 3},
        {"cat-eye", 1.5},
        {"blazer", 1},
        {"pleated skirt", 1},
        {"dress", 1}},
       ""},
      {"weekend_outdoor",
       "Weekend outdoors parent",
       0.12,
       0.35,
       {{"casual", 3}, {"sporty", 1}},
       {"olive", "khaki", "navy", "brown", "forest green", "denim blue"},
       100,
       {{"parka", 2.5},
        {"chinos", 2.5},
        {"jeans", 2},
        {"boots", 2.5},
        {"backpack", 2},
        {"field", 2},
        {"denim jacket", 2},
        {"beanie", 1.5},
        {"polo", 1.5},
        {"sweater", 1.5}},
       "autumn"},
      {"luxury_collector",
       "Luxury accessories collector",
       0.1,
       0.5,
       {{"formal", 1.5}, {"evening", 1.5}, {"minimalist", 1.5}, {"casual", 0.5}},
       {"black", "brown", "gold", "silver", "camel", "chocolate"},
       420,
       {{"diver", 3},
        {"chronograph", 3},
        {"dress", 2},
        {"shoulder bag", 3},
        {"aviator", 2.5},
        {"sunglasses", 2},
        {"loafers", 1.5},
        {"fedora", 1}},
       ""},
  };
  return all;
}

namespace {

constexpr size_t kShoppers = 320;
constexpr int64_t kStart = 1788220800;  // 2026-09-01T00:00:00Z
constexpr int64_t kDays = 61;

bool wearable_by(const Product& p, const Shopper& u) {
  return p.gender == "unisex" || p.gender == u.gender;
}

bool fits(const Product& p, const Shopper& u) {
  if (p.l1 == "shoes") return true;  // shoe sizes are not part of the avatar
  return std::find(p.sizes.begin(), p.sizes.end(), u.size) != p.sizes.end() ||
         p.sizes == std::vector<std::string>{"one-size"};
}

// How much this shopper likes the product, in log-odds-like units.
double affinity(const Product& p, const Shopper& u, const Persona& persona) {
  const auto kind = persona.kinds.find(p.l2);
  double s = std::log((kind != persona.kinds.end() ? kind->second : 0.0) + 0.25);
  double style = 0;
  for (const auto& st : p.styles) {
    const auto it = persona.styles.find(st);
    if (it != persona.styles.end()) style = std::max(style, it->second / 3.0);
  }
  s += 1.6 * style - 0.6;
  if (std::find(u.colours.begin(), u.colours.end(), p.colour) != u.colours.end()) s += 0.9;
  const double d = std::log(p.price / u.budget);
  s -= d > 0 ? 2.2 * d * d : 0.35 * d * d;
  if (!persona.season.empty() &&
      std::find(p.seasons.begin(), p.seasons.end(), persona.season) != p.seasons.end())
    s += 0.35;
  return s;
}

double sigmoid(double x) {
  return 1.0 / (1.0 + std::exp(-x));
}

}  // namespace

Shoppers simulate_shoppers(const std::vector<Product>& products, uint64_t seed) {
  Shoppers out;
  Rng rng(seed, "shoppers");
  std::vector<double> shares;
  for (const auto& p : personas()) shares.push_back(p.share);
  for (size_t n = 0; n < kShoppers; ++n) {
    Shopper u;
    char id[16];
    std::snprintf(id, sizeof id, "U%04zu", n + 1);
    u.id = id;
    u.persona = rng.weighted(shares);
    const Persona& persona = personas()[u.persona];
    u.gender = rng.chance(persona.women) ? "women" : "men";
    const bool woman = u.gender == "women";
    u.height_cm = static_cast<int>(std::lround((woman ? 165.0 : 178.0) + 7.0 * rng.normal()));
    const std::vector<std::string> builds =
        woman ? std::vector<std::string>{"slim", "average", "average", "athletic", "curvy"}
              : std::vector<std::string>{"slim", "average", "average", "athletic", "broad"};
    u.build = rng.pick(builds);
    const std::vector<std::string> sizes =
        woman ? std::vector<std::string>{"XS", "S", "S", "M", "M", "M", "L", "L", "XL"}
              : std::vector<std::string>{"S", "M", "M", "L", "L", "L", "XL", "XL", "XXL"};
    u.size = rng.pick(sizes);
    u.skin_tone = rng.pick(
        std::vector<std::string>{"light", "fair", "medium", "olive", "tan", "brown", "deep"});
    // The persona's leading style always; a second one sometimes.
    std::vector<std::pair<double, std::string>> ranked;
    for (const auto& [style, w] : persona.styles) ranked.push_back({-w, style});
    std::sort(ranked.begin(), ranked.end());
    u.styles = {ranked[0].second};
    if (ranked.size() > 1 && rng.chance(0.5)) u.styles.push_back(ranked[1].second);
    u.colours = persona.colours;
    rng.shuffle(u.colours);
    u.colours.resize(4);  // each shopper favours four of the persona's colours
    u.budget = std::round(persona.budget * std::exp(0.25 * rng.normal()));
    out.users.push_back(u);
  }

  size_t sequence = 0;
  for (size_t ui = 0; ui < out.users.size(); ++ui) {
    const Shopper& u = out.users[ui];
    const Persona& persona = personas()[u.persona];
    Rng r(seed, "sessions", ui);
    std::vector<size_t> eligible;
    std::vector<double> weights, scores;
    for (size_t i = 0; i < products.size(); ++i) {
      if (!wearable_by(products[i], u)) continue;
      const double a = affinity(products[i], u, persona);
      eligible.push_back(i);
      scores.push_back(a);
      weights.push_back(std::exp(1.5 * a));
    }
    const size_t sessions = 2 + r.below(5);
    std::vector<int64_t> starts;
    for (size_t s = 0; s < sessions; ++s)
      starts.push_back(kStart +
                       static_cast<int64_t>(r.below(static_cast<size_t>(kDays * 86400 - 7200))));
    std::sort(starts.begin(), starts.end());
    for (int64_t t : starts) {
      const size_t browses = 6 + r.below(13);
      std::vector<size_t> cart;
      for (size_t b = 0; b < browses; ++b) {
        const size_t k = r.chance(0.12) ? r.below(eligible.size())
                                        : r.weighted(weights);  // some wander off-taste
        const Product& p = products[eligible[k]];
        const double a = scores[k];
        const auto emit = [&](const std::string& type, const std::string& value) {
          out.events.push_back({ui, p.id, t, type, value, sequence++});
        };
        const double dwell =
            std::min(15000.0, (500.0 + 2600.0 * sigmoid(a)) * std::exp(0.45 * r.normal()));
        emit("gaze_dwell", std::to_string(std::lround(dwell)));
        t += 4 + static_cast<int64_t>(r.below(30));
        if (!r.chance(0.08 + 0.5 * sigmoid(a - 0.5))) continue;
        emit("pick_up", "");
        t += 3 + static_cast<int64_t>(r.below(12));
        bool tried = false;
        const bool wearable = p.l1 != "bags" && p.l1 != "watches" && p.l1 != "glasses";
        if (fits(p, u) && r.chance(wearable ? 0.55 : 0.3)) {
          emit("try_on", "");
          tried = true;
          t += (wearable ? 60 : 15) + static_cast<int64_t>(r.below(wearable ? 180 : 40));
        }
        const double over = std::max(0.0, std::log(p.price / u.budget));
        if (fits(p, u) &&
            r.chance((tried ? 0.45 : 0.15) * sigmoid(a) * std::exp(-1.5 * over) * 1.6)) {
          emit("add_to_cart", "");
          cart.push_back(eligible[k]);
          t += 5 + static_cast<int64_t>(r.below(20));
        }
      }
      t += 60 + static_cast<int64_t>(r.below(180));  // the walk to the till
      for (size_t i : cart) {
        out.popularity[products[i].id] += 1.0;
        if (!r.chance(0.7)) continue;
        out.events.push_back({ui, products[i].id, t, "purchase", "", sequence++});
        out.popularity[products[i].id] += 2.0;
      }
    }
  }
  std::stable_sort(out.events.begin(), out.events.end(), [](const Event& a, const Event& b) {
    return a.timestamp != b.timestamp ? a.timestamp < b.timestamp : a.sequence < b.sequence;
  });
  return out;
}

std::string users_csv(const Shoppers& s) {
  std::string out = "USER_ID,HEIGHT_CM,BUILD,SIZE,SKIN_TONE,GENDER,STYLE,BUDGET\n";
  for (const auto& u : s.users) {
    char budget[32];
    std::snprintf(budget, sizeof budget, "%.0f", u.budget);
    out += csv_row({u.id, std::to_string(u.height_cm), u.build, u.size, u.skin_tone, u.gender,
                    join(u.styles), budget});
  }
  return out;
}

std::string interactions_csv(const Shoppers& s) {
  std::string out = "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n";
  for (const auto& e : s.events)
    out += csv_row({s.users[e.user].id, e.item, std::to_string(e.timestamp), e.type, e.value});
  return out;
}

std::string personas_csv(const Shoppers& s) {
  std::string out = "USER_ID,PERSONA\n";
  for (const auto& u : s.users) out += csv_row({u.id, personas()[u.persona].id});
  return out;
}

}  // namespace storegen
