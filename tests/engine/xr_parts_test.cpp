// The OpenXR mode's parts that need no runtime: the projection from an asymmetric field of view,
// pose and space conversions, the session state machine driven by scripted event sequences,
// the controller binding tables against the spec's paths, gaze source selection, the core
// validation log reader, the swapchain format choice.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <glm/gtc/matrix_transform.hpp>
#include <map>
#include <set>
#include <string>

#include "vrmall/engine/xr/controller_bindings.h"
#include "vrmall/engine/xr/gaze_source.h"
#include "vrmall/engine/xr/session_lifecycle.h"
#include "vrmall/engine/xr/validation_log.h"
#include "vrmall/engine/xr/xr_math.h"
#include "vrmall/engine/xr/xr_swapchain.h"

namespace vrmall::engine::xr {
namespace {

constexpr float kEps = 1e-5F;

TEST(XrProjection, AsymmetricFovMatchesTheHandComputedMatrix) {
  // left -0.8, right 0.6, up 0.7, down -0.5 rad; near 0.1, far 100. Hand-computed from
  // tan(l) = -1.02963856, tan(r) = 0.68413681, tan(u) = 0.84228838, tan(d) = -0.54630249:
  //   [0][0] = 2/(r-l), [1][1] = -2/(u-d) (Vulkan y down), [2][0] = (r+l)/(r-l),
  //   [2][1] = -(u+d)/(u-d), [2][2] = f/(n-f), [2][3] = -1, [3][2] = n f/(n-f), others 0.
  const glm::mat4 p = View::projectionFromFov(-0.8F, 0.6F, 0.7F, -0.5F, 0.1F, 100.0F);
  const float expected[4][4] = {
      {1.1670140908709261F, 0, 0, 0},
      {0, -1.440309051980165F, 0, 0},
      {-0.2016027045817829F, -0.21315557875868643F, -1.0010010010010009F, -1.0F},
      {0, 0, -0.10010010010010009F, 0}};
  for (int c = 0; c < 4; ++c) {
    for (int r = 0; r < 4; ++r) EXPECT_NEAR(p[c][r], expected[c][r], 1e-5) << c << "," << r;
  }
  // Off-centre, as headset lenses are: never the symmetric matrix.
  EXPECT_GT(std::abs(p[2][0]), 0.1F);
  EXPECT_GT(std::abs(p[2][1]), 0.1F);
}

TEST(XrProjection, FrustumEdgesLandOnTheClipEdges) {
  const float l = -0.9F, r = 0.4F, u = 0.6F, d = -0.7F, n = 0.05F, f = 50.0F;
  const glm::mat4 p = View::projectionFromFov(l, r, u, d, n, f);
  const auto ndc = [&](glm::vec3 v) {
    const glm::vec4 c = p * glm::vec4(v, 1.0F);
    return glm::vec3(c) / c.w;
  };
  // Directions along each edge of the field of view, 2 m ahead (-Z forward).
  EXPECT_NEAR(ndc({2.0F * std::tan(l), 0.0F, -2.0F}).x, -1.0F, kEps);
  EXPECT_NEAR(ndc({2.0F * std::tan(r), 0.0F, -2.0F}).x, 1.0F, kEps);
  EXPECT_NEAR(ndc({0.0F, 2.0F * std::tan(u), -2.0F}).y, -1.0F, kEps);  // up is -y in Vulkan
  EXPECT_NEAR(ndc({0.0F, 2.0F * std::tan(d), -2.0F}).y, 1.0F, kEps);
  EXPECT_NEAR(ndc({0.0F, 0.0F, -n}).z, 0.0F, kEps);
  EXPECT_NEAR(ndc({0.0F, 0.0F, -f}).z, 1.0F, 1e-4F);
}

XrPosef pose(glm::quat q, glm::vec3 t) {
  XrPosef p;
  p.orientation = toXr(q);
  p.position = toXr(t);
  return p;
}

TEST(XrPoses, PoseMatrixRotatesThenTranslates) {
  // A quarter turn left about +Y, 1 m up and 2 m back: the pose's forward (-Z) becomes -X.
  const XrPosef p = pose(glm::angleAxis(glm::half_pi<float>(), glm::vec3(0, 1, 0)), {0, 1, 2});
  const glm::mat4 m = poseMatrix(p);
  const glm::vec3 forward = glm::vec3(m * glm::vec4(0, 0, -1, 0));
  EXPECT_NEAR(forward.x, -1.0F, kEps);
  EXPECT_NEAR(forward.z, 0.0F, kEps);
  const glm::vec3 origin = glm::vec3(m * glm::vec4(0, 0, 0, 1));
  EXPECT_NEAR(origin.y, 1.0F, kEps);
  EXPECT_NEAR(origin.z, 2.0F, kEps);
  // And back.
  const XrPosef q = poseFromMatrix(m);
  EXPECT_NEAR(std::abs(glm::dot(toGlm(q.orientation), toGlm(p.orientation))), 1.0F, kEps);
  EXPECT_NEAR(q.position.z, 2.0F, kEps);
}

TEST(XrPoses, EyeViewIsTheInverseOfTheEyesWorldPose) {
  const XrPosef eye =
      pose(glm::angleAxis(0.3F, glm::normalize(glm::vec3(0.2F, 1, 0.1F))), {0.03F, 1.6F, 0.1F});
  XrFovf fov{-0.8F, 0.7F, 0.75F, -0.85F};
  const glm::mat4 world = worldFromStage({2.0F, 0.0F, 5.0F}, 0.5F);
  const View v = eyeView(eye, fov, world, 0.05F, 100.0F);
  const glm::mat4 worldFromEye = world * poseMatrix(eye);
  const glm::mat4 identity = v.view * worldFromEye;
  for (int c = 0; c < 4; ++c) {
    for (int r = 0; r < 4; ++r) EXPECT_NEAR(identity[c][r], c == r ? 1.0F : 0.0F, 1e-5F);
  }
  EXPECT_NEAR(glm::length(v.position - glm::vec3(worldFromEye[3])), 0.0F, 1e-5F);
  EXPECT_EQ(v.proj, View::projectionFromFov(-0.8F, 0.7F, 0.75F, -0.85F, 0.05F, 100.0F));
}

TEST(XrPoses, ForwardRayFollowsTheLocomotion) {
  // The head looks along the space's -Z; the space is turned a quarter left in the store.
  const WorldRay ray = forwardRay(identityPose(), worldFromStage({1, 0, 3}, glm::half_pi<float>()));
  EXPECT_NEAR(ray.direction.x, -1.0F, kEps);
  EXPECT_NEAR(ray.origin.x, 1.0F, kEps);
  EXPECT_NEAR(ray.origin.z, 3.0F, kEps);
  const glm::quat q = rotationBetween({0, 0, -1}, {0, 1, 0});
  const glm::vec3 up = q * glm::vec3(0, 0, -1);
  EXPECT_NEAR(up.y, 1.0F, kEps);
  const glm::quat back = rotationBetween({0, 0, -1}, {0, 0, 1});
  EXPECT_NEAR((back * glm::vec3(0, 0, -1)).z, 1.0F, kEps);
}

TEST(XrLifecycle, ANormalSessionBeginsRunsAndEndsThroughStopping) {
  SessionLifecycle life;
  life.sessionCreated();
  EXPECT_EQ(life.onStateChanged(XR_SESSION_STATE_IDLE), LifecycleAction::None);
  EXPECT_FALSE(life.running());
  EXPECT_EQ(life.onStateChanged(XR_SESSION_STATE_READY), LifecycleAction::BeginSession);
  life.began();
  EXPECT_TRUE(life.running());
  EXPECT_EQ(life.onStateChanged(XR_SESSION_STATE_SYNCHRONIZED), LifecycleAction::None);
  EXPECT_FALSE(life.visible());
  EXPECT_EQ(life.onStateChanged(XR_SESSION_STATE_VISIBLE), LifecycleAction::None);
  EXPECT_TRUE(life.visible());
  EXPECT_FALSE(life.focused());
  EXPECT_EQ(life.onStateChanged(XR_SESSION_STATE_FOCUSED), LifecycleAction::None);
  EXPECT_TRUE(life.focused());
  // Quitting: ask the runtime (once), keep running frames until STOPPING.
  EXPECT_TRUE(life.requestExit());
  EXPECT_FALSE(life.requestExit());
  EXPECT_TRUE(life.running());
  EXPECT_EQ(life.onStateChanged(XR_SESSION_STATE_VISIBLE), LifecycleAction::None);
  EXPECT_EQ(life.onStateChanged(XR_SESSION_STATE_SYNCHRONIZED), LifecycleAction::None);
  EXPECT_EQ(life.onStateChanged(XR_SESSION_STATE_STOPPING), LifecycleAction::EndSession);
  life.ended();
  EXPECT_FALSE(life.running());
  EXPECT_EQ(life.onStateChanged(XR_SESSION_STATE_IDLE), LifecycleAction::None);
  EXPECT_EQ(life.onStateChanged(XR_SESSION_STATE_EXITING), LifecycleAction::DestroyAndQuit);
  const std::vector<XrSessionState> expected = {
      XR_SESSION_STATE_IDLE,         XR_SESSION_STATE_READY,    XR_SESSION_STATE_SYNCHRONIZED,
      XR_SESSION_STATE_VISIBLE,      XR_SESSION_STATE_FOCUSED,  XR_SESSION_STATE_VISIBLE,
      XR_SESSION_STATE_SYNCHRONIZED, XR_SESSION_STATE_STOPPING, XR_SESSION_STATE_IDLE,
      XR_SESSION_STATE_EXITING};
  EXPECT_EQ(life.history(), expected);
}

TEST(XrLifecycle, LossPendingRecreatesTheSessionAndItRunsAgain) {
  SessionLifecycle life;
  life.sessionCreated();
  life.onStateChanged(XR_SESSION_STATE_IDLE);
  ASSERT_EQ(life.onStateChanged(XR_SESSION_STATE_READY), LifecycleAction::BeginSession);
  life.began();
  life.onStateChanged(XR_SESSION_STATE_FOCUSED);
  // The headset is unplugged: no xrEndSession, destroy and make a new session.
  EXPECT_EQ(life.onStateChanged(XR_SESSION_STATE_LOSS_PENDING), LifecycleAction::RecreateSession);
  EXPECT_FALSE(life.running());
  EXPECT_EQ(life.recreations(), 1);
  life.sessionCreated();
  EXPECT_EQ(life.state(), XR_SESSION_STATE_UNKNOWN);
  life.onStateChanged(XR_SESSION_STATE_IDLE);
  EXPECT_EQ(life.onStateChanged(XR_SESSION_STATE_READY), LifecycleAction::BeginSession);
  life.began();
  EXPECT_TRUE(life.running());
  // A session lost by a call's result is handled the same way.
  EXPECT_EQ(life.onSessionLost(), LifecycleAction::RecreateSession);
  EXPECT_EQ(life.recreations(), 2);
}

TEST(XrLifecycle, LossWhileQuittingQuitsAndAnInstanceLossTouchesNothing) {
  SessionLifecycle life;
  life.sessionCreated();
  life.onStateChanged(XR_SESSION_STATE_READY);
  life.began();
  EXPECT_TRUE(life.requestExit());
  EXPECT_EQ(life.onStateChanged(XR_SESSION_STATE_LOSS_PENDING), LifecycleAction::DestroyAndQuit);

  SessionLifecycle other;
  other.sessionCreated();
  other.onStateChanged(XR_SESSION_STATE_READY);
  other.began();
  EXPECT_EQ(other.onInstanceLost(), LifecycleAction::Quit);
  EXPECT_TRUE(other.instanceLost());
  EXPECT_FALSE(other.running());
}

TEST(XrLifecycle, AnExitBeforeTheSessionRunsNeedsNoRuntimeCall) {
  SessionLifecycle life;
  life.sessionCreated();
  life.onStateChanged(XR_SESSION_STATE_IDLE);
  EXPECT_FALSE(life.requestExit());  // nothing runs: the loop may leave at once
  EXPECT_TRUE(life.exitRequested());
  EXPECT_EQ(SessionLifecycle::stateName(XR_SESSION_STATE_LOSS_PENDING), "LOSS_PENDING");
}

// The OpenXR 1.0 spec's component paths per profile ("Interaction Profile Paths"), by hand.
const std::map<std::string, std::map<std::string, std::set<std::string>>>& specPaths() {
  static const std::map<std::string, std::map<std::string, std::set<std::string>>> spec = {
      {"/interaction_profiles/khr/simple_controller",
       {{"both",
         {"/input/select/click", "/input/menu/click", "/input/grip/pose", "/input/aim/pose",
          "/output/haptic"}}}},
      {"/interaction_profiles/oculus/touch_controller",
       {{"left",
         {"/input/x/click", "/input/x/touch", "/input/y/click", "/input/y/touch",
          "/input/menu/click"}},
        {"right",
         {"/input/a/click", "/input/a/touch", "/input/b/click", "/input/b/touch",
          "/input/system/click"}},
        {"both",
         {"/input/squeeze/value", "/input/trigger/value", "/input/trigger/touch",
          "/input/thumbstick/x", "/input/thumbstick/y", "/input/thumbstick/click",
          "/input/thumbstick/touch", "/input/thumbrest/touch", "/input/grip/pose",
          "/input/aim/pose", "/output/haptic"}}}},
      {"/interaction_profiles/valve/index_controller",
       {{"both", {"/input/system/click",   "/input/system/touch",     "/input/a/click",
                  "/input/a/touch",        "/input/b/click",          "/input/b/touch",
                  "/input/squeeze/value",  "/input/squeeze/force",    "/input/trigger/click",
                  "/input/trigger/value",  "/input/trigger/touch",    "/input/thumbstick/x",
                  "/input/thumbstick/y",   "/input/thumbstick/click", "/input/thumbstick/touch",
                  "/input/trackpad/x",     "/input/trackpad/y",       "/input/trackpad/force",
                  "/input/trackpad/touch", "/input/grip/pose",        "/input/aim/pose",
                  "/output/haptic"}}}},
      {"/interaction_profiles/htc/vive_controller",
       {{"both",
         {"/input/system/click", "/input/squeeze/click", "/input/menu/click",
          "/input/trigger/click", "/input/trigger/value", "/input/trackpad/x", "/input/trackpad/y",
          "/input/trackpad/click", "/input/trackpad/touch", "/input/grip/pose", "/input/aim/pose",
          "/output/haptic"}}}},
      {"/interaction_profiles/microsoft/motion_controller",
       {{"both",
         {"/input/menu/click", "/input/squeeze/click", "/input/trigger/value",
          "/input/thumbstick/x", "/input/thumbstick/y", "/input/thumbstick/click",
          "/input/trackpad/x", "/input/trackpad/y", "/input/trackpad/click",
          "/input/trackpad/touch", "/input/grip/pose", "/input/aim/pose", "/output/haptic"}}}},
  };
  return spec;
}

bool validFor(const std::map<std::string, std::set<std::string>>& hands, const std::string& hand,
              const std::string& component) {
  for (const char* key : {"both", hand.c_str()}) {
    const auto it = hands.find(key);
    if (it != hands.end() && it->second.count(component) != 0) return true;
  }
  return false;
}

TEST(XrBindings, EveryPathIsValidForItsProfileAndFitsItsAction) {
  const auto& profiles = suggestedBindings();
  ASSERT_EQ(profiles.size(), 5u);
  for (const ProfileBindings& p : profiles) {
    const auto spec = specPaths().find(std::string(p.profile));
    ASSERT_NE(spec, specPaths().end()) << p.profile;
    std::set<std::string> seen;
    for (const Binding& b : p.bindings) {
      const std::string path(b.path);
      EXPECT_TRUE(seen.insert(path + std::string(actionName(b.action))).second)
          << "duplicate " << path;
      std::string hand;
      for (const char* h : {"left", "right"}) {
        const std::string prefix = std::string("/user/hand/") + h;
        if (path.rfind(prefix, 0) == 0) hand = h;
      }
      ASSERT_FALSE(hand.empty()) << path;
      const std::string component = path.substr(std::string("/user/hand/").size() + hand.size());
      switch (b.action) {
        case ShopAction::Select:
        case ShopAction::Grab:
        case ShopAction::Menu: {
          // A boolean action on a click, touch or value component.
          EXPECT_TRUE(validFor(spec->second, hand, component)) << p.profile << " " << path;
          const bool booleanish = component.ends_with("/click") || component.ends_with("/value") ||
                                  component.ends_with("/touch");
          EXPECT_TRUE(booleanish) << path;
          break;
        }
        case ShopAction::Stick:
          // A vector2 action on a parent whose /x and /y both exist.
          EXPECT_TRUE(validFor(spec->second, hand, component + "/x")) << p.profile << " " << path;
          EXPECT_TRUE(validFor(spec->second, hand, component + "/y")) << p.profile << " " << path;
          break;
        case ShopAction::Aim:
          EXPECT_EQ(component, "/input/aim/pose");
          break;
        case ShopAction::Haptic:
          EXPECT_EQ(component, "/output/haptic");
          break;
      }
    }
    // Both hands can point, select and feel the tick on every profile.
    for (const char* hand : {"/user/hand/left", "/user/hand/right"}) {
      for (ShopAction a : {ShopAction::Aim, ShopAction::Select, ShopAction::Haptic}) {
        bool found = false;
        for (const Binding& b : p.bindings) {
          found = found || (b.action == a && std::string(b.path).rfind(hand, 0) == 0);
        }
        EXPECT_TRUE(found) << p.profile << " " << hand << " " << actionName(a);
      }
    }
  }
}

TEST(XrGaze, EyesOnlyWhenTheSystemTracksThemThisFrame) {
  constexpr XrSpaceLocationFlags kAll =
      XR_SPACE_LOCATION_ORIENTATION_VALID_BIT | XR_SPACE_LOCATION_POSITION_VALID_BIT |
      XR_SPACE_LOCATION_ORIENTATION_TRACKED_BIT | XR_SPACE_LOCATION_POSITION_TRACKED_BIT;
  // The extension advertised on a system without an eye tracker (Monado's simulated HMD).
  EXPECT_EQ(chooseGazeSource({false, true, kAll}), GazeSource::Head);
  // An eye tracker whose action is not active (no permission, not focused).
  EXPECT_EQ(chooseGazeSource({true, false, kAll}), GazeSource::Head);
  // Valid but not tracked (a blink: the runtime repeats the last pose).
  EXPECT_EQ(chooseGazeSource(
                {true, true,
                 XR_SPACE_LOCATION_ORIENTATION_VALID_BIT | XR_SPACE_LOCATION_POSITION_VALID_BIT}),
            GazeSource::Head);
  EXPECT_EQ(chooseGazeSource({true, true, 0}), GazeSource::Head);
  EXPECT_EQ(chooseGazeSource({true, true, kAll}), GazeSource::Eyes);
  EXPECT_EQ(gazeSourceName(GazeSource::Head), "head");
}

TEST(XrValidationLog, CountsTheLayersFindings) {
  const auto file = std::filesystem::temp_directory_path() / "vrmall_xr_validation_test.txt";
  {
    std::ofstream out(file);
    out << "[VALID_ERROR | VUID-XrSystemGetInfo-formFactor-parameter | xrGetSystem]: "
           "XrSystemGetInfo contains invalid XrFormFactor \"formFactor\" enum value 0x4d\n"
        << "  Objects:\n   [0] - XrInstance (0x00005556ca414590)\n"
        << "[VALID_WARNING | VUID-x | xrEndFrame]: something\n"
        << "[VALID_ERROR | VUID-xrGetSystem-getInfo-parameter | xrGetSystem]: Command xrGetSystem "
           "param getInfo is invalid\n";
  }
  const ValidationFindings f = readCoreValidationLog(file);
  EXPECT_EQ(f.errors, 2u);
  EXPECT_EQ(f.warnings, 1u);
  ASSERT_EQ(f.messages.size(), 3u);
  EXPECT_NE(f.messages[0].find("xrGetSystem"), std::string::npos);
  std::filesystem::remove(file);
  EXPECT_EQ(readCoreValidationLog(file).errors, 0u);  // no file: no findings
  EXPECT_EQ(readCoreValidationLog({}).errors, 0u);
}

TEST(XrSwapchainFormat, TheAppsPreferenceWinsOverTheRuntimesOrder) {
  const std::vector<int64_t> offered = {VK_FORMAT_R16G16B16A16_SFLOAT, VK_FORMAT_B8G8R8A8_UNORM,
                                        VK_FORMAT_B8G8R8A8_SRGB, VK_FORMAT_R8G8B8A8_SRGB};
  EXPECT_EQ(Swapchain::choose(offered, {VK_FORMAT_R8G8B8A8_SRGB, VK_FORMAT_B8G8R8A8_SRGB}),
            VK_FORMAT_R8G8B8A8_SRGB);
  // A runtime with UNORM only gets no format from an sRGB-only list (no double gamma).
  EXPECT_EQ(Swapchain::choose({VK_FORMAT_B8G8R8A8_UNORM}, {VK_FORMAT_R8G8B8A8_SRGB}),
            VK_FORMAT_UNDEFINED);
}

}  // namespace
}  // namespace vrmall::engine::xr
