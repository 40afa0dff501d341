// The headset mode as an object: start() builds the runtime's instance, the Vulkan device through
// it, the store, the shopping loop and guide, the controllers and the first session; step() runs
// one iteration (the runtime's events, then one frame while the session runs); finish() tears the
// session and instance down and writes stats.json. runXr drives it; the XR frame benchmark drives
// the same object frame by frame.
#pragma once

#include <array>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "shop_ui.h"
#include "shopping_session.h"
#include "store_scene.h"
#include "vrmall/engine/context.h"
#include "vrmall/engine/imgui_layer.h"
#include "vrmall/engine/overlay_pass.h"
#include "vrmall/engine/renderer.h"
#include "vrmall/engine/xr/controllers.h"
#include "vrmall/engine/xr/session_lifecycle.h"
#include "vrmall/engine/xr/xr_runtime.h"
#include "vrmall/engine/xr/xr_session.h"
#include "walk_area.h"
#include "world_panel.h"
#include "xr_input_script.h"
#include "xr_locomotion.h"
#include "xr_props.h"
#include "xr_run.h"
#include "xr_stats.h"

namespace vrmall::app {

class ComfortVignette;

class XrShoppingApp {
 public:
  // Everything up to a created session; nullptr with `code` set (kXrUnavailable without a
  // usable runtime or headset, 2 for bad input) and the reason printed in one line.
  static std::unique_ptr<XrShoppingApp> start(const XrOptions& options, int& code);
  ~XrShoppingApp();
  XrShoppingApp(const XrShoppingApp&) = delete;
  XrShoppingApp& operator=(const XrShoppingApp&) = delete;

  // The runtime's events, then one frame when the session runs (or a short wait when it does
  // not). False once the run is over (the session exited, the instance was lost, an error).
  bool step();
  // Asks the runtime to end the session (xrRequestExitSession); step() then runs the frames
  // until STOPPING and EXITING arrive.
  void requestExit();
  // Ends what still runs, destroys the session and the instance, writes stats.json and prints the
  // summary. Returns the exit code (0, 2 error, 3 validation errors).
  int finish();

  const XrRunStats& stats() const { return stats_; }
  // The app's own CPU time of the last rendered frame (ms), and how many frames were rendered.
  double lastFrameCpuMs() const { return stats_.appCpuMs.empty() ? 0.0 : stats_.appCpuMs.back(); }
  int framesRendered() const { return rendered_; }

 private:
  struct SessionParts;
  struct Head {
    glm::vec3 stage{0.0F};    // the head's position in the tracking space
    glm::vec3 forward{0.0F};  // its forward (-Z) in the tracking space
  };

  explicit XrShoppingApp(const XrOptions& options);
  bool init(int& code);
  void makeSession();
  bool recreateSession();  // after LOSS_PENDING or XR_ERROR_SESSION_LOST; false: give up
  void destroySession();
  void teardown();
  bool pollEvents();  // false: leave the loop
  void frame();       // one xrWaitFrame .. xrEndFrame; throws XrError
  // The script's steps for this frame, applied over the real hand states.
  bool applyScript(int frameIndex, std::array<engine::xr::HandState, 2>& hands, const Head& head);
  void scriptedAims(std::array<engine::xr::HandState, 2>& hands, const Head& head);
  void locomotion(const std::array<engine::xr::HandState, 2>& hands, const Head& head, float dt);
  void logEventsAndPlans(int frameIndex);
  void writePlan(uint64_t frame);
  int productNamed(const std::string& name) const;

  XrOptions o_;
  std::filesystem::path outDir_;
  std::filesystem::path xrValidationLog_;
  std::optional<XrInputScript> script_;
  std::unique_ptr<engine::xr::Runtime> runtime_;
  std::unique_ptr<engine::Context> context_;
  std::unique_ptr<engine::Renderer> renderer_;
  uint32_t samples_ = 1;
  engine::Scene scene_;
  std::optional<StoreSummary> store_;
  std::unique_ptr<ShoppingSession> shop_;
  WalkArea walkArea_;
  LocomotionConfig locoConfig_;
  std::unique_ptr<Locomotion> loco_;
  std::unique_ptr<XrProps> props_;
  std::ofstream eventsLog_, plansLog_;
  std::unique_ptr<engine::xr::Controllers> controllers_;
  XrRunStats stats_;
  engine::xr::SessionOptions xrSessionOptions_;
  engine::xr::SessionLifecycle life_;
  std::unique_ptr<SessionParts> parts_;
  // The panel's ImGui layer outlives sessions (its render pass is made for the panel's format).
  std::unique_ptr<engine::ImGuiLayer> ui_;
  std::unique_ptr<engine::OverlayPass> panelPass_;
  ShopUi shopUi_;
  WorldPanel panel_;
  FramePerf perf_;

  // Per-frame state.
  std::optional<XrPosef> lastHead_;
  bool placed_ = false;
  std::array<std::optional<std::string>, 2> scriptAim_;     // products held by the script
  std::array<std::optional<glm::vec2>, 2> scriptAimPanel_;  // panel (u, v) held by the script
  std::array<std::optional<glm::vec3>, 2> scriptAimDir_;    // a world direction held
  std::array<glm::vec2, 2> scriptStick_{glm::vec2(0.0F), glm::vec2(0.0F)};
  std::array<int, 2> scriptStickFrames_{0, 0};
  std::optional<XrScriptStep> heldStand_;  // a stand that keeps facing its product
  bool teleportAiming_ = false;
  bool stickWasCentred_ = true;
  float speed_ = 0.0F;
  int rendered_ = 0;
  uint64_t lastPlans_ = 0;
  int selectedBefore_ = -1;
  std::vector<std::string> shotsPending_;
  std::chrono::steady_clock::time_point lastFrameTime_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point idleSince_ = std::chrono::steady_clock::now();
  bool quit_ = false;
  int exitCode_ = 0;
  bool finished_ = false;
  bool everRan_ = false;  // a session has begun at least once
  VkFormat uiFormat_ = VK_FORMAT_UNDEFINED;
};

}  // namespace vrmall::app
