// The desktop shopping loop's parts that need no window: walking with collisions, the dwell
// tracker (no Midas touch), scripted input, slot animations, the pointer ray, the avatar.
#include <GLFW/glfw3.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <glm/gtc/matrix_transform.hpp>
#include <nlohmann/json.hpp>

#include "avatar_profile.h"
#include "dwell_tracker.h"
#include "input_script.h"
#include "product_picker.h"
#include "slot_animator.h"
#include "walk_area.h"
#include "walker_camera.h"

namespace vrmall::app {
namespace {

// `load` must throw a runtime_error whose message names `where` (file and place).
template <class Load>
void expectErrorNaming(Load load, const std::string& where) {
  try {
    load();
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(where), std::string::npos) << e.what();
  }
}

using nlohmann::json;

WalkArea boxRoom() {
  // A 10 m x 10 m room with one 2 m x 1 m shelf in the middle, turned 90 degrees.
  const json layout = json::parse(R"({"walkable": {
      "outline": [[-5, -5], [5, -5], [5, 5], [-5, 5]],
      "obstacles": [{"centre": [0, 0], "half_extents": [1.0, 0.5], "yaw_deg": 90}]}})");
  return WalkArea::fromLayout(layout, "room.json");
}

TEST(WalkArea, ShelfStopsAndSlides) {
  const WalkArea room = boxRoom();
  // Turned 90 degrees the shelf spans x in [-0.5, 0.5], z in [-1, 1].
  EXPECT_FALSE(room.clear({0.0F, 0.0F}, 0.25F));
  EXPECT_FALSE(room.clear({0.6F, 0.0F}, 0.25F));
  EXPECT_TRUE(room.clear({0.8F, 0.0F}, 0.25F));
  // Walking straight at it (along -x) stops at its face plus the body radius.
  const glm::vec2 stop = room.move({3.0F, 0.3F}, {-5.0F, 0.0F}, 0.25F);
  EXPECT_NEAR(stop.x, 0.75F, 1e-3F);
  EXPECT_NEAR(stop.y, 0.3F, 1e-3F);
  // Walking diagonally into it slides along its face instead of stopping.
  const glm::vec2 slide = room.move({2.0F, 0.0F}, {-2.0F, 0.8F}, 0.25F);
  EXPECT_NEAR(slide.x, 0.75F, 1e-3F);
  EXPECT_NEAR(slide.y, 0.8F, 1e-3F);
  EXPECT_TRUE(room.clear(slide, 0.25F));
}

TEST(WalkArea, WallsKeepTheBodyInside) {
  const WalkArea room = boxRoom();
  const glm::vec2 p = room.move({4.0F, 4.0F}, {10.0F, 3.0F}, 0.25F);
  EXPECT_NEAR(p.x, 4.75F, 1e-3F);
  EXPECT_NEAR(p.y, 4.75F, 1e-3F);
  // A fast step does not tunnel through the shelf.
  const glm::vec2 q = room.move({2.0F, 0.0F}, {-4.0F, 0.0F}, 0.25F);
  EXPECT_GT(q.x, 0.7F);
}

TEST(WalkArea, DefaultStoreSpawnIsClear) {
  const auto layout = std::filesystem::path(VRMALL_STORE_DIR) / "layout.json";
  const WalkArea store = WalkArea::fromFile(layout);
  EXPECT_GT(store.obstacles().size(), 50U);
  const json j = json::parse(std::ifstream(layout));
  const auto spawn = j["entrance"]["spawn"];
  EXPECT_TRUE(store.clear({spawn[0].get<float>(), spawn[2].get<float>()}, 0.25F));
}

TEST(WalkArea, BadLayoutNamesTheField) {
  const json bad =
      json::parse(R"({"walkable": {"obstacles": [{"centre": [0], "half_extents": [1, 1]}]}})");
  expectErrorNaming([&] { WalkArea::fromLayout(bad, "store/layout.json"); },
                    "store/layout.json: walkable.obstacles[0].centre");
}

TEST(DwellTracker, InterestThenSelectThenLeave) {
  DwellTracker t({0.5F, 1.0F, 0.15F});
  auto e = t.update(7, 0.1F);
  ASSERT_EQ(e.size(), 1U);
  EXPECT_EQ(e[0].kind, DwellTracker::Kind::Enter);
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(t.update(7, 0.1F).empty());
  e = t.update(7, 0.1F);  // 0.5 s
  ASSERT_EQ(e.size(), 1U);
  EXPECT_EQ(e[0].kind, DwellTracker::Kind::Interest);
  EXPECT_NEAR(t.selectProgress(), 0.5F, 1e-4F);
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(t.update(7, 0.1F).empty());
  e = t.update(7, 0.1F);  // 1.0 s
  ASSERT_EQ(e.size(), 1U);
  EXPECT_EQ(e[0].kind, DwellTracker::Kind::Select);
  // Looking on never fires anything more: looking is never buying.
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(t.update(7, 0.1F).empty());
  e = t.update(3, 0.1F);
  ASSERT_EQ(e.size(), 2U);
  EXPECT_EQ(e[0].kind, DwellTracker::Kind::Leave);
  EXPECT_EQ(e[0].target, 7);
  EXPECT_NEAR(e[0].dwellSeconds, 11.0F, 1e-3F);
  EXPECT_EQ(e[1].kind, DwellTracker::Kind::Enter);
  EXPECT_EQ(e[1].target, 3);
}

TEST(DwellTracker, BlinkKeepsTheDwellAndGlancesStayBelowInterest) {
  DwellTracker t({0.5F, 1.0F, 0.15F});
  t.update(1, 0.1F);
  t.update(1, 0.3F);
  EXPECT_TRUE(t.update(-1, 0.1F).empty());  // a blink: still on product 1
  EXPECT_EQ(t.target(), 1);
  auto e = t.update(1, 0.3F);
  ASSERT_EQ(e.size(), 1U);
  EXPECT_EQ(e[0].kind, DwellTracker::Kind::Interest);
  e = t.update(-1, 0.2F);  // away for longer than the grace period
  ASSERT_EQ(e.size(), 1U);
  EXPECT_EQ(e[0].kind, DwellTracker::Kind::Leave);
  EXPECT_NEAR(e[0].dwellSeconds, 0.6F, 1e-4F);
  EXPECT_EQ(t.target(), -1);
  EXPECT_EQ(t.selectProgress(), 0.0F);
}

TEST(InputScript, AppliesEventsOnTheirFrames) {
  const auto path = std::filesystem::temp_directory_path() / "vrmall_input_script_test.json";
  std::ofstream(path)
      << R"({"events": [{"frame": 2, "mouse": [100, 50]}, {"frame": 3, "click": [110, 60]},
      {"frame": 3, "key": "F12"}, {"frame": 4, "scroll": -2}, {"frame": 5, "screenshot": "a.png"},
      {"frame": 6, "quit": true}]})";
  InputScript s = InputScript::load(path);
  EXPECT_EQ(s.lastFrame(), 6);
  FrameInput f0;
  s.apply(0, f0);
  EXPECT_FALSE(f0.leftClicked);
  FrameInput f2;
  s.apply(2, f2);
  EXPECT_EQ(f2.cursor, glm::vec2(100, 50));
  FrameInput f3;
  s.apply(3, f3);
  EXPECT_TRUE(f3.leftClicked);
  EXPECT_EQ(f3.cursorDelta, glm::vec2(10, 10));
  EXPECT_TRUE(f3.pressed(GLFW_KEY_F12));
  FrameInput f4;
  s.apply(4, f4);
  EXPECT_FALSE(f4.leftDown);  // the click released
  EXPECT_EQ(f4.cursor, glm::vec2(110, 60));
  EXPECT_EQ(f4.scroll, -2.0F);
  FrameInput f5;
  s.apply(5, f5);
  EXPECT_EQ(f5.screenshot, "a.png");
  FrameInput f6;
  s.apply(6, f6);
  EXPECT_TRUE(f6.quit);
}

TEST(InputScript, BadEventNamesFileAndIndex) {
  const auto path = std::filesystem::temp_directory_path() / "vrmall_input_script_bad.json";
  std::ofstream(path)
      << R"({"events": [{"frame": 1, "mouse": [1, 2]}, {"frame": 2, "key": "NOPE"}]})";
  expectErrorNaming([&] { InputScript::load(path); },
                    "vrmall_input_script_bad.json: events[1].key");
}

TEST(SlotAnimator, GrowsInAndEndsExactly) {
  EXPECT_EQ(SlotAnimator::scaleAt(0.0F, 0.35F), 0.0F);
  EXPECT_GT(SlotAnimator::scaleAt(0.3F, 0.35F), 0.9F);
  EXPECT_EQ(SlotAnimator::scaleAt(0.35F, 0.35F), 1.0F);
  engine::Scene scene;
  const glm::mat4 final = glm::translate(glm::mat4(1.0F), glm::vec3(1, 2, 3));
  const auto id = scene.add(engine::Instance{0, final, -1, true});
  SlotAnimator a(0.35F);
  a.start(id, final);
  a.update(scene, 0.1F);
  EXPECT_LT(scene.instance(id).transform[0][0], 1.0F);
  EXPECT_EQ(glm::vec3(scene.instance(id).transform[3]), glm::vec3(1, 2, 3));  // grows in place
  a.update(scene, 0.3F);
  EXPECT_EQ(a.active(), 0U);
  EXPECT_EQ(scene.instance(id).transform, final);
}

TEST(PointerRay, ThroughTheCentreIsTheViewDirection) {
  const engine::View v =
      engine::View::yawPitch({1.0F, 1.6F, 2.0F}, 90.0F, 0.0F, glm::radians(65.0F), 16.0F / 9.0F);
  const PointerRay r = rayThroughPixel(v.viewProj(), {639.5F, 359.5F}, {1280.0F, 720.0F});
  EXPECT_NEAR(r.direction.x, 1.0F, 1e-3F);  // yaw 90 looks towards +X
  EXPECT_NEAR(r.direction.y, 0.0F, 1e-3F);
  EXPECT_NEAR(glm::length(r.origin - glm::vec3(1.0F, 1.6F, 2.0F)), 0.05F, 1e-2F);
  // The top of the window is up (Vulkan's NDC y points down).
  const PointerRay top = rayThroughPixel(v.viewProj(), {639.5F, 0.0F}, {1280.0F, 720.0F});
  EXPECT_GT(top.direction.y, 0.3F);
}

TEST(WalkerCamera, ZoomNarrowsTheViewAndWalkingCollides) {
  const WalkArea room = boxRoom();
  WalkerCamera cam({3.0F, 1.6F, 0.3F}, -90.0F, 0.0F);  // yaw -90 looks towards -X
  FrameInput walk;
  walk.keysDown = {GLFW_KEY_W};
  for (int i = 0; i < 100; ++i) cam.update(walk, 0.05F, false, true, room, std::nullopt);
  EXPECT_NEAR(cam.eye().x, 0.75F, 1e-2F);  // stopped by the shelf
  FrameInput zoom;
  zoom.scroll = 3.0F;
  cam.update(zoom, 0.05F, false, true, room, std::nullopt);
  EXPECT_NEAR(cam.zoom(), std::pow(1.25F, 3.0F), 1e-3F);
  const engine::View wide = WalkerCamera({0, 1.6F, 0}, 0, 0).view(1.0F);
  EXPECT_GT(std::abs(cam.view(1.0F).proj[1][1]), std::abs(wide.proj[1][1]) * 1.9F);
}

TEST(AvatarProfile, SpeaksTheUsersCsvColumns) {
  AvatarProfile a;
  a.styles = {"street", "boho"};
  a.budget = 0;
  a.gender.clear();
  const auto attrs = a.toAttributes();
  EXPECT_EQ(attrs.at("STYLE"), "boho|street");
  EXPECT_EQ(attrs.at("SIZE"), "M");
  EXPECT_EQ(attrs.count("BUDGET"), 0U);  // no limit
  EXPECT_EQ(attrs.count("GENDER"), 0U);  // show everything
  EXPECT_EQ(attrs.at("HEIGHT_CM"), "168");
}

}  // namespace
}  // namespace vrmall::app
