// Product cards are cached per product and rebuilt only when their own data moves on: after a
// new plan, every guide slot's card shows the plan's item and reasons; a colourway change shows
// at once. (Offscreen Vulkan, the default store, the guide waited for after every event.)
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <glm/glm.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "shopping_session.h"
#include "store_scene.h"
#include "vrmall/engine/context.h"
#include "vrmall/engine/renderer.h"

namespace vrmall::app {
namespace {

std::vector<std::string> texts(const std::vector<rec::Reason>& reasons) {
  std::vector<std::string> out;
  for (const auto& r : reasons) out.push_back(r.text);
  return out;
}

// The default store, offscreen, with the guide waited for after every event.
class SessionCards : public ::testing::Test {
 protected:
  SessionCards() { options.synchronousGuide = true; }
  engine::Context context{engine::ContextOptions{}};
  engine::Renderer renderer{context};
  engine::Scene scene;
  StoreSummary store = StoreScene::build(VRMALL_STORE_DIR, renderer, scene);
  SessionOptions options;
};

TEST_F(SessionCards, FollowEveryPlanAndColourway) {
  ShoppingSession session(VRMALL_STORE_DIR, store, renderer, scene, options);
  ASSERT_TRUE(session.guideRunning());
  // Facing away from the wall: no guide slot is in view, so every planned change lands.
  const engine::View away =
      engine::View::yawPitch({0.0F, 1.65F, 12.5F}, 0.0F, 0.0F, glm::radians(65.0F), 16.0F / 9.0F);
  const auto settle = [&] {
    for (int f = 0; f < 3; ++f) session.update(away, std::nullopt, 1.0F / 30.0F);
  };
  const auto expectCardsFollowThePlan = [&] {
    const rec::ShelfPlan* plan = session.appliedPlan();
    ASSERT_NE(plan, nullptr);
    std::map<std::string, const rec::PlannedSlot*> planned;
    for (const auto& s : plan->slots) planned[s.slot_id] = &s;
    for (const int product : session.forYou()) {
      const ProductInfo& card = session.info(product);
      const auto it = planned.find(card.slotId);
      ASSERT_NE(it, planned.end()) << card.slotId;
      EXPECT_EQ(card.itemId, it->second->item_id) << card.slotId;
      EXPECT_EQ(texts(card.reasons), texts(it->second->reasons)) << card.slotId;
    }
  };
  settle();
  const std::vector<int> wall = session.forYou();
  ASSERT_FALSE(wall.empty());
  for (const int p : wall) session.info(p);  // every card built (and cached) now
  expectCardsFollowThePlan();

  // Shopping changes the plan; the cached cards must follow it.
  const size_t swappedBefore = session.counters().slotsSwapped;
  for (size_t n = 0; n < 4; ++n) session.tryOn(wall[n % wall.size()]);
  settle();
  ASSERT_GT(session.counters().slotsSwapped, swappedBefore) << "the test needs a changed wall";
  expectCardsFollowThePlan();

  // A colourway shows on its card at once.
  for (const int p : wall) {
    if (session.info(p).colourways.size() < 2) continue;
    session.setColourway(p, 1);
    EXPECT_EQ(session.info(p).colourway, 1);
    session.setColourway(p, 0);
    EXPECT_EQ(session.info(p).colourway, 0);
    break;
  }
}

}  // namespace
// The card's "complete the look" row: one piece per other slot of the outfit, none the card's own
// product, each saying why it goes; a piece on display points at the product showing it.
TEST_F(SessionCards, CompleteTheLookAroundTheSelectedProduct) {
  ShoppingSession session(VRMALL_STORE_DIR, store, renderer, scene, options);
  ASSERT_TRUE(session.guideRunning());
  const engine::View away =
      engine::View::yawPitch({0.0F, 1.65F, 12.5F}, 0.0F, 0.0F, glm::radians(65.0F), 16.0F / 9.0F);
  for (int f = 0; f < 3; ++f) session.update(away, std::nullopt, 1.0F / 30.0F);
  const std::vector<int> wall = session.forYou();
  ASSERT_FALSE(wall.empty());
  size_t withLook = 0;
  for (const int product : wall) {
    const ProductInfo& card = session.info(product);
    if (card.look.empty()) continue;
    ++withLook;
    std::set<std::string> slots, items{card.itemId};
    double total = card.price;
    for (const LookPiece& piece : card.look) {
      EXPECT_TRUE(slots.insert(piece.slot).second) << card.name << ": two " << piece.slot;
      EXPECT_TRUE(items.insert(piece.itemId).second) << card.name << ": " << piece.name << " twice";
      EXPECT_FALSE(piece.reason.empty()) << card.name << ": " << piece.name;
      EXPECT_EQ(piece.product, session.productShowing(piece.itemId));
      if (piece.product >= 0) {
        EXPECT_EQ(session.info(piece.product).itemId, piece.itemId);
      }
      total += piece.price;
    }
    EXPECT_NEAR(card.lookPrice, total, 0.01) << card.name;
  }
  EXPECT_GE(withLook * 2, wall.size()) << "most products should come with a look";
}

// The showcase stage is part of the store's guide: a look that rests on a piece on the stage is
// a gaze_dwell event for that stage slot and its item, like any other shelf's.
TEST_F(SessionCards, DwellingOnTheShowcaseStageFeedsTheGuide) {
  options.logEvents = true;
  ShoppingSession session(VRMALL_STORE_DIR, store, renderer, scene, options);
  ASSERT_TRUE(session.guideRunning());
  const int stage = session.productOfSlot("SC1-2");
  ASSERT_GE(stage, 0) << "the default store's stage has slot SC1-2";
  const std::string item = session.info(stage).itemId;
  ASSERT_FALSE(item.empty());
  // In front of the stage, looking at the piece's middle for a second and a half, then away.
  const glm::vec3 eye{0.0F, 1.6F, -3.5F};
  const glm::vec3 target = session.productBounds(stage).center();
  const engine::View view = engine::View::lookAt(eye, target, glm::radians(65.0F), 16.0F / 9.0F);
  const PointerRay ray{eye, glm::normalize(target - eye)};
  for (int f = 0; f < 45; ++f) session.update(view, ray, 1.0F / 30.0F);
  for (int f = 0; f < 10; ++f) session.update(view, std::nullopt, 1.0F / 30.0F);
  const std::vector<PostedEvent> events = session.takePostedEvents();
  bool dwelt = false;
  for (const PostedEvent& e : events) {
    if (e.type == "gaze_dwell" && e.slot == "SC1-2") {
      dwelt = true;
      EXPECT_EQ(e.item, item);
      EXPECT_GE(e.value, 1000.0F);
    }
  }
  EXPECT_TRUE(dwelt) << events.size() << " events, none a dwell on SC1-2";
  // The stage slot was in view throughout: the guide kept its piece in place.
  EXPECT_EQ(session.info(stage).itemId, item);
}

// With a profile: gaze waits for consent; what the shopper does is saved; "export my data"
// writes it as JSON; "forget me" deletes it on disk as well as in memory.
TEST_F(SessionCards, TheProfileIsSavedExportedAndForgotten) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("vrmall-session-profile-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  options.profileDir = dir;
  {
    ShoppingSession session(VRMALL_STORE_DIR, store, renderer, scene, options);
    EXPECT_TRUE(session.needsGazeConsent());
    EXPECT_FALSE(session.gazeTracking()) << "no gaze tracking before the shopper says yes";
    session.setGazeTracking(true);
    EXPECT_FALSE(session.needsGazeConsent());
    const std::vector<int> wall = session.forYou();
    ASSERT_FALSE(wall.empty());
    session.pickUp(wall[0]);
    session.addToCart(wall[0], "M");
    session.flushSaves();
    const LoadedShopper saved = ShopperStore(dir).load();
    EXPECT_EQ(saved.shopper.gazeConsent, std::optional<bool>(true));
    ASSERT_EQ(saved.shopper.history.size(), 2U);
    EXPECT_EQ(saved.shopper.history[0].type, "pick_up");
    ASSERT_EQ(saved.shopper.cart.size(), 1U);

    std::string error;
    const auto exported = session.exportMyData(error);
    ASSERT_TRUE(exported) << error;
    std::ifstream in(*exported);
    const nlohmann::json j = nlohmann::json::parse(in);
    EXPECT_EQ(j["history"].size(), 2U);
    EXPECT_EQ(j["cart"].size(), 1U);
    std::filesystem::remove(*exported);

    session.forgetMe();
    session.flushSaves();
    EXPECT_FALSE(std::filesystem::exists(dir / "shopper.json"));
    EXPECT_TRUE(session.cart().empty());
    EXPECT_TRUE(session.needsGazeConsent()) << "asked again, as at a first start";
    EXPECT_FALSE(session.gazeTracking());
  }
  // The next start knows nothing of the shopper.
  EXPECT_FALSE(ShopperStore(dir).load().existed);
  std::filesystem::remove_all(dir);
}

}  // namespace vrmall::app
