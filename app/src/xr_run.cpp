#include "xr_run.h"

#include <imgui.h>
#include <time.h>

#include <array>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "comfort_vignette.h"
#include "shop_ui.h"
#include "shopping_session.h"
#include "store_scene.h"
#include "vrmall/engine/context.h"
#include "vrmall/engine/image_file.h"
#include "vrmall/engine/imgui_layer.h"
#include "vrmall/engine/overlay_pass.h"
#include "vrmall/engine/renderer.h"
#include "vrmall/engine/xr/controllers.h"
#include "vrmall/engine/xr/gaze_source.h"
#include "vrmall/engine/xr/session_lifecycle.h"
#include "vrmall/engine/xr/validation_log.h"
#include "vrmall/engine/xr/xr_check.h"
#include "vrmall/engine/xr/xr_math.h"
#include "vrmall/engine/xr/xr_runtime.h"
#include "vrmall/engine/xr/xr_session.h"
#include "vrmall/engine/xr/xr_struct.h"
#include "walk_area.h"
#include "world_panel.h"
#include "xr_input_script.h"
#include "xr_locomotion.h"
#include "xr_props.h"
#include "xr_stats.h"

namespace vrmall::app {
namespace {

namespace fs = std::filesystem;
namespace xr = engine::xr;
using nlohmann::json;

constexpr glm::uvec2 kPanelPixels{1280, 800};
constexpr glm::vec2 kPanelMetres{1.0F, 0.625F};
constexpr float kZNear = 0.05F, kZFar = 200.0F;

double threadCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// One line saying what failed and what to do about it.
std::string advice(const xr::XrError& e) {
  switch (e.result()) {
    case XR_ERROR_RUNTIME_UNAVAILABLE:
    case XR_ERROR_RUNTIME_FAILURE:
      return "no OpenXR runtime answered: install one (Monado, SteamVR, WiVRn) and make it the "
             "active runtime, or point XR_RUNTIME_JSON at its manifest";
    case XR_ERROR_FORM_FACTOR_UNAVAILABLE:
      return "the runtime has no headset: connect it and switch it on";
    case XR_ERROR_EXTENSION_NOT_PRESENT:
      return "the runtime lacks XR_KHR_vulkan_enable2: update it";
    default:
      return "the runtime could not start a session; see its log";
  }
}

const char* formatName(VkFormat f) {
  switch (f) {
    case VK_FORMAT_R8G8B8A8_SRGB:
      return "VK_FORMAT_R8G8B8A8_SRGB";
    case VK_FORMAT_B8G8R8A8_SRGB:
      return "VK_FORMAT_B8G8R8A8_SRGB";
    case VK_FORMAT_R16G16B16A16_SFLOAT:
      return "VK_FORMAT_R16G16B16A16_SFLOAT";
    case VK_FORMAT_D32_SFLOAT:
      return "VK_FORMAT_D32_SFLOAT";
    default:
      return "VK_FORMAT_(other)";
  }
}

glm::vec3 forwardOf(const XrPosef& pose) {
  return glm::normalize(-glm::vec3(xr::poseMatrix(pose)[2]));
}

// The eyes' frusta together, from the head: what the shopper may see this frame (the guide holds
// every slot in it). Each eye sits a few centimetres off the head's centre, so the angles are
// widened a little.
engine::View unionView(const std::array<XrView, 2>& views, const XrPosef& head,
                       const glm::mat4& worldFromStage) {
  XrFovf fov;
  fov.angleLeft = std::min(views[0].fov.angleLeft, views[1].fov.angleLeft);
  fov.angleRight = std::max(views[0].fov.angleRight, views[1].fov.angleRight);
  fov.angleUp = std::max(views[0].fov.angleUp, views[1].fov.angleUp);
  fov.angleDown = std::min(views[0].fov.angleDown, views[1].fov.angleDown);
  const float margin = glm::radians(3.0F);
  const float limit = glm::radians(85.0F);
  fov.angleLeft = std::max(-limit, fov.angleLeft - margin);
  fov.angleRight = std::min(limit, fov.angleRight + margin);
  fov.angleUp = std::min(limit, fov.angleUp + margin);
  fov.angleDown = std::max(-limit, fov.angleDown - margin);
  return xr::eyeView(head, fov, worldFromStage, kZNear, kZFar);
}

// The product a script names: a slot id, or the slot showing an ITEM_ID.
int productNamed(const ShoppingSession& session, const StoreSummary& store,
                 const std::string& name) {
  const int bySlot = session.productOfSlot(name);
  if (bySlot >= 0) return bySlot;
  for (const auto& [slot, item] : store.slotItems) {
    if (item == name) return session.productOfSlot(slot);
  }
  return -1;
}

// Everything made per OpenXR session (recreated after LOSS_PENDING).
struct SessionParts {
  std::unique_ptr<xr::Session> session;
  std::unique_ptr<xr::SwapchainTarget> panel;
  std::unique_ptr<ComfortVignette> vignette;
};

}  // namespace

int runXr(const XrOptions& o) {
  std::optional<XrInputScript> script;
  if (!o.inputScript.empty()) {
    try {
      script = XrInputScript::load(o.inputScript);
    } catch (const std::exception& e) {
      std::cerr << "vrmall: " << e.what() << "\n";
      return 2;
    }
  }
  const fs::path outDir = o.outDir.empty() ? fs::path("out") / "xr" : o.outDir;

  // The loader's own error lines would bury the one line below that says what to do (set
  // XR_LOADER_DEBUG=error to see them).
  setenv("XR_LOADER_DEBUG", "none", 0);
  // With the OpenXR core validation layer on, its findings go to a file read back at the end
  // (Debian's layer writes text, not to XR_EXT_debug_utils messengers).
  fs::path xrValidationLog;
  {
    const char* layers = std::getenv("XR_ENABLE_API_LAYERS");
    if (layers != nullptr && std::string(layers).find("core_validation") != std::string::npos) {
      const char* file = std::getenv("XR_CORE_VALIDATION_FILE_NAME");
      if (file == nullptr || *file == '\0') {
        std::error_code mk;
        fs::create_directories(outDir, mk);
        xrValidationLog = outDir / "openxr_validation.txt";
        fs::remove(xrValidationLog, mk);
        setenv("XR_CORE_VALIDATION_EXPORT_TYPE", "text", 1);
        setenv("XR_CORE_VALIDATION_FILE_NAME", xrValidationLog.c_str(), 1);
      } else {
        xrValidationLog = file;
      }
    }
  }

  // The runtime first: without one there is nothing to build the store for.
  std::unique_ptr<xr::Runtime> runtime;
  try {
    runtime = std::make_unique<xr::Runtime>();
  } catch (const xr::XrError& e) {
    std::cerr << "vrmall: no headset: " << e.call() << " returned " << xr::resultName(e.result())
              << " -- " << advice(e) << "\n";
    return kXrUnavailable;
  }
  std::cout << "xr: " << runtime->runtimeName() << " " << runtime->runtimeVersion() << ", "
            << runtime->systemName() << (runtime->eyeGazeSupported() ? ", eye tracking" : "")
            << "\n";

  engine::ContextOptions contextOptions;
  contextOptions.validation = o.validation;
  contextOptions.external = runtime->vulkanCreation();
  std::unique_ptr<engine::Context> context;
  try {
    context = std::make_unique<engine::Context>(contextOptions);
  } catch (const xr::XrError& e) {
    std::cerr << "vrmall: no headset: " << e.call() << " returned " << xr::resultName(e.result())
              << " -- " << advice(e) << "\n";
    return kXrUnavailable;
  }
  const bool software = context->properties().deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU;
  engine::RendererOptions rendererOptions;
  // MSAA costs a software rasteriser more than it gains at CI resolutions.
  rendererOptions.samples = static_cast<uint32_t>(o.msaa > 0 ? o.msaa : (software ? 1 : 4));
  engine::Renderer renderer(*context, rendererOptions);
  engine::Scene scene;
  auto built = StoreScene::buildOrReport(o.storeDir, renderer, scene);
  if (!built) return 2;
  StoreSummary& store = *built;

  SessionOptions sessionOptions;
  sessionOptions.dwell = o.dwell;
  sessionOptions.synchronousGuide = script.has_value();
  sessionOptions.logEvents = true;
  ShoppingSession shop(o.storeDir, store, renderer, scene, sessionOptions);
  WalkArea walkArea;
  try {
    walkArea = WalkArea::fromFile(o.storeDir / "layout.json");
  } catch (const std::exception& e) {
    std::cerr << "vrmall: warning: teleporting without a walk area: " << e.what() << "\n";
  }
  LocomotionConfig locoConfig;
  locoConfig.snapTurnDeg = o.snapTurnDeg;
  locoConfig.smooth = o.smoothLocomotion;
  Locomotion loco(&walkArea, locoConfig);
  XrProps props(renderer, scene);

  std::error_code ec;
  fs::create_directories(outDir, ec);
  std::ofstream eventsLog(outDir / "events.jsonl");
  std::ofstream plansLog(outDir / "plans.jsonl");
  if (ec || !eventsLog || !plansLog) {
    std::cerr << "vrmall: cannot write into " << outDir << "\n";
    return 2;
  }

  auto controllersOwner = std::make_unique<xr::Controllers>(*runtime);
  xr::Controllers& controllers = *controllersOwner;
  XrRunStats stats;
  for (const auto& w : controllers.warnings()) {
    std::cerr << "vrmall: warning: " << w << "\n";
    stats.warnings.push_back(w);
  }
  xr::SessionOptions xrSessionOptions;
  xrSessionOptions.renderScale = o.renderScale;
  xrSessionOptions.submitDepth = o.submitDepth;
  xrSessionOptions.zNear = kZNear;
  xrSessionOptions.zFar = kZFar;

  xr::SessionLifecycle life;
  SessionParts parts;
  // The panel's ImGui layer lives across sessions (its render pass is made for the format).
  std::unique_ptr<engine::ImGuiLayer> ui;
  std::unique_ptr<engine::OverlayPass> panelPass;
  const auto makeSession = [&] {
    parts.session = std::make_unique<xr::Session>(*runtime, *context, xrSessionOptions);
    xr::SwapchainDesc panelDesc;
    panelDesc.extent = {kPanelPixels.x, kPanelPixels.y};
    panelDesc.format = parts.session->colorFormat();
    panelDesc.layers = 1;
    panelDesc.usage = XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_TRANSFER_SRC_BIT;
    parts.panel = std::make_unique<xr::SwapchainTarget>(
        *context, parts.session->createSwapchain(panelDesc), nullptr);
    if (!ui) {
      ui = std::make_unique<engine::ImGuiLayer>(*context, nullptr, panelDesc.format, 3);
      panelPass = std::make_unique<engine::OverlayPass>(*context, 2);
    }
    parts.vignette = std::make_unique<ComfortVignette>(*parts.session, *context);
    controllers.attach(*parts.session);
    life.sessionCreated();
  };
  const auto destroySession = [&] {
    if (!parts.session) return;
    renderer.waitIdle();
    if (panelPass) panelPass->waitIdle();
    parts.vignette.reset();
    parts.panel.reset();
    controllers.detach();  // its action spaces belong to the session
    parts.session.reset();
  };
  // Whatever way this function is left, the session's objects go before the session, and the
  // session before the device.
  struct Cleanup {
    std::function<void()> run;
    ~Cleanup() { run(); }
  } cleanup{[&] {
    destroySession();
    ui.reset();
    panelPass.reset();
    controllersOwner.reset();  // its action set belongs to the instance
  }};
  try {
    makeSession();
  } catch (const xr::XrError& e) {
    std::cerr << "vrmall: no headset: " << e.call() << " returned " << xr::resultName(e.result())
              << " -- " << advice(e) << "\n";
    return kXrUnavailable;
  }

  {
    const auto& views = runtime->views();
    json eyes = json::array();
    const VkExtent2D used = parts.session->eyes().extent();
    for (const auto& v : views) {
      eyes.push_back({{"recommended", {v.recommendedImageRectWidth, v.recommendedImageRectHeight}},
                      {"max", {v.maxImageRectWidth, v.maxImageRectHeight}},
                      {"used", {used.width, used.height}}});
    }
    json offered = json::array();
    for (int64_t f : parts.session->offeredFormats()) offered.push_back(f);
    stats.header = {
        {"runtime", {{"name", runtime->runtimeName()}, {"version", runtime->runtimeVersion()}}},
        {"system", runtime->systemName()},
        {"view_configuration", "PRIMARY_STEREO"},
        {"blend_mode",
         runtime->blendMode() == XR_ENVIRONMENT_BLEND_MODE_OPAQUE ? "OPAQUE" : "OTHER"},
        {"reference_space", xr::referenceSpaceName(parts.session->spaceKind())},
        {"eyes", eyes},
        {"render_scale", o.renderScale},
        {"swapchain",
         {{"format", formatName(parts.session->colorFormat())},
          {"format_value", static_cast<int64_t>(parts.session->colorFormat())},
          {"offered", offered},
          {"array_layers", 2},
          {"depth_submitted", parts.session->depthSubmitted()},
          {"depth_format",
           parts.session->depthSubmitted() ? formatName(engine::Renderer::kDepthFormat) : ""}}},
        {"msaa", rendererOptions.samples},
        {"vulkan_device", context->deviceName()},
        {"eye_gaze",
         {{"extension_enabled", runtime->eyeGazeEnabled()},
          {"system_supports", runtime->eyeGazeSupported()}}},
        {"bindings_accepted", controllers.acceptedProfiles()},
    };
  }
  std::cout << "xr: " << xr::referenceSpaceName(parts.session->spaceKind()) << " space, "
            << parts.session->eyes().extent().width << "x" << parts.session->eyes().extent().height
            << " per eye (recommended " << parts.session->recommendedExtent().width << "x"
            << parts.session->recommendedExtent().height << "), "
            << formatName(parts.session->colorFormat())
            << (parts.session->depthSubmitted() ? ", depth submitted" : "") << "\n";

  ShopUi shopUi;
  shopUi.worldPanel = true;
  shopUi.showPerf = false;
  WorldPanel panel(kPanelMetres, kPanelPixels);
  FramePerf perf;
  stats.framesRequested = static_cast<uint64_t>(o.frames);

  // Per-frame state.
  std::optional<XrPosef> lastHead;
  bool placed = false;
  std::array<std::optional<std::string>, 2> scriptAim;     // product names held by the script
  std::array<std::optional<glm::vec2>, 2> scriptAimPanel;  // panel (u, v) held by the script
  std::array<glm::vec2, 2> scriptStick{glm::vec2(0.0F), glm::vec2(0.0F)};
  std::array<int, 2> scriptStickFrames{0, 0};
  std::optional<XrScriptStep> heldStand;  // a stand that keeps facing its product
  bool teleportAiming = false;
  bool stickWasCentred = true;
  float speed = 0.0F;
  int rendered = 0;  // frames with content submitted
  uint64_t lastPlans = 0;
  int selectedBefore = -1;
  std::vector<std::string> shotsPending;
  auto lastFrameTime = std::chrono::steady_clock::now();
  bool quit = false;
  int exitCode = 0;
  auto idleSince = std::chrono::steady_clock::now();

  const auto writePlan = [&](uint64_t frame) {
    const rec::ShelfPlan* plan = shop.appliedPlan();
    if (plan == nullptr) return;
    const auto& states = shop.slotStates();
    json slots = json::array();
    for (size_t g = 0; g < plan->slots.size() && g < states.size(); ++g) {
      slots.push_back({{"slot", plan->slots[g].slot_id},
                       {"planned", plan->slots[g].item_id},
                       {"shown", shop.itemIdOf(states[g].item)},
                       {"in_view", states[g].in_view}});
    }
    plansLog << json{{"frame", frame},
                     {"version", plan->version},
                     {"compute_us", plan->compute_us},
                     {"slots", slots}}
                    .dump()
             << "\n";
  };

  while (!quit) {
    // Events first, every iteration.
    try {
      XrEventDataBuffer event;
      while (!quit && runtime->pollEvent(event)) {
        switch (event.type) {
          case XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED: {
            const auto& changed = reinterpret_cast<const XrEventDataSessionStateChanged&>(event);
            if (!parts.session || changed.session != parts.session->handle()) break;
            const xr::LifecycleAction action = life.onStateChanged(changed.state);
            stats.states.push_back(xr::SessionLifecycle::stateName(changed.state));
            switch (action) {
              case xr::LifecycleAction::BeginSession:
                parts.session->begin();
                life.began();
                break;
              case xr::LifecycleAction::EndSession:
                parts.session->end();
                life.ended();
                break;
              case xr::LifecycleAction::RecreateSession:
                std::cerr << "vrmall: the runtime is losing the session; making a new one\n";
                destroySession();
                try {
                  makeSession();
                } catch (const xr::XrError& e) {
                  std::cerr << "vrmall: no new session: " << e.what() << "\n";
                  quit = true;
                }
                break;
              case xr::LifecycleAction::DestroyAndQuit:
              case xr::LifecycleAction::Quit:
                quit = true;
                break;
              case xr::LifecycleAction::None:
                break;
            }
            break;
          }
          case XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING:
            life.onInstanceLost();
            stats.states.push_back("INSTANCE_LOSS_PENDING");
            quit = true;
            break;
          case XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED:
            if (parts.session) controllers.readProfiles(*parts.session);
            break;
          case XR_TYPE_EVENT_DATA_REFERENCE_SPACE_CHANGE_PENDING:
            placed = false;  // the floor or origin moved: stand at the same store spot again
            break;
          default:
            break;
        }
      }
    } catch (const xr::XrError& e) {
      std::cerr << "vrmall: " << e.what() << "\n";
      if (e.result() == XR_ERROR_INSTANCE_LOST) life.onInstanceLost();
      break;
    }
    if (quit) break;
    if (!life.running()) {
      // IDLE before READY, or between sessions: the runtime needs no frames; wait for events.
      // A runtime that never gets the session going must not hang a test run.
      if (std::chrono::steady_clock::now() - idleSince > std::chrono::seconds(20)) {
        std::cerr << "vrmall: the OpenXR session has not run for 20 s (state "
                  << xr::SessionLifecycle::stateName(life.state()) << "); giving up\n";
        exitCode = kXrUnavailable;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      continue;
    }

    idleSince = std::chrono::steady_clock::now();
    xr::Session& session = *parts.session;
    try {
      const xr::FrameState frame = session.waitFrame();
      ++stats.framesWaited;
      stats.displayPeriodMsSum += static_cast<double>(frame.predictedDisplayPeriod) / 1e6;
      session.beginFrame();
      ++stats.framesBegun;
      const double cpuStart = threadCpuMs();
      const auto now = std::chrono::steady_clock::now();
      // A script runs on a fixed step so the same script gives the same run; a person gets the
      // runtime's frame period (capped: a stall must not teleport them).
      const float dt =
          script ? 1.0F / 30.0F
                 : std::min(0.1F, std::chrono::duration<float>(now - lastFrameTime).count());
      lastFrameTime = now;
      const int frameIndex = static_cast<int>(stats.framesEnded);
      const bool exitAsked = life.exitRequested();
      if (exitAsked) ++stats.framesAfterExitRequest;

      controllers.sync(session, frame.predictedDisplayTime, life.focused());
      std::array<xr::HandState, 2> hands = {controllers.hand(xr::kLeft),
                                            controllers.hand(xr::kRight)};
      XrPosef headPose{};
      const bool headValid =
          session.locate(session.viewSpace(), frame.predictedDisplayTime, headPose);
      if (headValid) lastHead = headPose;
      const glm::vec3 headStage =
          lastHead ? xr::toGlm(lastHead->position) : glm::vec3(0.0F, store.eyeHeight, 0.0F);
      const glm::vec3 headFwdStage = lastHead ? forwardOf(*lastHead) : glm::vec3(0, 0, -1);
      if (!placed && lastHead) {
        // The shopper starts at the store's entrance facing in, wherever they stand in their
        // room. A LOCAL space has its origin at the head: lift it by the avatar's eye height.
        if (session.spaceKind() == xr::ReferenceSpaceKind::Local) {
          loco.setFloorOffset(static_cast<float>(shop.avatar().heightCm) * 0.0093F);
        }
        loco.place(glm::vec2(store.spawn.x, store.spawn.z), store.spawnYawDeg, headStage,
                   headFwdStage);
        placed = true;
      }

      // The script: injected where the real states were just read.
      bool quitNow = false;
      if (script && !exitAsked) {
        for (int h = 0; h < 2; ++h) {
          if (scriptStickFrames[h] > 0) {
            hands[h].stickX = scriptStick[h].x;
            hands[h].stickY = scriptStick[h].y;
            --scriptStickFrames[h];
          }
        }
        // A stand that keeps facing its product is applied again every frame.
        std::vector<XrScriptStep> steps = script->at(frameIndex);
        bool newStand = false;
        for (const XrScriptStep& step : steps) newStand = newStand || step.standAt.has_value();
        if (!newStand && heldStand) steps.insert(steps.begin(), *heldStand);
        for (const XrScriptStep& step : steps) {
          xr::HandState& hand = hands[step.hand];
          if (step.standAt) {
            float yaw = step.standYawDeg.value_or(0.0F);
            if (step.standFace) {
              const int p = productNamed(shop, store, *step.standFace);
              if (p < 0) {
                std::cerr << "vrmall: " << o.inputScript.string() << ": frame " << frameIndex
                          << ": no product '" << *step.standFace << "' in the store\n";
                return 2;
              }
              const glm::vec3 c = shop.productBounds(p).center();
              yaw = glm::degrees(std::atan2(c.x - step.standAt->x, c.z - step.standAt->y));
            }
            loco.place(*step.standAt, yaw, headStage, headFwdStage);
            placed = true;
            if (step.keepFacing) {
              XrScriptStep held;
              held.standAt = step.standAt;
              held.standFace = step.standFace;
              held.keepFacing = true;
              heldStand = held;
            } else {
              heldStand.reset();
            }
          }
          if (step.aimRelease) {
            scriptAim[step.hand].reset();
            scriptAimPanel[step.hand].reset();
          }
          if (step.aimAt) {
            if (productNamed(shop, store, *step.aimAt) < 0) {
              std::cerr << "vrmall: " << o.inputScript.string() << ": frame " << frameIndex
                        << ": no product '" << *step.aimAt << "' in the store\n";
              return 2;
            }
            scriptAim[step.hand] = *step.aimAt;
            scriptAimPanel[step.hand].reset();
          }
          if (step.aimPanel) {
            scriptAimPanel[step.hand] = *step.aimPanel;
            scriptAim[step.hand].reset();
          }
          if (step.select) hand.selectPressed = hand.select = true;
          if (step.grab) hand.grabPressed = hand.grab = true;
          if (step.menu) hand.menuPressed = true;
          if (step.stick) {
            scriptStick[step.hand] = *step.stick;
            scriptStickFrames[step.hand] = step.stickFrames;
            hand.stickX = step.stick->x;
            hand.stickY = step.stick->y;
          }
          if (step.snapTurn != 0 || step.teleport) heldStand.reset();  // moving on
          if (step.snapTurn != 0) {
            loco.snapTurn(step.snapTurn, headStage);
            ++stats.snapTurns;
          }
          if (step.teleport) {
            if (loco.teleport(*step.teleport, headStage)) {
              ++stats.teleports;
            } else {
              ++stats.teleportsRefused;
            }
          }
          if (!step.screenshot.empty()) shotsPending.push_back(step.screenshot);
          quitNow = quitNow || step.quit;
        }
      }

      glm::mat4 worldFromStage = loco.worldFromStage();
      const glm::vec3 headWorld = loco.headInWorld(headStage);
      const glm::vec3 headFwdWorld = glm::normalize(glm::mat3(worldFromStage) * headFwdStage);
      // Scripted aims: a ray from where a hand would be (below and beside the head) to the
      // product's centre or the panel point.
      for (int h = 0; h < 2; ++h) {
        std::optional<glm::vec3> target;
        if (scriptAim[h]) {
          const int p = productNamed(shop, store, *scriptAim[h]);
          if (p >= 0) target = shop.productBounds(p).center();
        } else if (scriptAimPanel[h]) {
          const glm::vec2 uv = *scriptAimPanel[h];
          const glm::vec4 local((uv.x - 0.5F) * kPanelMetres.x, (0.5F - uv.y) * kPanelMetres.y,
                                0.0F, 1.0F);
          target = glm::vec3(panel.worldFromPanel() * local);
        }
        if (!target) continue;
        const glm::vec3 right = glm::normalize(glm::cross(headFwdWorld, glm::vec3(0, 1, 0)));
        const glm::vec3 handWorld =
            headWorld + right * (h == 1 ? 0.2F : -0.2F) + glm::vec3(0.0F, -0.35F, 0.0F);
        const glm::vec3 dir = glm::normalize(*target - handWorld);
        // Back into the stage space the real aim pose lives in.
        const glm::mat4 stageFromWorld = glm::inverse(worldFromStage);
        const glm::vec3 originStage = glm::vec3(stageFromWorld * glm::vec4(handWorld, 1.0F));
        const glm::vec3 dirStage = glm::normalize(glm::mat3(stageFromWorld) * dir);
        const glm::quat q = xr::rotationBetween(glm::vec3(0, 0, -1), dirStage);
        hands[h].aim.orientation = xr::toXr(q);
        hands[h].aim.position = xr::toXr(originStage);
        hands[h].aimValid = true;
        hands[h].active = true;
      }

      // Locomotion: the right stick teleports (push forward to aim, release to go) and
      // snap-turns (flick sideways); the left stick glides when smooth locomotion is on.
      const xr::HandState& right = hands[xr::kRight];
      std::optional<TeleportArc> arc;
      if (right.aimValid) {
        const xr::WorldRay aim = xr::forwardRay(right.aim, worldFromStage);
        if (right.stickY > 0.7F) {
          teleportAiming = true;
          arc = loco.arc(aim.origin, aim.direction, headStage);
        } else if (teleportAiming && right.stickY < 0.3F) {
          const TeleportArc last = loco.arc(aim.origin, aim.direction, headStage);
          if (last.valid && loco.teleport({last.landing->x, last.landing->z}, headStage)) {
            ++stats.teleports;
          } else {
            ++stats.teleportsRefused;
          }
          teleportAiming = false;
        }
      }
      if (std::abs(right.stickX) > 0.7F && stickWasCentred && !teleportAiming) {
        loco.snapTurn(right.stickX < 0 ? -1 : 1, headStage);
        ++stats.snapTurns;
        stickWasCentred = false;
      } else if (std::abs(right.stickX) < 0.3F) {
        stickWasCentred = true;
      }
      speed = 0.0F;
      if (locoConfig.smooth) {
        speed = loco.walk({hands[xr::kLeft].stickX, hands[xr::kLeft].stickY}, headFwdWorld, dt,
                          headStage);
      }
      props.setArc(arc ? &*arc : nullptr);
      worldFromStage = loco.worldFromStage();

      // The gaze ray: eyes where tracked this frame, else the head.
      const xr::GazeSource source = xr::chooseGazeSource(controllers.eyeSample());
      stats.gaze(std::string(xr::gazeSourceName(source)));
      const xr::WorldRay gaze =
          xr::forwardRay(source == xr::GazeSource::Eyes ? controllers.eyePose()
                                                        : lastHead.value_or(xr::identityPose()),
                         worldFromStage);

      // The pointer: the right controller's aim, else the left's. It presses the panel where it
      // meets it, else selects and picks up what it points at.
      int pointerHand = hands[xr::kRight].aimValid ? 1 : (hands[xr::kLeft].aimValid ? 0 : -1);
      std::optional<PanelHit> panelHit;
      int aimed = -1;
      for (int h = 0; h < 2; ++h) {
        if (!hands[h].aimValid) {
          props.setBeam(h, std::nullopt);
          continue;
        }
        const xr::WorldRay ray = xr::forwardRay(hands[h].aim, worldFromStage);
        const PointerRay p{ray.origin, ray.direction};
        std::optional<PanelHit> hit = panel.visible ? panel.hit(p) : std::nullopt;
        const int product = shop.pick(p);
        float length = 3.0F;
        if (hit)
          length = hit->distance;
        else if (product >= 0)
          length = glm::length(shop.productBounds(product).center() - ray.origin);
        props.setBeam(h, XrProps::Beam{ray.origin, ray.direction, length});
        if (h == pointerHand) {
          panelHit = hit;
          aimed = hit ? -1 : product;
        }
      }

      // What the shopper sees (both eyes, from the head) and what they look at.
      std::array<XrView, 2> views{};
      const bool viewsValid =
          frame.shouldRender && session.locateViews(frame.predictedDisplayTime, views);
      if (frame.shouldRender) ++stats.framesShouldRender;
      if (viewsValid && placed) {
        const engine::View seen =
            unionView(views, lastHead.value_or(views[0].pose), worldFromStage);
        // Gaze resting on the panel is not a look at a product behind it.
        const PointerRay gazeRay{gaze.origin, gaze.direction};
        const bool onPanel = panel.visible && panel.hit(gazeRay).has_value();
        shop.update(seen, onPanel ? std::nullopt : std::optional<PointerRay>(gazeRay), dt);
        stats.look(shop.hovered() >= 0 ? shop.info(shop.hovered()).slotId : "");
      }

      // Buttons.
      if (pointerHand >= 0) {
        const xr::HandState& hand = hands[pointerHand];
        if (hand.selectPressed) {
          ++stats.selects;
          if (panelHit) {
            ++stats.panelClicks;
          } else if (aimed >= 0) {
            shop.select(aimed);
          }
          if (life.focused()) {
            controllers.tick(session, pointerHand == 0 ? xr::kLeft : xr::kRight);
            ++stats.hapticTicks;
          }
        }
        if (hand.grabPressed) {
          ++stats.grabs;
          const int target = aimed >= 0 ? aimed : shop.selected();
          if (target >= 0) shop.pickUp(target);
        }
      }
      for (const auto& hand : hands) {
        if (!hand.menuPressed) continue;
        ++stats.menuPresses;
        panel.visible = !panel.visible;
        if (panel.visible) panel.placeInFront(headWorld, headFwdWorld);
      }
      // A newly selected product brings the panel (its card) up in front of the shopper.
      if (shop.selected() >= 0 && shop.selected() != selectedBefore) {
        panel.visible = true;
        panel.placeInFront(headWorld, headFwdWorld);
      }
      selectedBefore = shop.selected();

      for (PostedEvent& e : shop.takePostedEvents()) {
        ++stats.events[e.type];
        eventsLog << json{{"frame", frameIndex}, {"type", e.type},   {"slot", e.slot},
                          {"item", e.item},      {"value", e.value}, {"seconds", e.seconds}}
                         .dump()
                  << "\n";
      }
      if (shop.counters().plansApplied != lastPlans) {
        lastPlans = shop.counters().plansApplied;
        writePlan(stats.framesEnded);
      }

      // Render: the panel into its swapchain, both eyes into theirs, then the layers.
      std::vector<const XrCompositionLayerBaseHeader*> layers;
      XrCompositionLayerQuad quad{};
      const bool lastContentFrame = o.frames > 0 && rendered + 1 == o.frames;
      const bool capture =
          viewsValid && placed && !exitAsked && (lastContentFrame || !shotsPending.empty());
      if (viewsValid && placed && !exitAsked) {
        if (panel.visible) {
          ui->newFrame({kPanelPixels.x, kPanelPixels.y}, [&](ImGuiIO& io) {
            io.DeltaTime = dt;
            io.FontGlobalScale = 1.6F;
            io.MousePos = panelHit ? ImVec2(panelHit->pixel.x, panelHit->pixel.y)
                                   : ImVec2(-FLT_MAX, -FLT_MAX);
            io.MouseDown[0] = panelHit.has_value() && pointerHand >= 0 && hands[pointerHand].select;
          });
          shopUi.draw(shop, perf, glm::mat4(1.0F), glm::vec2(kPanelPixels), false);
          ui->render();
          if (capture) parts.panel->requestCapture();
          panelPass->render(*parts.panel, *ui, glm::vec4(0.0F));
        }
        const std::array<engine::View, 2> eyeViews = {
            xr::eyeView(views[0].pose, views[0].fov, worldFromStage, kZNear, kZFar),
            xr::eyeView(views[1].pose, views[1].fov, worldFromStage, kZNear, kZFar)};
        if (capture) session.eyes().requestCapture();
        perf.stats = renderer.render(scene, eyeViews, session.eyes());
        perf.renderCpuMs = perf.stats.cpuMs;
        stats.renderCpuMs.push_back(perf.stats.cpuMs);
        layers.push_back(session.projectionLayer(views));
        if (panel.visible) {
          quad = engine::xr::xrStruct<XrCompositionLayerQuad>(XR_TYPE_COMPOSITION_LAYER_QUAD);
          quad.layerFlags = XR_COMPOSITION_LAYER_BLEND_TEXTURE_SOURCE_ALPHA_BIT;
          quad.space = session.appSpace();
          quad.eyeVisibility = XR_EYE_VISIBILITY_BOTH;
          quad.subImage.swapchain = parts.panel->color().handle();
          quad.subImage.imageRect = {
              {0, 0}, {static_cast<int32_t>(kPanelPixels.x), static_cast<int32_t>(kPanelPixels.y)}};
          quad.pose = xr::poseFromMatrix(glm::inverse(worldFromStage) * panel.worldFromPanel());
          quad.size = {kPanelMetres.x, kPanelMetres.y};
          layers.push_back(reinterpret_cast<const XrCompositionLayerBaseHeader*>(&quad));
        }
        if (const auto* v =
                parts.vignette->layer(vignetteStrength(speed, locoConfig.smoothSpeed))) {
          layers.push_back(v);
          ++stats.vignetteFrames;
        }
        ++rendered;
      }
      const double cpuMs = threadCpuMs() - cpuStart;
      if (viewsValid && placed && !exitAsked) {
        stats.appCpuMs.push_back(cpuMs);
        if (cpuMs > static_cast<double>(frame.predictedDisplayPeriod) / 1e6) ++stats.overBudget;
      }
      session.endFrame(frame.predictedDisplayTime, layers);
      ++stats.framesEnded;
      if (!layers.empty()) ++stats.framesWithLayers;

      if (capture) {
        const std::vector<std::string> names =
            shotsPending.empty() ? std::vector<std::string>{""} : shotsPending;
        const std::vector<engine::RgbaImage> eyes = session.eyes().takeCapture();
        const std::vector<engine::RgbaImage> panelImage =
            panel.visible ? parts.panel->takeCapture() : std::vector<engine::RgbaImage>{};
        for (const std::string& stem : names) {
          const std::string prefix = stem.empty() ? "" : stem + "_";
          for (size_t e = 0; e < eyes.size() && e < 2; ++e) {
            const fs::path file = outDir / (prefix + (e == 0 ? "left.png" : "right.png"));
            if (engine::writePng(file, eyes[e])) stats.screenshots.push_back(file.string());
          }
          if (!panelImage.empty()) {
            const fs::path file = outDir / (prefix + "panel.png");
            if (engine::writePng(file, panelImage[0])) stats.screenshots.push_back(file.string());
          }
        }
        shotsPending.clear();
      }
      if ((o.frames > 0 && rendered >= o.frames) || quitNow) {
        if (life.requestExit()) session.requestExit();
      }
    } catch (const xr::XrError& e) {
      if (e.result() == XR_ERROR_SESSION_LOST) {
        std::cerr << "vrmall: " << e.what() << "; making a new session\n";
        life.onSessionLost();
        destroySession();
        try {
          makeSession();
          continue;
        } catch (const xr::XrError& again) {
          std::cerr << "vrmall: no new session: " << again.what() << "\n";
        }
      } else {
        std::cerr << "vrmall: " << e.what() << "\n";
        if (e.result() == XR_ERROR_INSTANCE_LOST) life.onInstanceLost();
      }
      exitCode = e.lost() ? 0 : 2;
      break;
    }
  }
  if (life.running() && parts.session && !life.instanceLost()) {
    // Leaving without STOPPING (an error): end what began.
    try {
      parts.session->end();
    } catch (const xr::XrError&) {
    }
  }
  renderer.waitIdle();
  if (panelPass) panelPass->waitIdle();

  // The report.
  stats.header["interaction_profiles"] = {{"left", controllers.profile(xr::kLeft)},
                                          {"right", controllers.profile(xr::kRight)}};
  json report = stats.toJson();
  const SessionCounters& c = shop.counters();
  const rec::ShelfPlan* plan = shop.appliedPlan();
  report["guide"] = {{"running", shop.guideRunning()},
                     {"train_ms", shop.guideTrainMs()},
                     {"events", c.eventsPosted},
                     {"plans_applied", c.plansApplied},
                     {"slots_swapped", c.slotsSwapped},
                     {"in_view_swaps_refused", c.inViewSwapsRefused},
                     {"plan_version", plan != nullptr ? plan->version : 0}};
  const ProductInfo& selected = shop.info(shop.selected());
  report["selected"] = {
      {"slot", selected.slotId}, {"item", selected.itemId}, {"name", selected.name}};
  report["panel"] = {{"visible", panel.visible}};
  const glm::vec3 origin = loco.origin();
  report["locomotion"] = {{"origin", {origin.x, origin.y, origin.z}},
                          {"yaw_deg", glm::degrees(loco.yawRad())},
                          {"smooth", locoConfig.smooth},
                          {"snap_turn_deg", locoConfig.snapTurnDeg}};
  if (lastHead) {
    const glm::vec3 h = loco.headInWorld(xr::toGlm(lastHead->position));
    report["locomotion"]["head"] = {h.x, h.y, h.z};
  }
  const auto vk = context->validationCounts();
  const auto xrCounts = runtime->messageCounts();
  const std::vector<std::string> xrMessages = runtime->messages();
  // The layer's file is complete once the instance is gone.
  cleanup.run();
  cleanup.run = [] {};
  runtime.reset();
  const xr::ValidationFindings findings = xr::readCoreValidationLog(xrValidationLog);
  const uint32_t xrErrors = xrCounts.error + findings.errors;
  const uint32_t xrWarnings = xrCounts.warning + findings.warnings;
  std::vector<std::string> xrAll = xrMessages;
  xrAll.insert(xrAll.end(), findings.messages.begin(), findings.messages.end());
  report["validation"] = {{"vulkan", {{"error", vk.error}, {"warning", vk.warning}}},
                          {"openxr",
                           {{"error", xrErrors},
                            {"warning", xrWarnings},
                            {"core_validation_layer", !xrValidationLog.empty()}}}};
  report["validation_messages"] = {{"vulkan", context->validationMessages()}, {"openxr", xrAll}};
  std::ofstream(outDir / "stats.json") << report.dump(2) << "\n";

  const double p99 = percentile(stats.appCpuMs, 0.99);
  std::cout << "xr: " << stats.framesEnded << " frames ended (" << rendered << " rendered), states";
  for (const auto& s : stats.states) std::cout << " " << s;
  std::cout << "; app cpu p50 " << percentile(stats.appCpuMs, 0.5) << " ms, p99 " << p99
            << " ms; gaze head " << stats.gazeCounts["head"] << ", eyes "
            << stats.gazeCounts["eyes"] << "; validation errors " << vk.error << ", warnings "
            << vk.warning << "; openxr errors " << xrErrors << ", warnings " << xrWarnings << "\n";
  std::cout << "guide: " << c.eventsPosted << " events, " << c.plansApplied << " plans applied, "
            << c.slotsSwapped << " slots swapped\n";
  std::cout << "xr: wrote " << (outDir / "stats.json").string() << "\n";

  if (exitCode != 0) return exitCode;
  if (vk.error > 0 || xrErrors > 0) return 3;
  return 0;
}

}  // namespace vrmall::app
