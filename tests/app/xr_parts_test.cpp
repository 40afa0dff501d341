// The headset mode's app parts that need no runtime: locomotion (placing the tracking space,
// snap turns about the head, teleport arcs onto the walkable floor only, smooth walking), the
// world panel's ray hits, the XR input script's errors.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <glm/gtc/constants.hpp>

#include "walk_area.h"
#include "world_panel.h"
#include "xr_input_script.h"
#include "xr_locomotion.h"

namespace vrmall::app {
namespace {

namespace fs = std::filesystem;

WalkArea storeWalkArea() {
  return WalkArea::fromFile(fs::path(VRMALL_STORE_DIR) / "layout.json");
}

glm::vec2 xz(const glm::vec3& v) {
  return {v.x, v.z};
}

TEST(XrLocomotion, PlaceStandsTheHeadAtTheSpotFacingTheYaw) {
  const WalkArea area = storeWalkArea();
  Locomotion loco(&area);
  // The head stands off-centre in the room and looks 20 degrees left of the room's -Z.
  const glm::vec3 head(0.4F, 1.6F, -0.3F);
  const float a = glm::radians(20.0F);
  const glm::vec3 forward(-std::sin(a), 0.0F, -std::cos(a));
  loco.place({0.0F, 12.5F}, 180.0F, head, forward);
  EXPECT_NEAR(glm::distance(xz(loco.headInWorld(head)), glm::vec2(0.0F, 12.5F)), 0.0F, 1e-4F);
  // Yaw 180 (layout convention) looks towards -Z.
  const glm::vec3 f = glm::mat3(loco.worldFromStage()) * forward;
  EXPECT_NEAR(f.x, 0.0F, 1e-4F);
  EXPECT_NEAR(f.z, -1.0F, 1e-4F);
  EXPECT_NEAR(loco.headInWorld(head).y, 1.6F, 1e-5F);
}

TEST(XrLocomotion, SnapTurnsTurnAboutTheHead) {
  Locomotion loco(nullptr, LocomotionConfig{});
  const glm::vec3 head(0.5F, 1.7F, 0.2F);
  loco.place({3.0F, 4.0F}, 180.0F, head, {0, 0, -1});
  const glm::vec3 before = loco.headInWorld(head);
  const float yawBefore = loco.yawRad();
  loco.snapTurn(-1, head);  // left
  EXPECT_NEAR(glm::distance(loco.headInWorld(head), before), 0.0F, 1e-4F);
  EXPECT_NEAR(glm::degrees(loco.yawRad() - yawBefore), 30.0F, 1e-3F);
  // Facing -Z, a left turn looks towards -X.
  const glm::vec3 f = glm::mat3(loco.worldFromStage()) * glm::vec3(0, 0, -1);
  EXPECT_LT(f.x, -0.4F);
  loco.snapTurn(1, head);
  loco.snapTurn(1, head);
  EXPECT_NEAR(glm::degrees(loco.yawRad() - yawBefore), -30.0F, 1e-3F);
}

TEST(XrLocomotion, TeleportLandsOnlyOnTheWalkableFloor) {
  const WalkArea area = storeWalkArea();
  Locomotion loco(&area);
  const glm::vec3 head(0.2F, 1.6F, 0.1F);
  loco.place({0.0F, 12.5F}, 180.0F, head, {0, 0, -1});
  // The For-you wall stands at z = 9.5, 6 m wide: not a place to stand.
  EXPECT_FALSE(loco.canLandAt({1.0F, 9.5F}, head));
  EXPECT_FALSE(loco.teleport({1.0F, 9.5F}, head));
  EXPECT_NEAR(glm::distance(xz(loco.headInWorld(head)), glm::vec2(0.0F, 12.5F)), 0.0F, 1e-4F);
  // Outside the walls, and further than reach.
  EXPECT_FALSE(loco.canLandAt({0.0F, 20.0F}, head));
  EXPECT_FALSE(loco.canLandAt({0.0F, -10.0F}, head));
  // The main aisle behind the wall: the head lands right above it, height kept.
  EXPECT_TRUE(loco.teleport({0.0F, 6.0F}, head));
  EXPECT_NEAR(glm::distance(xz(loco.headInWorld(head)), glm::vec2(0.0F, 6.0F)), 0.0F, 1e-4F);
  EXPECT_NEAR(loco.headInWorld(head).y, 1.6F, 1e-5F);
}

TEST(XrLocomotion, TheArcFallsOntoTheFloorAheadAndIsJudgedThere) {
  const WalkArea area = storeWalkArea();
  Locomotion loco(&area);
  const glm::vec3 head(0.0F, 1.6F, 0.0F);
  loco.place({0.0F, 7.0F}, 180.0F, head, {0, 0, -1});
  // Aimed 30 degrees up the main aisle from hand height.
  const glm::vec3 origin(0.2F, 1.2F, 7.0F);
  const glm::vec3 dir = glm::normalize(glm::vec3(0.0F, std::sin(0.5F), -std::cos(0.5F)));
  const TeleportArc arc = loco.arc(origin, dir, head);
  ASSERT_TRUE(arc.landing.has_value());
  EXPECT_NEAR(arc.landing->y, 0.0F, 1e-5F);
  // Ballistic range from 1.2 m up at 7 m/s and 28.6 degrees: about 5.6 m.
  const float range = 7.0F - arc.landing->z;
  EXPECT_GT(range, 5.0F);
  EXPECT_LT(range, 6.2F);
  EXPECT_TRUE(arc.valid);
  EXPECT_GT(arc.points.size(), 5u);
  for (const auto& p : arc.points) EXPECT_GE(p.y, -1e-4F);
  // Straight at a wall of shelves: it lands in them and is refused.
  loco.place({-3.0F, 0.5F}, 270.0F, head, {0, 0, -1});
  const TeleportArc blocked =
      loco.arc({-3.0F, 1.2F, 0.5F}, glm::normalize(glm::vec3(-1.0F, 0.1F, 0.0F)), head);
  ASSERT_TRUE(blocked.landing.has_value());
  EXPECT_EQ(blocked.valid, loco.canLandAt(xz(*blocked.landing), head));
  // Straight up, it comes down where it started (1.6 s of flight).
  const TeleportArc up = loco.arc(origin, {0.0F, 1.0F, 0.0F}, head);
  ASSERT_TRUE(up.landing.has_value());
  EXPECT_NEAR(glm::distance(xz(*up.landing), xz(origin)), 0.0F, 1e-3F);
}

TEST(XrLocomotion, SmoothWalkingSlidesAlongWhatItTouches) {
  const WalkArea area = storeWalkArea();
  LocomotionConfig config;
  config.smooth = true;
  Locomotion loco(&area, config);
  const glm::vec3 head(0.0F, 1.6F, 0.0F);
  loco.place({0.0F, 11.0F}, 180.0F, head, {0, 0, -1});
  const glm::vec3 forward(0.0F, 0.0F, -1.0F);
  // Full stick forward for 1 s: 1.4 m towards the wall, stopped by it (at z = 9.5 + 0.175).
  for (int i = 0; i < 30; ++i) loco.walk({0.0F, 1.0F}, forward, 1.0F / 30.0F, head);
  const glm::vec3 h = loco.headInWorld(head);
  EXPECT_GT(h.z, 9.5F + 0.175F + config.bodyRadius - 0.02F);
  EXPECT_LT(h.z, 11.0F - 1.0F);
  // The dead zone: a resting thumb does not drift.
  const glm::vec3 before = loco.headInWorld(head);
  EXPECT_EQ(loco.walk({0.05F, 0.1F}, forward, 0.1F, head), 0.0F);
  EXPECT_EQ(loco.headInWorld(head), before);
  // Stick right walks right of the heading (facing -Z with +Y up, right is +X).
  loco.walk({1.0F, 0.0F}, forward, 0.5F, head);
  EXPECT_GT(loco.headInWorld(head).x, before.x + 0.5F);
  EXPECT_EQ(vignetteStrength(0.0F, 1.4F), 0.0F);
  EXPECT_EQ(vignetteStrength(1.4F, 1.4F), 1.0F);
  EXPECT_GT(vignetteStrength(1.0F, 1.4F), vignetteStrength(0.5F, 1.4F));
}

TEST(XrWorldPanel, ARayMeetsThePanelInItsPixels) {
  WorldPanel panel({1.0F, 0.625F}, {1280, 800});
  panel.placeInFront({0.0F, 1.6F, 0.0F}, {0.0F, 0.0F, -1.0F}, 1.0F, 0.0F, 0.0F);
  // Straight ahead: the middle.
  auto hit = panel.hit({{0.0F, 1.6F, 0.0F}, {0.0F, 0.0F, -1.0F}});
  ASSERT_TRUE(hit.has_value());
  EXPECT_NEAR(hit->pixel.x, 640.0F, 0.5F);
  EXPECT_NEAR(hit->pixel.y, 400.0F, 0.5F);
  EXPECT_NEAR(hit->distance, 1.0F, 1e-4F);
  // Towards the top-left corner region: small pixel coordinates.
  hit = panel.hit({{-0.4F, 1.85F, 0.5F}, {0.0F, 0.0F, -1.0F}});
  ASSERT_TRUE(hit.has_value());
  EXPECT_NEAR(hit->pixel.x, 0.1F * 1280.0F, 0.5F);
  EXPECT_NEAR(hit->pixel.y, (0.3125F - 0.25F) / 0.625F * 800.0F, 0.5F);
  // Beside it, and from behind: nothing.
  EXPECT_FALSE(panel.hit({{0.8F, 1.6F, 0.0F}, {0.0F, 0.0F, -1.0F}}).has_value());
  EXPECT_FALSE(panel.hit({{0.0F, 1.6F, -2.0F}, {0.0F, 0.0F, 1.0F}}).has_value());
  // Placed below the eyes and tilted back, it faces up towards them.
  panel.placeInFront({0.0F, 1.6F, 0.0F}, {1.0F, 0.0F, 0.0F}, 1.1F, 0.2F, 10.0F);
  const glm::vec3 normal = glm::vec3(panel.worldFromPanel() * glm::vec4(0, 0, 1, 0));
  EXPECT_LT(normal.x, -0.9F);  // back towards the viewer (who looks along +X)
  EXPECT_GT(normal.y, 0.1F);
}

fs::path scriptFile(const std::string& name, const std::string& text) {
  const fs::path dir = fs::temp_directory_path() / "vrmall-xr-script-test";
  fs::create_directories(dir);
  const fs::path p = dir / name;
  std::ofstream(p) << text;
  return p;
}

TEST(XrInputScript, ReadsEveryKindOfStep) {
  const fs::path p = scriptFile("ok.json", R"({"events": [
    {"frame": 1, "stand": {"position": [0, 6], "face": "FY-L3-1", "keep_facing": true}},
    {"frame": 2, "aim": "FY-L3-1", "hand": "left"},
    {"frame": 2, "select": true},
    {"frame": 3, "aim_panel": [0.5, 0.25]},
    {"frame": 4, "aim": null, "grab": true, "menu": true},
    {"frame": 5, "teleport": [1, 2], "snap_turn": "right"},
    {"frame": 6, "stick": [0, 1], "hand": "left", "frames": 10},
    {"frame": 20, "screenshot": "end", "quit": true}]})");
  const XrInputScript s = XrInputScript::load(p);
  ASSERT_EQ(s.at(1).size(), 1u);
  EXPECT_TRUE(s.at(1)[0].keepFacing);
  EXPECT_EQ(*s.at(1)[0].standFace, "FY-L3-1");
  ASSERT_EQ(s.at(2).size(), 2u);
  EXPECT_EQ(s.at(2)[0].hand, 0);
  EXPECT_TRUE(s.at(2)[1].select);
  EXPECT_EQ(s.at(2)[1].hand, 1);
  EXPECT_EQ(*s.at(3)[0].aimPanel, glm::vec2(0.5F, 0.25F));
  EXPECT_TRUE(s.at(4)[0].aimRelease);
  EXPECT_EQ(s.at(5)[0].snapTurn, 1);
  EXPECT_EQ(s.at(6)[0].stickFrames, 10);
  EXPECT_TRUE(s.at(20)[0].quit);
  EXPECT_EQ(s.at(20)[0].screenshot, "end");
  EXPECT_TRUE(s.at(7).empty());
  EXPECT_EQ(s.lastFrame(), 20);
}

TEST(XrInputScript, ABadStepIsAnErrorNamingTheFileAndTheEvent) {
  const std::vector<std::pair<std::string, std::string>> bad = {
      {R"({"events": [{"frame": 1}, {"frame": 2, "snap_turn": "up"}]})", "events[1].snap_turn"},
      {R"({"events": [{"frame": -1}]})", "events[0] wants an object"},
      {R"({"events": [{"frame": 1, "stick": [0, 2]}]})", "events[0].stick"},
      {R"({"events": [{"frame": 1, "aim_panel": [1.5, 0]}]})", "events[0].aim_panel"},
      {R"({"events": [{"frame": 1, "stand": {"position": [0, 1]}}]})", "events[0].stand"},
      {R"({"events": [{"frame": 1, "jump": true}]})", "unknown key \"jump\""},
      {R"({"events": [{"frame": 1, "screenshot": "../x"}]})", "events[0].screenshot"},
      {R"({"steps": []})", "wants an \"events\" array"},
      {R"({"events": [)", "bad.json"},
  };
  for (const auto& [text, expected] : bad) {
    const fs::path p = scriptFile("bad.json", text);
    try {
      XrInputScript::load(p);
      ADD_FAILURE() << "accepted: " << text;
    } catch (const std::exception& e) {
      const std::string what = e.what();
      EXPECT_NE(what.find("bad.json"), std::string::npos) << what;
      EXPECT_NE(what.find(expected), std::string::npos) << what;
    }
  }
}

}  // namespace
}  // namespace vrmall::app
