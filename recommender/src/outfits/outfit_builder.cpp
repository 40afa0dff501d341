#include "vrmall/rec/outfits/outfit_builder.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <set>

#include "vrmall/rec/data/size_match.h"
#include "vrmall/rec/data/text_util.h"

namespace vrmall::rec {
namespace {

uint64_t pairKey(int32_t a, int32_t b) {
  if (a > b) std::swap(a, b);
  return (static_cast<uint64_t>(static_cast<uint32_t>(a)) << 32) | static_cast<uint32_t>(b);
}

// The slots a look around an anchor still needs, in the order they are filled.
std::vector<OutfitSlot> slotsToFill(OutfitSlot anchor, bool outer) {
  std::vector<OutfitSlot> s;
  switch (anchor) {
    case OutfitSlot::Top:
      s = {OutfitSlot::Bottom};
      break;
    case OutfitSlot::Bottom:
      s = {OutfitSlot::Top};
      break;
    case OutfitSlot::OnePiece:
      break;
    default:
      s = {OutfitSlot::Top, OutfitSlot::Bottom};  // a dress may stand in for both (see below)
      break;
  }
  if (outer && anchor != OutfitSlot::Outer) s.push_back(OutfitSlot::Outer);
  for (OutfitSlot x : {OutfitSlot::Shoes, OutfitSlot::Bag, OutfitSlot::Accessory}) {
    if (x != anchor) s.push_back(x);
  }
  return s;
}

constexpr size_t kPool = 24;  // candidates per slot kept for the search
constexpr size_t kBeam = 12;

}  // namespace

OutfitBuilder::OutfitBuilder(const Dataset& data) : data_(data) {
  const AttributeTable& t = data.item_attributes;
  const auto n = static_cast<size_t>(data.numItems());
  colourColumn_ = t.column("COLOR");
  styleColumn_ = t.column("STYLE");
  seasonColumn_ = t.column("SEASON");
  const Column* gender = t.column("GENDER");
  if (gender != nullptr) {
    if (const auto u = gender->findCode("unisex")) unisex_ = *u;
  }
  // Colour harmony between every pair of the catalogue's colours, once.
  if (colourColumn_ != nullptr && colourColumn_->isBag()) {
    colours_ = colourColumn_->dictionary.size();
    harmony_.assign(colours_ * colours_, 0.0f);
    for (size_t x = 0; x < colours_; ++x) {
      for (size_t y = 0; y < colours_; ++y) {
        harmony_[x * colours_ + y] =
            colourHarmony(colourColumn_->dictionary[x], colourColumn_->dictionary[y]);
      }
    }
  }
  const auto bits = [&](const Column* c, int32_t row) {
    uint32_t out = 0;
    if (c == nullptr || !c->isBag()) return out;
    const auto [b0, e0] = c->bag(row);
    for (const int32_t* p = b0; p != e0; ++p) {
      if (*p >= 0 && *p < 32) out |= 1U << *p;
    }
    return out;
  };
  items_.resize(n);
  bySlot_.resize(static_cast<size_t>(OutfitSlot::None) + 1);
  for (size_t i = 0; i < n; ++i) {
    const auto row = static_cast<int32_t>(i);
    ItemInfo& info = items_[i];
    info.slot =
        slotOfCategory(toLower(t.value(row, "CATEGORY_L1")), toLower(t.value(row, "CATEGORY_L2")));
    info.colour =
        colourColumn_ != nullptr && colourColumn_->isBag() ? colourColumn_->first(row) : -1;
    info.styles = bits(styleColumn_, row);
    info.seasons = bits(seasonColumn_, row);
    info.gender = gender != nullptr && gender->isBag() ? gender->first(row) : -1;
    int formality = 0;
    if (styleColumn_ != nullptr) {
      for (size_t c = 0; c < styleColumn_->dictionary.size() && c < 32; ++c) {
        if (info.styles & (1U << c)) formality += styleFormality(styleColumn_->dictionary[c]);
      }
    }
    info.formality = static_cast<int8_t>(std::clamp(formality, -1, 1));
    info.price = parseNumber(t.value(row, "PRICE")).value_or(0.0);
    bySlot_[static_cast<size_t>(info.slot)].push_back(row);
  }
  // What each shopper chose (bought, carted, tried on, picked up): pairs of them.
  chosen_.assign(n, 0.0f);
  std::unordered_map<int32_t, std::set<int32_t>> byShopper;
  for (const Interaction& e : data.events) {
    if (e.item < 0 || static_cast<size_t>(e.item) >= n) continue;
    if (e.type == EventType::Purchase || e.type == EventType::AddToCart ||
        e.type == EventType::TryOn || e.type == EventType::PickUp) {
      byShopper[e.user].insert(e.item);
    }
  }
  for (const auto& [user, chosen] : byShopper) {
    shoppers_ += 1.0f;
    std::vector<int32_t> v(chosen.begin(), chosen.end());
    if (v.size() > 40) v.resize(40);  // a very busy shopper says little about pairs
    for (int32_t i : v) chosen_[static_cast<size_t>(i)] += 1.0f;
    for (size_t a = 0; a < v.size(); ++a) {
      for (size_t b = a + 1; b < v.size(); ++b) {
        if (items_[static_cast<size_t>(v[a])].slot != items_[static_cast<size_t>(v[b])].slot) {
          together_[pairKey(v[a], v[b])] += 1.0f;
        }
      }
    }
  }
}

float OutfitBuilder::coPurchase(int32_t a, int32_t b) const {
  const auto it = together_.find(pairKey(a, b));
  if (it == together_.end() || shoppers_ <= 0.0f) return 0.0f;
  // Lift over chance, damped for pairs seen a few times only.
  const float expected =
      chosen_[static_cast<size_t>(a)] * chosen_[static_cast<size_t>(b)] / shoppers_;
  const float lift = std::log((it->second + 0.5f) / (expected + 0.5f));
  return std::clamp(lift, -1.0f, 2.0f) * (it->second / (it->second + 2.0f));
}

std::string OutfitBuilder::colourName(int32_t item) const {
  const int32_t c = items_[static_cast<size_t>(item)].colour;
  return c >= 0 && colourColumn_ != nullptr ? colourColumn_->dictionary[static_cast<size_t>(c)]
                                            : std::string();
}

std::string OutfitBuilder::firstShared(uint32_t bits, const Column* column) const {
  if (column == nullptr) return "";
  for (size_t c = 0; c < column->dictionary.size() && c < 32; ++c) {
    if (bits & (1U << c)) return column->dictionary[c];
  }
  return "";
}

float OutfitBuilder::pairScore(int32_t a, int32_t b, std::string* reason,
                               const std::string& anchorPhrase) const {
  const ItemInfo& x = items_[static_cast<size_t>(a)];
  const ItemInfo& y = items_[static_cast<size_t>(b)];
  // The look's terms: one style, colours that go together, one season, one formality, and what
  // the store's shoppers chose together.
  const uint32_t style = x.styles & y.styles;
  const float styleTerm = style != 0 ? 1.0f : 0.0f;
  const float colourTerm =
      x.colour >= 0 && y.colour >= 0
          ? 0.8f *
                harmony_[static_cast<size_t>(x.colour) * colours_ + static_cast<size_t>(y.colour)]
          : 0.0f;
  const uint32_t season = x.seasons & y.seasons;
  float seasonTerm = 0.0f;
  if (season != 0) {
    seasonTerm = std::popcount(x.seasons) <= 2 && std::popcount(y.seasons) <= 2 ? 0.5f : 0.2f;
  } else if (x.seasons != 0 && y.seasons != 0) {
    seasonTerm = -0.6f;  // a summer piece with a winter one
  }
  const float formalityTerm =
      x.formality != 0 && y.formality != 0 ? (x.formality == y.formality ? 0.3f : -0.6f) : 0.0f;
  const float together = 0.8f * coPurchase(a, b);
  // A women's piece with a men's one is no look.
  const bool clash = x.gender >= 0 && y.gender >= 0 && x.gender != y.gender &&
                     x.gender != unisex_ && y.gender != unisex_;
  const float s = styleTerm + colourTerm + seasonTerm + formalityTerm + std::max(0.0f, together) -
                  (clash ? 5.0f : 0.0f);
  if (reason != nullptr) {
    const std::string other = anchorPhrase.empty() ? "the " + data_.itemName(a) : anchorPhrase;
    std::vector<std::pair<float, std::string>> reasons;
    if (styleTerm > 0)
      reasons.emplace_back(styleTerm, "both " + firstShared(style, styleColumn_) + " style");
    if (colourTerm > 0.15f) reasons.emplace_back(colourTerm, colourName(b) + " goes with " + other);
    if (seasonTerm > 0.15f) {
      reasons.emplace_back(seasonTerm, "both for " + firstShared(season, seasonColumn_));
    }
    if (together > 0.15f)
      reasons.emplace_back(together, "shoppers who chose " + other + " chose it too");
    // The two strongest, strongest first: "both street style; navy goes with ...".
    std::sort(reasons.begin(), reasons.end(), std::greater<>());
    reason->clear();
    for (size_t r = 0; r < reasons.size() && r < 2; ++r) {
      *reason += (r ? "; " : "") + reasons[r].second;
    }
  }
  return s;
}

bool OutfitBuilder::suits(int32_t item, const UserContext& shopper) const {
  const auto g = shopper.attributes.find("GENDER");
  if (g != shopper.attributes.end() && !g->second.empty()) {
    const std::string gender = toLower(data_.item_attributes.value(item, "GENDER"));
    if (!gender.empty() && gender != "unisex" && gender != toLower(g->second)) return false;
  }
  return fitsShopper(item, shopper);
}

bool OutfitBuilder::fitsShopper(int32_t item, const UserContext& shopper) const {
  const ItemInfo& info = items_[static_cast<size_t>(item)];
  const SizeMatch m = matchSize(data_.item_attributes.column("SIZES"), item, shopper.attributes);
  if (!m.fits) return false;
  const auto b = shopper.attributes.find("BUDGET");
  if (b != shopper.attributes.end()) {
    const auto budget = parseNumber(b->second);
    if (budget && *budget > 0 && info.price > *budget) return false;
  }
  return true;
}

// How the shopper met the item: "the khaki chinos you picked up", "the floral dress you looked
// at", else "the <name>".
std::string OutfitBuilder::describe(int32_t item, const UserContext& shopper) const {
  std::string verb;
  for (auto it = shopper.events.rbegin(); it != shopper.events.rend() && verb.empty(); ++it) {
    if (it->item != item) continue;
    switch (it->type) {
      case EventType::Purchase:
        verb = "you bought";
        break;
      case EventType::TryOn:
        verb = "you tried on";
        break;
      case EventType::PickUp:
        verb = "you picked up";
        break;
      case EventType::AddToCart:
        verb = "in your cart";
        break;
      case EventType::GazeDwell:
      case EventType::View:
        verb = "you looked at";
        break;
      default:
        break;
    }
  }
  const std::string colour = colourName(item);
  std::string name = toLower(data_.itemName(item));
  if (!colour.empty() && name.find(colour) == std::string::npos) name = colour + " " + name;
  return "the " + name + (verb.empty() ? "" : " " + verb);
}

std::vector<Outfit> OutfitBuilder::complete(int32_t anchor, const UserContext& shopper,
                                            const OutfitOptions& options) const {
  std::vector<Outfit> out;
  if (anchor < 0 || static_cast<size_t>(anchor) >= items_.size()) return out;
  const OutfitSlot anchorSlot = items_[static_cast<size_t>(anchor)].slot;
  if (anchorSlot == OutfitSlot::None) return out;
  const std::string anchorPhrase = describe(anchor, shopper);
  // The shopper's preference, standardised, as a small pull within what goes together.
  std::vector<float> pref(items_.size(), 0.0f);
  if (options.preference.size() == items_.size()) {
    double mean = 0, sq = 0;
    for (float v : options.preference) mean += v;
    mean /= static_cast<double>(items_.size());
    for (float v : options.preference) sq += (v - mean) * (v - mean);
    const double sd = std::sqrt(sq / static_cast<double>(items_.size()));
    if (sd > 1e-9) {
      for (size_t i = 0; i < items_.size(); ++i) {
        pref[i] = std::clamp(static_cast<float>((options.preference[i] - mean) / sd), -2.0f, 2.0f);
      }
    }
  }
  // The look follows the anchor's gender when it has one (a women's shopper may build a look
  // around men's chinos); a unisex anchor follows the shopper's.
  const int32_t anchorGender = items_[static_cast<size_t>(anchor)].gender;
  const bool gendered = anchorGender >= 0 && anchorGender != unisex_;
  const auto usable = [&](int32_t item) {
    if (item == anchor) return false;
    if (options.exclude.size() == items_.size() && options.exclude[static_cast<size_t>(item)]) {
      return false;
    }
    if (!(gendered ? fitsShopper(item, shopper) : suits(item, shopper))) return false;
    return pairScore(anchor, item) > -1.0f;  // a men's piece with a women's one scores -5
  };
  // Per slot: the best candidates with the anchor (so the search stays small).
  std::vector<OutfitSlot> slots = slotsToFill(anchorSlot, options.outer);
  std::vector<std::vector<std::pair<float, int32_t>>> pools(slots.size());
  for (size_t s = 0; s < slots.size(); ++s) {
    for (int32_t item : bySlot_[static_cast<size_t>(slots[s])]) {
      if (!usable(item)) continue;
      pools[s].emplace_back(pairScore(anchor, item) + 0.3f * pref[static_cast<size_t>(item)], item);
    }
    std::sort(pools[s].begin(), pools[s].end(), std::greater<>());
    if (pools[s].size() > kPool) pools[s].resize(kPool);
  }
  // A dress can stand for top and bottom when the anchor is an outer layer, shoes, a bag or an
  // accessory: the search tries both shapes.
  std::vector<std::vector<OutfitSlot>> shapes = {slots};
  std::vector<std::vector<std::vector<std::pair<float, int32_t>>>> shapePools = {pools};
  if (anchorSlot != OutfitSlot::Top && anchorSlot != OutfitSlot::Bottom &&
      anchorSlot != OutfitSlot::OnePiece) {
    std::vector<OutfitSlot> dressShape;
    std::vector<std::vector<std::pair<float, int32_t>>> dressPools;
    dressShape.push_back(OutfitSlot::OnePiece);
    dressPools.emplace_back();
    for (int32_t item : bySlot_[static_cast<size_t>(OutfitSlot::OnePiece)]) {
      if (usable(item)) {
        dressPools.back().emplace_back(
            pairScore(anchor, item) + 0.3f * pref[static_cast<size_t>(item)], item);
      }
    }
    std::sort(dressPools.back().begin(), dressPools.back().end(), std::greater<>());
    if (dressPools.back().size() > kPool) dressPools.back().resize(kPool);
    for (size_t s = 0; s < slots.size(); ++s) {
      if (slots[s] == OutfitSlot::Top || slots[s] == OutfitSlot::Bottom) continue;
      dressShape.push_back(slots[s]);
      dressPools.push_back(pools[s]);
    }
    shapes.push_back(dressShape);
    shapePools.push_back(dressPools);
  }

  struct Partial {
    std::vector<int32_t> items;  // after the anchor, one per filled slot (-1: left empty)
    float score = 0.0f;
  };
  std::vector<Partial> finished;
  for (size_t sh = 0; sh < shapes.size(); ++sh) {
    std::vector<Partial> beam = {Partial{}};
    for (size_t s = 0; s < shapes[sh].size(); ++s) {
      std::vector<Partial> next;
      for (const Partial& p : beam) {
        // An outer layer is optional: a look without one is a candidate too.
        if (shapes[sh][s] == OutfitSlot::Outer) {
          Partial skip = p;
          skip.items.push_back(-1);
          next.push_back(skip);
        }
        for (const auto& [withAnchor, item] : shapePools[sh][s]) {
          float add = withAnchor;
          for (int32_t other : p.items) {
            if (other >= 0) add += pairScore(other, item);
          }
          Partial q = p;
          q.items.push_back(item);
          q.score += add;
          next.push_back(std::move(q));
        }
        if (shapePools[sh][s].empty() && shapes[sh][s] != OutfitSlot::Outer) {
          Partial q = p;  // nothing fits this slot: the look goes on without it
          q.items.push_back(-1);
          next.push_back(std::move(q));
        }
      }
      std::sort(next.begin(), next.end(),
                [](const Partial& a, const Partial& b) { return a.score > b.score; });
      if (next.size() > kBeam) next.resize(kBeam);
      beam = std::move(next);
    }
    for (Partial& p : beam) {
      // Per filled piece, the average pairing: a look of six is not better for being longer.
      size_t pieces = 1;
      for (int32_t i : p.items) pieces += i >= 0 ? 1 : 0;
      p.score /= static_cast<float>(pieces - 1 > 0 ? pieces - 1 : 1);
      finished.push_back(std::move(p));
    }
    // The shape each search was of is recovered from its items' slots below.
  }
  std::sort(finished.begin(), finished.end(),
            [](const Partial& a, const Partial& b) { return a.score > b.score; });

  // The best k that differ from each other in at least two pieces.
  std::vector<std::vector<int32_t>> taken;
  for (const Partial& p : finished) {
    if (out.size() >= options.k) break;
    bool distinct = true;
    size_t filled = 0;
    for (int32_t i : p.items) filled += i >= 0 ? 1 : 0;
    for (const auto& t : taken) {
      size_t same = 0;
      for (int32_t i : p.items) same += (i >= 0 && std::find(t.begin(), t.end(), i) != t.end());
      if (filled - same < 2 && filled > 0) distinct = false;
    }
    if (!distinct) continue;
    taken.push_back(p.items);
    Outfit o;
    o.score = p.score;
    OutfitPiece first;
    first.slot = anchorSlot;
    first.item = anchor;
    first.price = items_[static_cast<size_t>(anchor)].price;
    o.pieces.push_back(first);
    o.total_price = first.price;
    std::string sharedStyle;
    bool oneStyle = true;
    for (int32_t item : p.items) {
      if (item < 0) continue;
      OutfitPiece piece;
      piece.item = item;
      piece.slot = items_[static_cast<size_t>(item)].slot;
      piece.price = items_[static_cast<size_t>(item)].price;
      std::string why;
      pairScore(anchor, item, &why, anchorPhrase);
      if (!why.empty()) piece.reasons.push_back(why);
      const SizeMatch m =
          matchSize(data_.item_attributes.column("SIZES"), item, shopper.attributes);
      if (m.applies && m.fits && !m.size.empty()) {
        piece.reasons.push_back(piece.slot == OutfitSlot::Shoes
                                    ? "completes the look with shoes in your size " + m.size
                                    : "in your size " + m.size);
      }
      const uint32_t common =
          items_[static_cast<size_t>(anchor)].styles & items_[static_cast<size_t>(item)].styles;
      if (common == 0) {
        oneStyle = false;
      } else if (sharedStyle.empty()) {
        sharedStyle = firstShared(common, styleColumn_);
      }
      o.total_price += piece.price;
      o.pieces.push_back(std::move(piece));
    }
    if (oneStyle && !sharedStyle.empty()) o.reasons.push_back("one " + sharedStyle + " look");
    const auto b = shopper.attributes.find("BUDGET");
    if (b != shopper.attributes.end()) {
      const auto budget = parseNumber(b->second);
      if (budget && *budget > 0) {
        o.reasons.push_back("every piece within your budget of " +
                            std::to_string(static_cast<int>(*budget)));
      }
    }
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace vrmall::rec
