// The guide in the store loop: shelf plans for the default store (assets/store) from live events.
#include <set>

#include "test_support.h"
#include "vrmall/rec/data/size_match.h"
#include "vrmall/rec/data/text_util.h"
#include "vrmall/rec/guide/guide_service.h"
#include "vrmall/rec/guide/shelf_planner.h"
#include "vrmall/rec/guide/store_layout.h"
#include "vrmall/rec/hybrid/hybrid_model.h"
#include "vrmall/rec/models/content_model.h"

namespace vrmall::rec {
namespace {

const std::string kStore = VRMALL_STORE_DIR;

std::shared_ptr<const Recommender> storeGuide() {
  static const auto guide = [] {
    Dataset data =
        loadDataset({kStore + "/interactions.csv", kStore + "/items.csv", kStore + "/users.csv"});
    TrainOptions o;
    o.tune = false;  // defaults: tuning is covered by the quality tests
    return std::make_shared<const Recommender>(Recommender::train(std::move(data), o));
  }();
  return guide;
}

std::string attr(const Recommender& r, int32_t item, const char* column) {
  return toLower(r.data().item_attributes.value(item, column));
}

// Share of For-you wall slots showing an item whose STYLE contains `style`.
double wallShare(const Recommender& r, const StoreSlots& store, const ShelfPlan& plan,
                 const std::string& style) {
  double n = 0, hit = 0;
  for (size_t s = 0; s < plan.slots.size(); ++s) {
    if (store.slots[s].group != "for-you" || plan.slots[s].item < 0) continue;
    ++n;
    hit += attr(r, plan.slots[s].item, "STYLE").find(style) != std::string::npos;
  }
  return n > 0 ? hit / n : 0.0;
}

class GuideTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kStore + "/layout.json"))
      GTEST_SKIP() << "assets/store not generated";
    rec = storeGuide();
    store = loadStoreSlots(kStore + "/layout.json", rec->data().items);
    options.promo_signs = store.promo_signs;
  }
  std::vector<int32_t> itemsWithStyle(const std::string& style, size_t n) {
    std::vector<int32_t> out;
    for (int32_t i = 0; i < rec->data().numItems() && out.size() < n; ++i) {
      if (attr(*rec, i, "STYLE").find(style) != std::string::npos) out.push_back(i);
    }
    return out;
  }
  std::shared_ptr<const Recommender> rec;
  StoreSlots store;
  PlanOptions options;
};

TEST_F(GuideTest, LayoutHasWallMannequinsAndSigns) {
  size_t wall = 0, outfit = 0;
  for (const auto& s : store.slots) (s.outfit_role.empty() ? wall : outfit) += 1;
  EXPECT_GE(wall, 12u);
  EXPECT_GE(outfit, 10u);
  EXPECT_FALSE(store.promo_signs.empty());
}

TEST_F(GuideTest, DwellingOnOneStyleMovesTheWallWithinOnePlan) {
  GuideService guide(rec, store.slots, UserContext{}, options);
  guide.setSlotState(store.state);
  guide.flush();
  const auto before = guide.latest();
  ASSERT_TRUE(before);
  const double share_before = wallShare(*rec, store, *before, "boho");
  int64_t t = 1'800'000'000;
  for (int32_t item : itemsWithStyle("boho", 5))
    guide.post({-1, item, t += 5, EventType::GazeDwell, 2500});
  guide.flush();
  const auto after = guide.latest();
  const double share_after = wallShare(*rec, store, *after, "boho");
  EXPECT_GT(share_after, share_before + 0.15) << share_before << " -> " << share_after;
  EXPECT_GE(share_after, 0.4);
  EXPECT_GT(after->version, before->version);
  bool gaze_reason = false;
  for (const auto& slot : after->slots) {
    for (const auto& r : slot.reasons)
      gaze_reason = gaze_reason || r.text.find("because you looked at") == 0;
  }
  EXPECT_TRUE(gaze_reason);
}

TEST_F(GuideTest, ItemsInViewAreNeverSwapped) {
  GuideService guide(rec, store.slots, UserContext{}, options);
  std::vector<SlotState> state = store.state;
  for (size_t s = 0; s < state.size(); s += 2) state[s].in_view = true;
  guide.setSlotState(state);
  int64_t t = 1'800'000'000;
  for (int32_t item : itemsWithStyle("street", 6))
    guide.post({-1, item, t += 5, EventType::TryOn, 1});
  guide.flush();
  const auto plan = guide.latest();
  for (size_t s = 0; s < state.size(); s += 2) {
    if (state[s].item < 0) continue;
    EXPECT_EQ(plan->slots[s].item, state[s].item) << store.slots[s].id;
    EXPECT_FALSE(plan->slots[s].changed);
  }
}

TEST_F(GuideTest, NoDuplicatesSizesWornAndPromotions) {
  UserContext shopper;
  shopper.attributes = {
      {"SIZE", "M"}, {"GENDER", "women"}, {"STYLE", "evening"}, {"BUDGET", "150"}};
  GuideService guide(rec, store.slots, shopper, options);
  guide.setSlotState(store.state);
  guide.flush();
  const auto plan = guide.latest();
  std::set<int32_t> seen;
  const Column* sizes = rec->data().item_attributes.column("SIZES");
  const auto m = sizes->findCode("M");
  for (const auto& slot : plan->slots) {
    if (slot.item < 0) continue;
    EXPECT_TRUE(seen.insert(slot.item).second) << "duplicate " << slot.item_id;
    const auto [b, e] = sizes->bag(slot.item);
    bool clothing = b != e && !parseNumber(sizes->dictionary[static_cast<size_t>(*b)]);
    bool ok = true;
    if (clothing) {
      ok = false;
      for (auto c = b; c != e; ++c)
        ok = ok || *c == *m || sizes->dictionary[static_cast<size_t>(*c)] == "one-size";
    }
    EXPECT_TRUE(ok) << slot.item_id << " not stocked in M";
    EXPECT_FALSE(slot.reasons.empty());
  }
  ASSERT_FALSE(plan->promotions.empty());
  EXPECT_NE(plan->promotions.front().text.find("picked for you"), std::string::npos);
  EXPECT_GT(plan->compute_us, 0.0);
}

TEST_F(GuideTest, MannequinsWearACompleteLookOfTheirGender) {
  GuideService guide(rec, store.slots, UserContext{}, options);
  guide.flush();
  const auto plan = guide.latest();
  for (size_t s = 0; s < store.slots.size(); ++s) {
    const auto& spec = store.slots[s];
    if (spec.outfit_role.empty()) continue;
    ASSERT_GE(plan->slots[s].item, 0) << spec.id;
    const std::string kind = attr(*rec, plan->slots[s].item, "CATEGORY_L1");
    EXPECT_NE(std::find(spec.kinds.begin(), spec.kinds.end(), kind), spec.kinds.end())
        << spec.id << " got " << kind;
    const std::string g = attr(*rec, plan->slots[s].item, "GENDER");
    EXPECT_TRUE(g == spec.gender || g == "unisex") << spec.id << " " << g;
  }
}

// A shop assistant dresses the mannequin around what the shopper just picked up: it wears that
// piece, the rest of the look is chosen to go with it, and each piece says so.
TEST_F(GuideTest, MannequinsBuildTheLookAroundWhatTheShopperPickedUp) {
  // A piece a mannequin's non-leading slot takes (a bottom, say), so wearing it is a real change.
  size_t slot = SIZE_MAX;
  for (size_t s = 0; s < store.slots.size() && slot == SIZE_MAX; ++s) {
    if (!store.slots[s].outfit_role.empty() && store.slots[s].outfit_role != "top") slot = s;
  }
  ASSERT_NE(slot, SIZE_MAX);
  const auto& spec = store.slots[slot];
  int32_t picked = -1;
  GuideService probe(rec, store.slots, UserContext{}, options);
  probe.flush();
  const auto before = probe.latest();
  for (int32_t i = 0; i < rec->data().numItems() && picked < 0; ++i) {
    const std::string kind = attr(*rec, i, "CATEGORY_L1"), g = attr(*rec, i, "GENDER");
    const bool fits = std::find(spec.kinds.begin(), spec.kinds.end(), kind) != spec.kinds.end() &&
                      (g == spec.gender || g == "unisex");
    bool shown = false;
    for (const auto& p : before->slots) shown |= p.item == i;
    if (fits && !shown) picked = i;
  }
  ASSERT_GE(picked, 0);
  const std::string name = rec->data().itemName(picked);

  GuideService guide(rec, store.slots, UserContext{}, options);
  guide.post({-1, picked, 100, EventType::PickUp, 1});
  guide.flush();
  const auto plan = guide.latest();
  size_t worn = SIZE_MAX;
  for (size_t s = 0; s < plan->slots.size(); ++s) {
    if (plan->slots[s].item == picked) worn = s;
  }
  ASSERT_NE(worn, SIZE_MAX) << name << " is not on show";
  ASSERT_FALSE(store.slots[worn].outfit_role.empty()) << name << " is not on a mannequin";
  ASSERT_FALSE(plan->slots[worn].reasons.empty());
  EXPECT_EQ(plan->slots[worn].reasons.front().text,
            "the look is built around the " + name + " you picked up");
  // The rest of that mannequin's look speaks of the pairing, naming the piece where it is the
  // colour that pairs.
  size_t paired = 0, pieces = 0;
  for (size_t s = 0; s < store.slots.size(); ++s) {
    if (s == worn || store.slots[s].group != store.slots[worn].group) continue;
    ASSERT_GE(plan->slots[s].item, 0) << store.slots[s].id;
    ++pieces;
    if (plan->slots[s].reasons.empty()) continue;
    const Reason& r = plan->slots[s].reasons.front();
    if (r.source != "outfit") continue;
    ++paired;
    const bool speaks = r.text.find("both ") != std::string::npos ||
                        r.text.find("goes with the " + name) != std::string::npos ||
                        r.text.find("chose the " + name) != std::string::npos;
    EXPECT_TRUE(speaks) << r.text;
  }
  EXPECT_GT(pieces, 0u);
  EXPECT_GE(paired * 2, pieces) << "most pieces should say what they go with";
}

// The showcase stage shows what is trending re-ranked for the shopper watching: two shoppers of
// different taste get different rankings, the stage shows the top of theirs with a "trending"
// reason first, and the next stage-full comes on the next turn of the rotation unless in view.
TEST_F(GuideTest, TheShowcaseReRanksTrendingPerShopperAndRotates) {
  ShelfPlanner planner(*rec, store.slots);
  std::vector<size_t> stage;
  for (size_t s = 0; s < store.slots.size(); ++s) {
    if (store.slots[s].showcase) stage.push_back(s);
  }
  ASSERT_EQ(stage.size(), 3u) << "the default store's stage has three plinths";
  const auto shopper = [&](const std::string& style) {
    UserContext u;
    u.attributes = {{"STYLE", style}};
    int64_t t = 0;
    for (int32_t item : itemsWithStyle(style, 6)) {
      u.events.push_back({-1, item, ++t, EventType::PickUp, 1});
      u.history.push_back({item, 2.0f});
    }
    std::sort(u.history.begin(), u.history.end(),
              [](const ItemWeight& a, const ItemWeight& b) { return a.item < b.item; });
    u.now = 0;  // the rotation's first turn
    return u;
  };
  const UserContext boho = shopper("boho"), street = shopper("street");
  const auto stageOf = [&](const ShelfPlan& plan) {
    std::vector<int32_t> out;
    for (size_t s : stage) out.push_back(plan.slots[s].item);
    return out;
  };
  const auto rankingOf = [&](const UserContext& u) {
    std::vector<float> z(static_cast<size_t>(rec->data().numItems()));
    rec->model().score(u, z);
    standardize(z);
    const std::vector<uint8_t> none(z.size(), 0);
    std::vector<int32_t> out;
    for (const auto& [item, score] : planner.showcaseRanking(z, none, options)) out.push_back(item);
    return out;
  };
  const auto rb = rankingOf(boho), rs = rankingOf(street);
  ASSERT_GE(rb.size(), 9u);
  EXPECT_NE(std::vector<int32_t>(rb.begin(), rb.begin() + 6),
            std::vector<int32_t>(rs.begin(), rs.begin() + 6))
      << "the re-ranking ignores the shopper";
  // Only trending items, from the top of the trending list.
  const auto& trending = planner.trending().ranked();
  const std::set<int32_t> pool(trending.begin(),
                               trending.begin() + std::min(trending.size(), options.showcase_pool));
  for (int32_t i : rb) EXPECT_TRUE(pool.count(i)) << rec->data().items.id(i);

  const std::vector<SlotState> none(store.slots.size());
  const ShelfPlan pb = planner.plan(boho, none, options), ps = planner.plan(street, none, options);
  EXPECT_NE(stageOf(pb), stageOf(ps));
  for (size_t s : stage) {
    ASSERT_GE(pb.slots[s].item, 0);
    ASSERT_FALSE(pb.slots[s].reasons.empty());
    EXPECT_EQ(pb.slots[s].reasons.front().source, "trending");
    EXPECT_EQ(pb.slots[s].reasons.front().text.rfind("trending", 0), 0u)
        << pb.slots[s].reasons.front().text;
  }
  // What the stage shows leads the shopper's ranking of what the rest of the plan left free.
  {
    std::vector<float> z(static_cast<size_t>(rec->data().numItems()));
    rec->model().score(boho, z);
    standardize(z);
    std::vector<uint8_t> elsewhere(z.size(), 0);
    for (size_t s = 0; s < pb.slots.size(); ++s) {
      if (!store.slots[s].showcase && pb.slots[s].item >= 0)
        elsewhere[static_cast<size_t>(pb.slots[s].item)] = 1;
    }
    const auto free = planner.showcaseRanking(z, elsewhere, options);
    ASSERT_GE(free.size(), stage.size());
    std::set<int32_t> top, shown;
    for (size_t k = 0; k < stage.size(); ++k) top.insert(free[k].first);
    for (size_t s : stage) shown.insert(pb.slots[s].item);
    EXPECT_EQ(shown, top);
  }

  // The next turn shows other pieces; a plinth in view keeps its piece.
  UserContext later = boho;
  later.now = options.showcase_rotation_s;
  std::vector<SlotState> state(store.slots.size());
  for (size_t s = 0; s < state.size(); ++s) state[s].item = pb.slots[s].item;
  const ShelfPlan turned = planner.plan(later, state, options);
  const auto before = stageOf(pb), after = stageOf(turned);
  for (int32_t item : after) {
    EXPECT_EQ(std::count(before.begin(), before.end(), item), 0) << "the stage did not rotate";
  }
  state[stage[0]].in_view = true;
  const ShelfPlan watched = planner.plan(later, state, options);
  EXPECT_EQ(watched.slots[stage[0]].item, pb.slots[stage[0]].item);
  EXPECT_TRUE(watched.slots[stage[0]].held);
}

TEST_F(GuideTest, GazeOffAndForgetMeDropWhatWasSeen) {
  GuideService guide(rec, store.slots, UserContext{}, options);
  const auto boho = itemsWithStyle("boho", 3);
  guide.post({-1, boho[0], 10, EventType::GazeDwell, 3000});
  guide.post({-1, boho[1], 11, EventType::PickUp, 1});
  guide.flush();
  EXPECT_EQ(guide.shopperSnapshot().history.size(), 2u);
  guide.setGazeTracking(false);
  guide.post({-1, boho[2], 12, EventType::GazeDwell, 3000});
  guide.flush();
  auto snapshot = guide.shopperSnapshot();
  ASSERT_EQ(snapshot.history.size(), 1u);
  EXPECT_EQ(snapshot.history[0].item, boho[1]);
  for (const auto& e : snapshot.events) EXPECT_NE(e.type, EventType::GazeDwell);
  guide.forgetMe();
  guide.flush();
  snapshot = guide.shopperSnapshot();
  EXPECT_TRUE(snapshot.history.empty());
  EXPECT_TRUE(snapshot.events.empty());
}

// The fast paths against the exact ones: what the content part keeps per avatar (budget and size
// terms), the planner's per-avatar size filter, and batched explanations.
TEST_F(GuideTest, CachedAvatarTermsScoreExactlyAsAFreshModel) {
  const auto& hybrid = dynamic_cast<const HybridModel&>(rec->model());
  const Model* content = nullptr;
  for (const auto& part : hybrid.parts()) {
    if (part.model->kind() == "content") content = part.model.get();
  }
  ASSERT_NE(content, nullptr);
  UserContext a, b;
  a.attributes = {{"SIZE", "M"}, {"STYLE", "boho"}, {"BUDGET", "80"}};
  b.attributes = {{"SIZE", "XL"}, {"SHOE_SIZE", "42"}, {"BUDGET", "300"}};
  for (int32_t item : itemsWithStyle("street", 4)) a.history.push_back({item, 1.5f});
  b.history = a.history;
  const auto items = static_cast<size_t>(rec->data().numItems());
  std::vector<float> first(items), other(items), again(items), exact(items);
  content->score(a, first);
  content->score(b, other);  // another avatar in between
  content->score(a, again);  // served from what was kept for a
  ContentModel fresh;        // nothing kept yet
  fresh.setParams(content->params());
  fresh.fit(rec->training());
  fresh.score(a, exact);
  EXPECT_EQ(first, exact);
  EXPECT_EQ(again, exact);
  fresh.score(b, exact);
  EXPECT_EQ(other, exact);
  EXPECT_NE(first, other);
}

TEST_F(GuideTest, PlansAfterAnAvatarChangeMatchAFreshGuide) {
  UserContext m;
  m.attributes = {{"SIZE", "M"}, {"STYLE", "evening"}, {"BUDGET", "150"}};
  const std::unordered_map<std::string, std::string> xs = {
      {"SIZE", "XS"}, {"GENDER", "men"}, {"STYLE", "street"}};
  GuideService changed(rec, store.slots, m, options);
  changed.flush();
  changed.setAttributes(xs);
  changed.flush();
  UserContext fresh_shopper;
  fresh_shopper.attributes = xs;
  GuideService fresh(rec, store.slots, fresh_shopper, options);
  fresh.flush();
  const auto a = changed.latest(), b = fresh.latest();
  ASSERT_EQ(a->slots.size(), b->slots.size());
  for (size_t s = 0; s < a->slots.size(); ++s) {
    EXPECT_EQ(a->slots[s].item, b->slots[s].item) << store.slots[s].id;
    EXPECT_EQ(a->slots[s].score, b->slots[s].score) << store.slots[s].id;
  }
  ASSERT_EQ(a->promotions.size(), b->promotions.size());
  for (size_t n = 0; n < a->promotions.size(); ++n) {
    EXPECT_EQ(a->promotions[n].items, b->promotions[n].items);
    EXPECT_EQ(a->promotions[n].text, b->promotions[n].text);
  }
}

TEST_F(GuideTest, BatchedReasonsMatchOneItemAtATime) {
  UserContext shopper;
  shopper.attributes = {{"SIZE", "M"}, {"STYLE", "boho"}, {"BUDGET", "120"}};
  int64_t t = 1'800'000'000;
  std::vector<Interaction> events;
  for (int32_t item : itemsWithStyle("boho", 6))
    events.push_back({-1, item, t += 5, EventType::GazeDwell, 2000});
  for (int32_t item : itemsWithStyle("casual", 3))
    events.push_back({-1, item, t += 5, EventType::TryOn, 1});
  rec->addEvents(shopper, events);
  std::vector<int32_t> items;
  for (int32_t i = 0; i < rec->data().numItems(); i += 7) items.push_back(i);
  items.push_back(items.front());  // the same item twice gets the same reasons twice
  // Every part of the blend: explainItems() (one pass for all) against explain() (per item).
  const auto& hybrid = dynamic_cast<const HybridModel&>(rec->model());
  bool session_reason = false;
  for (const auto& part : hybrid.parts()) {
    if (part.weight <= 0.0f) continue;
    std::vector<std::vector<Reason>> batched;
    part.model->explainItems(shopper, items, batched);
    ASSERT_EQ(batched.size(), items.size()) << part.model->kind();
    for (size_t n = 0; n < items.size(); ++n) {
      std::vector<Reason> single;
      part.model->explain(shopper, items[n], single);
      ASSERT_EQ(batched[n].size(), single.size()) << part.model->kind() << " " << items[n];
      for (size_t k = 0; k < single.size(); ++k) {
        EXPECT_EQ(batched[n][k].text, single[k].text) << part.model->kind();
        EXPECT_EQ(batched[n][k].weight, single[k].weight) << part.model->kind();
        EXPECT_EQ(batched[n][k].source, single[k].source) << part.model->kind();
        session_reason = session_reason || single[k].source == "session";
      }
    }
  }
  EXPECT_TRUE(session_reason);
}

}  // namespace
}  // namespace vrmall::rec

namespace vrmall::rec {
namespace {

TEST(SizeMatch, ClothingAndShoeSizesComeFromTheirOwnAttributes) {
  IdMap ids;
  const auto t = AttributeTable::fromCsvText(
      "ITEM_ID,SIZES\nshirt,S|M|L\nboot,38|39|40\nbag,one-size\nhat,\n", "i.csv", "ITEM_ID", ids);
  const Column* sizes = t.column("SIZES");
  const std::unordered_map<std::string, std::string> shopper = {{"SIZE", "M"}, {"SHOE_SIZE", "41"}};
  EXPECT_TRUE(matchSize(sizes, 0, shopper).fits);
  EXPECT_EQ(matchSize(sizes, 0, shopper).size, "M");
  EXPECT_TRUE(matchSize(sizes, 1, shopper).applies);
  EXPECT_FALSE(matchSize(sizes, 1, shopper).fits);
  EXPECT_FALSE(matchSize(sizes, 2, shopper).applies);
  EXPECT_TRUE(matchSize(sizes, 3, shopper).fits);
  EXPECT_TRUE(matchSize(sizes, 1, {{"SIZE", "M"}}).fits);  // no shoe size given: no restriction
}

}  // namespace
}  // namespace vrmall::rec
