#include "vrmall/rec/intent/intent_search.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <sstream>

#include "vrmall/rec/data/text_util.h"
#include "vrmall/rec/intent/intent_lexicon.h"
#include "vrmall/rec/intent/intent_parser.h"

namespace vrmall::rec {
namespace {

std::string money(double v) {
  std::ostringstream s;
  s.setf(std::ios::fixed);
  s.precision(std::floor(v) == v ? 0 : 2);
  s << v;
  return s.str();
}

// The item's values of a bag column, lower-case.
std::vector<std::string> valuesOf(const AttributeTable& t, int32_t row, const char* column) {
  std::vector<std::string> out;
  for (std::string& v : splitCopy(t.value(row, column), '|')) {
    v = toLower(std::string(trim(v)));
    if (!v.empty()) out.push_back(std::move(v));
  }
  return out;
}

bool containsKey(const std::vector<std::string>& values, const std::string& wanted) {
  const std::string k = IntentParser::key(wanted);
  return std::any_of(values.begin(), values.end(),
                     [&](const std::string& v) { return IntentParser::key(v) == k; });
}

// What the hard constraints say about one item: empty when it passes, else the failed one.
struct Check {
  bool category = true, price = true, gender = true, size = true;
  bool passes() const { return category && price && gender && size; }
};

// "for a wedding", "for work", "for the beach".
std::string occasionPhrase(const std::string& occasion) {
  if (occasion == "work") return "right for work";
  if (occasion == "beach" || occasion == "gym") return "right for the " + occasion;
  return "right for a " + occasion;
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i)
    out += (i == 0 ? "" : i + 1 == v.size() ? " or " : ", ") + v[i];
  return out;
}

}  // namespace

std::string waistToLetter(double waist) {
  if (waist < 24 || waist > 44) return "";
  if (waist < 28) return "XS";
  if (waist < 30) return "S";
  if (waist < 33) return "M";
  if (waist < 36) return "L";
  if (waist < 39) return "XL";
  return "XXL";
}

SearchResults searchCatalogue(const Dataset& data, const ShoppingIntent& intent,
                              const SearchOptions& options) {
  SearchResults out;
  const AttributeTable& t = data.item_attributes;
  const int32_t items = data.numItems();
  std::vector<Check> checks(static_cast<size_t>(items));
  std::vector<float> soft(static_cast<size_t>(items), 0.0f);
  std::vector<std::vector<std::string>> reasons(static_cast<size_t>(items));
  // What the intent's words cover: "coat" the catalogue's coats, "blue" its blues.
  std::vector<std::string> wantedCategories = intent.categories;
  for (const std::string& c : intent.categories) {
    for (const std::string& f : categoryFamily(c)) wantedCategories.push_back(f);
    for (const std::string& f : categoryNames(c)) wantedCategories.push_back(f);
  }
  const OccasionPreference prefs =
      intent.occasion ? occasionPreference(*intent.occasion) : OccasionPreference{};
  for (int32_t i = 0; i < items; ++i) {
    Check& c = checks[static_cast<size_t>(i)];
    auto& why = reasons[static_cast<size_t>(i)];
    const std::string l1 = toLower(t.value(i, "CATEGORY_L1"));
    const std::string l2 = toLower(t.value(i, "CATEGORY_L2"));
    if (!intent.categories.empty()) {
      c.category = containsKey(wantedCategories, l1) || containsKey(wantedCategories, l2);
    }
    const auto price = parseNumber(t.value(i, "PRICE"));
    if (intent.price_max && (!price || *price > *intent.price_max)) c.price = false;
    if (intent.price_min && (!price || *price < *intent.price_min)) c.price = false;
    const std::string gender = toLower(t.value(i, "GENDER"));
    if (intent.gender && !gender.empty() && gender != *intent.gender && gender != "unisex") {
      c.gender = false;
    }
    std::string size = intent.size.value_or("");
    if (!size.empty()) {
      const std::vector<std::string> sizes = valuesOf(t, i, "SIZES");
      const bool oneSize = sizes.empty() || containsKey(sizes, "one-size");
      const auto n = parseNumber(size);
      // A waist asked for clothes sold in letter sizes: the letter it stands for.
      if (n && !containsKey(sizes, size) && !waistToLetter(*n).empty() &&
          (l1 == "trousers" || l1 == "tops" || l1 == "skirts" || l1 == "jackets")) {
        size = waistToLetter(*n);
      }
      c.size = oneSize || containsKey(sizes, size);
      if (c.size && !oneSize) why.push_back("in size " + size);
    }
    if (!c.passes()) continue;
    ++out.matched;
    float s = 0.0f;
    if (!intent.colors.empty()) {
      const std::vector<std::string> main = valuesOf(t, i, "COLOR");
      const std::vector<std::string> ways = valuesOf(t, i, "COLORWAYS");
      bool found = false;
      for (const std::string& wanted : intent.colors) {
        std::vector<std::string> shades = {wanted};
        for (const std::string& f : colorFamily(wanted)) shades.push_back(f);
        for (const std::string& col : shades) {
          if (containsKey(main, col)) {
            // The colour asked for, in the main colour or a colourway the shopper can pick, before
            // a near shade of it ("rust" for red).
            s += col == wanted ? 1.0f : 0.7f;
            why.push_back(col);
            found = true;
          } else if (containsKey(ways, col)) {
            s += col == wanted ? 0.9f : 0.6f;
            why.push_back("comes in " + col);
            found = true;
          }
          if (found) break;
        }
        if (found) break;
      }
    }
    if (!intent.materials.empty()) {
      const std::string material = toLower(t.value(i, "MATERIAL"));
      for (const std::string& m : intent.materials) {
        if (material.find(m) != std::string::npos) {
          s += 0.6f;
          why.push_back(material);
          break;
        }
      }
    }
    const std::vector<std::string> seasons = valuesOf(t, i, "SEASON");
    if (intent.season && containsKey(seasons, *intent.season)) {
      s += 0.6f;
      why.push_back("for " + *intent.season);
    }
    const std::vector<std::string> styles = valuesOf(t, i, "STYLE");
    if (intent.style && containsKey(styles, *intent.style)) {
      s += 0.8f;
      why.push_back(*intent.style + " style");
    }
    if (intent.occasion) {
      for (const std::string& st : prefs.styles) {
        if (containsKey(styles, st)) {
          s += 0.5f;
          why.push_back(occasionPhrase(*intent.occasion) + " (" + st + ")");
          break;
        }
      }
      for (const std::string& se : prefs.seasons) {
        if (containsKey(seasons, se)) {
          s += 0.3f;
          break;
        }
      }
    }
    // Refinements the catalogue has no column for: in the garment's name ("Floral Mini Skirt",
    // "Slim Chinos"), long ones by their cut.
    const std::string name = toLower(t.value(i, "NAME"));
    for (const std::string& m : intent.modifiers) {
      const bool cut = m == "long" && (l2.find("maxi") != std::string::npos ||
                                       l2 == "trench coat" || l2 == "parka");
      std::string word = m;
      if (word == "high-rise") word = "high-rise";
      if (cut || name.find(word) != std::string::npos) {
        s += 0.4f;
        why.push_back(m);
      }
    }
    if (price && (intent.price_max || intent.price_min)) {
      why.push_back(intent.price_max && intent.price_min ? "at " + money(*price)
                    : intent.price_max                   ? "under " + money(*intent.price_max)
                                                         : "over " + money(*intent.price_min));
    }
    soft[static_cast<size_t>(i)] = s;
  }

  if (out.matched == 0) {
    // Which constraint emptied the list: the one whose absence alone would let items through.
    const auto passesWithout = [&](const std::function<bool(const Check&)>& relaxed) {
      size_t n = 0;
      for (const Check& c : checks) n += relaxed(c) ? 1 : 0;
      return n;
    };
    // Said plainly: which wish the stock cannot meet, and what it has instead.
    const std::string what = intent.categories.empty() ? "items" : joined(intent.categories);
    std::vector<std::string> blockers;
    if (!intent.categories.empty() &&
        passesWithout([](const Check& c) { return c.price && c.gender && c.size; }) > 0 &&
        passesWithout([](const Check& c) { return c.category; }) == 0) {
      blockers.push_back("the catalogue has no " + what);
    }
    if ((intent.price_max || intent.price_min) &&
        passesWithout([](const Check& c) { return c.category && c.gender && c.size; }) > 0) {
      double cheapest = 1e18, dearest = 0;
      for (int32_t i = 0; i < items; ++i) {
        const Check& c = checks[static_cast<size_t>(i)];
        if (!(c.category && c.gender && c.size)) continue;
        if (const auto p = parseNumber(t.value(i, "PRICE"))) {
          cheapest = std::min(cheapest, *p);
          dearest = std::max(dearest, *p);
        }
      }
      const std::string wanted =
          intent.price_min && intent.price_max
              ? "at " + money(*intent.price_min) + "-" + money(*intent.price_max)
          : intent.price_max ? "under " + money(*intent.price_max)
                             : "over " + money(*intent.price_min);
      blockers.push_back(what + " here cost " + money(cheapest) + "-" + money(dearest) + ", none " +
                         wanted);
    }
    if (intent.size &&
        passesWithout([](const Check& c) { return c.category && c.price && c.gender; }) > 0) {
      blockers.push_back("none in size " + *intent.size);
    }
    if (intent.gender &&
        passesWithout([](const Check& c) { return c.category && c.price && c.size; }) > 0) {
      blockers.push_back("none for " + *intent.gender);
    }
    out.empty_reason = "nothing in stock matches";
    for (size_t b = 0; b < blockers.size(); ++b) {
      out.empty_reason += (b == 0 ? ": " : "; ") + blockers[b];
    }
    return out;
  }

  // Order: the intent's soft matches first, then the shopper's own scores (standardised over
  // the matching items, so they break ties and order near-ties without outvoting a colour).
  std::vector<int32_t> pool;
  for (int32_t i = 0; i < items; ++i) {
    if (checks[static_cast<size_t>(i)].passes()) pool.push_back(i);
  }
  std::vector<float> personal(static_cast<size_t>(items), 0.0f);
  if (options.personal.size() == static_cast<size_t>(items) && pool.size() > 1) {
    double mean = 0, sq = 0;
    for (int32_t i : pool) mean += options.personal[static_cast<size_t>(i)];
    mean /= static_cast<double>(pool.size());
    for (int32_t i : pool) {
      const double d = options.personal[static_cast<size_t>(i)] - mean;
      sq += d * d;
    }
    const double sd = std::sqrt(sq / static_cast<double>(pool.size()));
    if (sd > 1e-9) {
      for (int32_t i : pool) {
        personal[static_cast<size_t>(i)] =
            static_cast<float>((options.personal[static_cast<size_t>(i)] - mean) / sd);
      }
    }
  }
  std::vector<std::pair<float, int32_t>> ranked;
  for (int32_t i : pool) {
    // The shopper's order at most 0.2 either way: below any single wish the words state.
    const float p = std::clamp(personal[static_cast<size_t>(i)], -2.0f, 2.0f);
    ranked.emplace_back(soft[static_cast<size_t>(i)] + 0.1f * p, i);
  }
  const size_t k = std::min(options.k, ranked.size());
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(k), ranked.end(),
                    [](const auto& a, const auto& b) {
                      return a.first != b.first ? a.first > b.first : a.second < b.second;
                    });
  for (size_t r = 0; r < k; ++r) {
    const int32_t i = ranked[r].second;
    SearchHit hit;
    hit.item = i;
    hit.id = data.items.id(i);
    hit.name = data.itemName(i);
    hit.price = parseNumber(t.value(i, "PRICE")).value_or(0.0);
    hit.score = ranked[r].first;
    hit.reasons = reasons[static_cast<size_t>(i)];
    if (options.personal_reason) {
      const std::string extra = options.personal_reason(i);
      if (!extra.empty()) hit.reasons.push_back(extra);
    }
    out.hits.push_back(std::move(hit));
  }
  return out;
}

}  // namespace vrmall::rec
