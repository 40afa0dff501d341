#include "xr_shopping_app.h"

#include <imgui.h>
#include <time.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "comfort_vignette.h"
#include "vrmall/engine/image_file.h"
#include "vrmall/engine/xr/gaze_source.h"
#include "vrmall/engine/xr/validation_log.h"
#include "vrmall/engine/xr/xr_check.h"
#include "vrmall/engine/xr/xr_math.h"
#include "vrmall/engine/xr/xr_struct.h"

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

// What to do about a failed start, in the line that reports it.
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
      return "the runtime could not start a session; see its log (XR_LOADER_DEBUG=error)";
  }
}

void reportUnavailable(const xr::XrError& e) {
  std::cerr << "vrmall: no headset: " << e.call() << " returned " << xr::resultName(e.result())
            << " -- " << advice(e) << "\n";
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

// With the OpenXR core validation layer on, its findings go to a file read back at the end
// (Debian's layer writes text, not to XR_EXT_debug_utils messengers).
fs::path validationLogFor(const fs::path& outDir) {
  const char* layers = std::getenv("XR_ENABLE_API_LAYERS");
  if (layers == nullptr || std::string(layers).find("core_validation") == std::string::npos) {
    return {};
  }
  const char* file = std::getenv("XR_CORE_VALIDATION_FILE_NAME");
  if (file != nullptr && *file != '\0') return file;
  std::error_code ec;
  fs::create_directories(outDir, ec);
  const fs::path log = outDir / "openxr_validation.txt";
  fs::remove(log, ec);
  setenv("XR_CORE_VALIDATION_EXPORT_TYPE", "text", 1);
  setenv("XR_CORE_VALIDATION_FILE_NAME", log.c_str(), 1);
  return log;
}

}  // namespace

// Everything made per OpenXR session (made again after LOSS_PENDING).
struct XrShoppingApp::SessionParts {
  std::unique_ptr<xr::Session> session;
  std::unique_ptr<xr::SwapchainTarget> panel;
  std::unique_ptr<ComfortVignette> vignette;
};

XrShoppingApp::XrShoppingApp(const XrOptions& options)
    : o_(options),
      outDir_(options.outDir.empty() ? fs::path("out") / "xr" : options.outDir),
      parts_(std::make_unique<SessionParts>()),
      panel_(kPanelMetres, kPanelPixels) {
  shopUi_.worldPanel = true;
  shopUi_.showPerf = false;
  stats_.framesRequested = static_cast<uint64_t>(options.frames);
}

XrShoppingApp::~XrShoppingApp() {
  teardown();
}

std::unique_ptr<XrShoppingApp> XrShoppingApp::start(const XrOptions& options, int& code) {
  std::unique_ptr<XrShoppingApp> app(new XrShoppingApp(options));
  if (!app->init(code)) return nullptr;
  code = 0;
  return app;
}

bool XrShoppingApp::init(int& code) {
  if (!o_.inputScript.empty()) {
    try {
      script_ = XrInputScript::load(o_.inputScript);
    } catch (const std::exception& e) {
      std::cerr << "vrmall: " << e.what() << "\n";
      code = 2;
      return false;
    }
  }
  // The loader's own error lines would bury the one line that says what to do (set
  // XR_LOADER_DEBUG=error to see them).
  setenv("XR_LOADER_DEBUG", "none", 0);
  xrValidationLog_ = validationLogFor(outDir_);

  // The runtime first: without one there is nothing to build the store for.
  code = kXrUnavailable;
  try {
    runtime_ = std::make_unique<xr::Runtime>();
  } catch (const xr::XrError& e) {
    reportUnavailable(e);
    return false;
  }
  std::cout << "xr: " << runtime_->runtimeName() << " " << runtime_->runtimeVersion() << ", "
            << runtime_->systemName() << (runtime_->eyeGazeSupported() ? ", eye tracking" : "")
            << "\n";
  engine::ContextOptions contextOptions;
  contextOptions.validation = o_.validation;
  contextOptions.external = runtime_->vulkanCreation();
  try {
    context_ = std::make_unique<engine::Context>(contextOptions);
  } catch (const xr::XrError& e) {
    reportUnavailable(e);
    return false;
  } catch (const std::exception& e) {
    // The Vulkan instance or device the runtime made for its headset is not one we can use.
    std::cerr << "vrmall: no headset: the runtime's Vulkan device cannot run vrmall -- " << e.what()
              << "\n";
    return false;
  }

  code = 2;
  const bool software = context_->properties().deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU;
  engine::RendererOptions rendererOptions;
  // MSAA costs a software rasteriser more than it gains at CI resolutions.
  samples_ = static_cast<uint32_t>(o_.msaa > 0 ? o_.msaa : (software ? 1 : 4));
  rendererOptions.samples = samples_;
  renderer_ = std::make_unique<engine::Renderer>(*context_, rendererOptions);
  store_ = StoreScene::buildOrReport(o_.storeDir, *renderer_, scene_);
  if (!store_) return false;

  SessionOptions sessionOptions;
  sessionOptions.dwell = o_.dwell;
  sessionOptions.synchronousGuide = script_.has_value() && o_.scriptSyncsGuide;
  sessionOptions.logEvents = true;
  if (!o_.noProfile) {
    if (!o_.profileDir.empty()) {
      sessionOptions.profileDir = o_.profileDir;
    } else if (!script_ && o_.frames == 0) {
      sessionOptions.profileDir = ShopperStore::defaultDir();
    }
  }
  shop_ =
      std::make_unique<ShoppingSession>(o_.storeDir, *store_, *renderer_, scene_, sessionOptions);
  try {
    walkArea_ = WalkArea::fromFile(o_.storeDir / "layout.json");
  } catch (const std::exception& e) {
    std::cerr << "vrmall: warning: teleporting without a walk area: " << e.what() << "\n";
  }
  locoConfig_.snapTurnDeg = o_.snapTurnDeg;
  locoConfig_.smooth = o_.smoothLocomotion;
  loco_ = std::make_unique<Locomotion>(&walkArea_, locoConfig_);
  props_ = std::make_unique<XrProps>(*renderer_, scene_);

  std::error_code ec;
  fs::create_directories(outDir_, ec);
  eventsLog_.open(outDir_ / "events.jsonl");
  plansLog_.open(outDir_ / "plans.jsonl");
  if (ec || !eventsLog_ || !plansLog_) {
    std::cerr << "vrmall: cannot write into " << outDir_ << "\n";
    return false;
  }

  controllers_ = std::make_unique<xr::Controllers>(*runtime_);
  for (const auto& w : controllers_->warnings()) {
    std::cerr << "vrmall: warning: " << w << "\n";
    stats_.warnings.push_back(w);
  }
  xrSessionOptions_.renderScale = o_.renderScale;
  // Per-eye passes resolve MSAA depth into the second layer through an attachment resolve, which
  // the drivers that need per-eye passes (lavapipe) get wrong: no depth layer then.
  xrSessionOptions_.submitDepth =
      o_.submitDepth && !(renderer_->drawsViewsOneByOne() && samples_ > 1);
  xrSessionOptions_.zNear = kZNear;
  xrSessionOptions_.zFar = kZFar;
  code = kXrUnavailable;
  try {
    makeSession();
  } catch (const xr::XrError& e) {
    reportUnavailable(e);
    return false;
  }

  xr::Session& session = *parts_->session;
  json eyes = json::array();
  const VkExtent2D used = session.eyes().extent();
  for (const auto& v : runtime_->views()) {
    eyes.push_back({{"recommended", {v.recommendedImageRectWidth, v.recommendedImageRectHeight}},
                    {"max", {v.maxImageRectWidth, v.maxImageRectHeight}},
                    {"used", {used.width, used.height}}});
  }
  json offered = json::array();
  for (int64_t f : session.offeredFormats()) offered.push_back(f);
  stats_.header = {
      {"runtime", {{"name", runtime_->runtimeName()}, {"version", runtime_->runtimeVersion()}}},
      {"system", runtime_->systemName()},
      {"view_configuration", "PRIMARY_STEREO"},
      {"blend_mode",
       runtime_->blendMode() == XR_ENVIRONMENT_BLEND_MODE_OPAQUE ? "OPAQUE" : "OTHER"},
      {"reference_space", xr::referenceSpaceName(session.spaceKind())},
      {"eyes", eyes},
      {"render_scale", o_.renderScale},
      {"swapchain",
       {{"format", formatName(session.colorFormat())},
        {"format_value", static_cast<int64_t>(session.colorFormat())},
        {"offered", offered},
        {"array_layers", 2},
        {"depth_submitted", session.depthSubmitted()},
        {"depth_format",
         session.depthSubmitted() ? formatName(engine::Renderer::kDepthFormat) : ""}}},
      {"msaa", samples_},
      {"two_views", renderer_->drawsViewsOneByOne() ? "one pass per eye" : "multiview"},
      {"vulkan_device", context_->deviceName()},
      {"eye_gaze",
       {{"extension_enabled", runtime_->eyeGazeEnabled()},
        {"system_supports", runtime_->eyeGazeSupported()}}},
      {"bindings_accepted", controllers_->acceptedProfiles()},
  };
  std::cout << "xr: " << xr::referenceSpaceName(session.spaceKind()) << " space, " << used.width
            << "x" << used.height << " per eye (recommended " << session.recommendedExtent().width
            << "x" << session.recommendedExtent().height << "), "
            << formatName(session.colorFormat())
            << (session.depthSubmitted() ? ", depth submitted" : "") << "\n";
  code = 0;
  return true;
}

void XrShoppingApp::makeSession() {
  parts_->session = std::make_unique<xr::Session>(*runtime_, *context_, xrSessionOptions_);
  xr::SwapchainDesc panelDesc;
  panelDesc.extent = {kPanelPixels.x, kPanelPixels.y};
  panelDesc.format = parts_->session->colorFormat();
  panelDesc.layers = 1;
  panelDesc.usage = XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_TRANSFER_SRC_BIT;
  parts_->panel = std::make_unique<xr::SwapchainTarget>(
      *context_, parts_->session->createSwapchain(panelDesc), nullptr);
  if (!ui_ || uiFormat_ != panelDesc.format) {
    ui_.reset();  // its render pass is made for one format
    ui_ = std::make_unique<engine::ImGuiLayer>(*context_, nullptr, panelDesc.format, 3);
    uiFormat_ = panelDesc.format;
  }
  if (!panelPass_) panelPass_ = std::make_unique<engine::OverlayPass>(*context_, 2);
  // The vignette is a comfort aid, not a reason to fail the session.
  try {
    parts_->vignette = std::make_unique<ComfortVignette>(*parts_->session, *context_);
  } catch (const std::exception& e) {
    std::cerr << "vrmall: warning: no comfort vignette: " << e.what() << "\n";
    parts_->vignette.reset();
  }
  controllers_->attach(*parts_->session);
  life_.sessionCreated();
}

bool XrShoppingApp::recreateSession() {
  destroySession();
  // The headset may be away for a while (unplugged, asleep): ask for the system again with a
  // growing pause, for up to about 20 s.
  auto pause = std::chrono::milliseconds(100);
  for (int attempt = 0; attempt < 12; ++attempt) {
    try {
      runtime_->refreshSystem();
      makeSession();
      return true;
    } catch (const xr::XrError& e) {
      if (e.result() != XR_ERROR_FORM_FACTOR_UNAVAILABLE) {
        std::cerr << "vrmall: no new session: " << e.what() << "\n";
        return false;
      }
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(3000));
  }
  std::cerr << "vrmall: the headset did not come back; stopping\n";
  return false;
}

void XrShoppingApp::destroySession() {
  if (!parts_ || !parts_->session) return;
  renderer_->waitIdle();
  if (panelPass_) panelPass_->waitIdle();
  parts_->vignette.reset();
  parts_->panel.reset();
  controllers_->detach();  // its action spaces belong to the session
  parts_->session.reset();
}

void XrShoppingApp::teardown() {
  // The session's objects before the session, the session before the device, the action set
  // before the instance. A session left running (an error) is destroyed as it is: xrEndSession
  // is only valid in STOPPING, xrDestroySession in any state.
  if (renderer_) destroySession();
  ui_.reset();
  panelPass_.reset();
  controllers_.reset();
}

int XrShoppingApp::productNamed(const std::string& name) const {
  const int bySlot = shop_->productOfSlot(name);
  if (bySlot >= 0) return bySlot;
  for (const auto& [slot, item] : store_->slotItems) {
    if (item == name) return shop_->productOfSlot(slot);
  }
  return -1;
}

bool XrShoppingApp::pollEvents() {
  XrEventDataBuffer event;
  while (runtime_->pollEvent(event)) {
    switch (event.type) {
      case XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED: {
        const auto& changed = reinterpret_cast<const XrEventDataSessionStateChanged&>(event);
        if (!parts_->session || changed.session != parts_->session->handle()) break;
        stats_.states.push_back(xr::SessionLifecycle::stateName(changed.state));
        switch (life_.onStateChanged(changed.state)) {
          case xr::LifecycleAction::BeginSession:
            parts_->session->begin();
            life_.began();
            everRan_ = true;
            // An exit asked for before the session ran: only a running session can be asked
            // to stop (it then goes STOPPING, IDLE, EXITING).
            if (life_.exitRequested()) parts_->session->requestExit();
            break;
          case xr::LifecycleAction::EndSession:
            parts_->session->end();
            life_.ended();
            break;
          case xr::LifecycleAction::RecreateSession:
            std::cerr << "vrmall: the runtime is losing the session; making a new one\n";
            if (!recreateSession()) return false;
            break;
          case xr::LifecycleAction::DestroyAndQuit:
          case xr::LifecycleAction::Quit:
            return false;
          case xr::LifecycleAction::None:
            break;
        }
        break;
      }
      case XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING:
        life_.onInstanceLost();
        stats_.states.push_back("INSTANCE_LOSS_PENDING");
        return false;
      case XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED:
        if (parts_->session) controllers_->readProfiles(*parts_->session);
        break;
      case XR_TYPE_EVENT_DATA_REFERENCE_SPACE_CHANGE_PENDING:
        placed_ = false;  // the floor or the origin moved: stand at the same store spot again
        break;
      default:
        break;
    }
  }
  return true;
}

bool XrShoppingApp::step() {
  if (quit_) return false;
  try {
    if (!pollEvents()) {
      quit_ = true;
      return false;
    }
  } catch (const xr::XrError& e) {
    std::cerr << "vrmall: " << e.what() << "\n";
    if (e.result() == XR_ERROR_INSTANCE_LOST) life_.onInstanceLost();
    quit_ = true;
    return false;
  }
  if (!life_.running()) {
    // IDLE before READY, or between sessions: the runtime wants no frames; wait for events. A
    // runtime that never gets the session going must not hang a test run.
    if (!everRan_ && std::chrono::steady_clock::now() - idleSince_ > std::chrono::seconds(20)) {
      std::cerr << "vrmall: the OpenXR session has not run for 20 s (state "
                << xr::SessionLifecycle::stateName(life_.state()) << "); giving up\n";
      exitCode_ = kXrUnavailable;
      quit_ = true;
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return true;
  }
  idleSince_ = std::chrono::steady_clock::now();
  try {
    frame();
  } catch (const xr::XrError& e) {
    if (e.result() == XR_ERROR_SESSION_LOST) {
      std::cerr << "vrmall: " << e.what() << "; making a new session\n";
      if (life_.onSessionLost() == xr::LifecycleAction::RecreateSession && recreateSession()) {
        return true;
      }
    } else {
      std::cerr << "vrmall: " << e.what() << "\n";
      if (e.result() == XR_ERROR_INSTANCE_LOST) life_.onInstanceLost();
    }
    exitCode_ = e.lost() ? 0 : 2;
    quit_ = true;
    return false;
  } catch (const std::runtime_error& e) {
    std::cerr << "vrmall: " << e.what() << "\n";
    exitCode_ = 2;
    quit_ = true;
    return false;
  }
  return !quit_;
}

bool XrShoppingApp::applyScript(int frameIndex, std::array<xr::HandState, 2>& hands,
                                const Head& head) {
  bool quitNow = false;
  for (int h = 0; h < 2; ++h) {
    if (scriptStickFrames_[h] > 0) {
      hands[h].stickX = scriptStick_[h].x;
      hands[h].stickY = scriptStick_[h].y;
      hands[h].active = true;
      --scriptStickFrames_[h];
    }
  }
  // A stand that keeps facing its product is applied again every frame.
  std::vector<XrScriptStep> steps = script_->at(frameIndex);
  bool newStand = false;
  for (const XrScriptStep& step : steps) newStand = newStand || step.standAt.has_value();
  if (!newStand && heldStand_) steps.insert(steps.begin(), *heldStand_);
  const auto noProduct = [&](const std::string& name) {
    return std::runtime_error(o_.inputScript.string() + ": frame " + std::to_string(frameIndex) +
                              ": no product '" + name + "' in the store");
  };
  for (const XrScriptStep& step : steps) {
    xr::HandState& hand = hands[step.hand];
    if (step.standAt) {
      float yaw = step.standYawDeg.value_or(0.0F);
      if (step.standFace) {
        const int p = productNamed(*step.standFace);
        if (p < 0) throw noProduct(*step.standFace);
        const glm::vec3 c = shop_->productBounds(p).center();
        yaw = glm::degrees(std::atan2(c.x - step.standAt->x, c.z - step.standAt->y));
      }
      loco_->place(*step.standAt, yaw, head.stage, head.forward);
      placed_ = true;
      heldStand_.reset();
      if (step.keepFacing) {
        XrScriptStep held;  // the stand alone, not the rest of that event
        held.standAt = step.standAt;
        held.standFace = step.standFace;
        held.keepFacing = true;
        heldStand_ = held;
      }
    }
    if (step.aimRelease) {
      scriptAim_[step.hand].reset();
      scriptAimPanel_[step.hand].reset();
      scriptAimDir_[step.hand].reset();
    }
    if (step.aimAt) {
      if (productNamed(*step.aimAt) < 0) throw noProduct(*step.aimAt);
      scriptAim_[step.hand] = *step.aimAt;
      scriptAimPanel_[step.hand].reset();
      scriptAimDir_[step.hand].reset();
    }
    if (step.aimPanel) {
      scriptAimPanel_[step.hand] = *step.aimPanel;
      scriptAim_[step.hand].reset();
      scriptAimDir_[step.hand].reset();
    }
    if (step.aimDir) {
      scriptAimDir_[step.hand] = glm::normalize(*step.aimDir);
      scriptAim_[step.hand].reset();
      scriptAimPanel_[step.hand].reset();
    }
    if (step.select) hand.selectPressed = hand.select = true;
    if (step.grab) hand.grabPressed = hand.grab = true;
    if (step.menu) hand.menuPressed = true;
    if (step.stick) {
      scriptStick_[step.hand] = *step.stick;
      scriptStickFrames_[step.hand] = step.stickFrames - 1;
      hand.stickX = step.stick->x;
      hand.stickY = step.stick->y;
      hand.active = true;
    }
    if (step.snapTurn != 0 || step.teleport) heldStand_.reset();  // moving on
    if (step.snapTurn != 0) {
      loco_->snapTurn(step.snapTurn, head.stage);
      ++stats_.snapTurns;
    }
    if (step.teleport) {
      if (loco_->teleport(*step.teleport, head.stage)) {
        ++stats_.teleports;
        const glm::vec3 h = loco_->headInWorld(head.stage);
        stats_.teleportLog.push_back({h.x, h.z, false});
      } else {
        ++stats_.teleportsRefused;
      }
    }
    if (!step.screenshot.empty()) shotsPending_.push_back(step.screenshot);
    quitNow = quitNow || step.quit;
  }
  return quitNow;
}

void XrShoppingApp::scriptedAims(std::array<xr::HandState, 2>& hands, const Head& head) {
  const glm::mat4 worldFromStage = loco_->worldFromStage();
  const glm::vec3 headWorld = loco_->headInWorld(head.stage);
  const glm::vec3 headFwd = glm::normalize(glm::mat3(worldFromStage) * head.forward);
  for (int h = 0; h < 2; ++h) {
    std::optional<glm::vec3> direction;
    // Where a hand would be: below and beside the head.
    const glm::vec3 right = glm::normalize(glm::cross(headFwd, glm::vec3(0, 1, 0)));
    const glm::vec3 handWorld =
        headWorld + right * (h == 1 ? 0.2F : -0.2F) + glm::vec3(0.0F, -0.35F, 0.0F);
    if (scriptAim_[h]) {
      const int p = productNamed(*scriptAim_[h]);
      if (p >= 0) direction = shop_->productBounds(p).center() - handWorld;
    } else if (scriptAimPanel_[h]) {
      const glm::vec2 uv = *scriptAimPanel_[h];
      const glm::vec4 local((uv.x - 0.5F) * kPanelMetres.x, (0.5F - uv.y) * kPanelMetres.y, 0.0F,
                            1.0F);
      direction = glm::vec3(panel_.worldFromPanel() * local) - handWorld;
    } else if (scriptAimDir_[h]) {
      direction = *scriptAimDir_[h];
    }
    if (!direction) continue;
    // Back into the tracking space the real aim pose lives in.
    const glm::mat4 stageFromWorld = glm::inverse(worldFromStage);
    const glm::vec3 originStage = glm::vec3(stageFromWorld * glm::vec4(handWorld, 1.0F));
    const glm::vec3 dirStage = glm::normalize(glm::mat3(stageFromWorld) * *direction);
    hands[h].aim.orientation = xr::toXr(xr::rotationBetween(glm::vec3(0, 0, -1), dirStage));
    hands[h].aim.position = xr::toXr(originStage);
    hands[h].aimValid = true;
    hands[h].active = true;
  }
}

void XrShoppingApp::locomotion(const std::array<xr::HandState, 2>& hands, const Head& head,
                               float dt) {
  // The right stick teleports (push forward to aim the arc, release to go) and snap-turns (flick
  // sideways); the left stick glides when smooth locomotion is on.
  const xr::HandState& right = hands[xr::kRight];
  std::optional<TeleportArc> arc;
  if (right.aimValid) {
    const xr::WorldRay aim = xr::forwardRay(right.aim, loco_->worldFromStage());
    if (right.stickY > 0.7F) {
      teleportAiming_ = true;
      arc = loco_->arc(aim.origin, aim.direction, head.stage);
    } else if (teleportAiming_ && right.stickY < 0.3F) {
      const TeleportArc last = loco_->arc(aim.origin, aim.direction, head.stage);
      if (last.valid && loco_->teleport({last.landing->x, last.landing->z}, head.stage)) {
        ++stats_.teleports;
        const glm::vec3 h = loco_->headInWorld(head.stage);
        stats_.teleportLog.push_back({h.x, h.z, true});
      } else {
        ++stats_.teleportsRefused;
      }
      teleportAiming_ = false;
    }
  }
  if (std::abs(right.stickX) > 0.7F && stickWasCentred_ && !teleportAiming_) {
    loco_->snapTurn(right.stickX < 0 ? -1 : 1, head.stage);
    ++stats_.snapTurns;
    stickWasCentred_ = false;
  } else if (std::abs(right.stickX) < 0.3F) {
    stickWasCentred_ = true;
  }
  speed_ = 0.0F;
  if (locoConfig_.smooth) {
    const glm::vec3 headFwd = glm::normalize(glm::mat3(loco_->worldFromStage()) * head.forward);
    speed_ =
        loco_->walk({hands[xr::kLeft].stickX, hands[xr::kLeft].stickY}, headFwd, dt, head.stage);
  }
  props_->setArc(arc ? &*arc : nullptr);
}

void XrShoppingApp::writePlan(uint64_t frame) {
  const rec::ShelfPlan* plan = shop_->appliedPlan();
  if (plan == nullptr) return;
  const auto& states = shop_->slotStates();
  json slots = json::array();
  for (size_t g = 0; g < plan->slots.size() && g < states.size(); ++g) {
    slots.push_back({{"slot", plan->slots[g].slot_id},
                     {"planned", plan->slots[g].item_id},
                     {"shown", shop_->itemIdOf(states[g].item)},
                     {"in_view", states[g].in_view}});
  }
  plansLog_ << json{{"frame", frame},
                    {"version", plan->version},
                    {"compute_us", plan->compute_us},
                    {"slots", slots}}
                   .dump()
            << "\n";
}

void XrShoppingApp::logEventsAndPlans(int frameIndex) {
  for (PostedEvent& e : shop_->takePostedEvents()) {
    ++stats_.events[e.type];
    eventsLog_ << json{{"frame", frameIndex}, {"type", e.type},   {"slot", e.slot},
                       {"item", e.item},      {"value", e.value}, {"seconds", e.seconds}}
                      .dump()
               << "\n";
  }
  if (shop_->counters().plansApplied != lastPlans_) {
    lastPlans_ = shop_->counters().plansApplied;
    writePlan(static_cast<uint64_t>(frameIndex));
  }
}

void XrShoppingApp::frame() {
  xr::Session& session = *parts_->session;
  const xr::FrameState frame = session.waitFrame();
  ++stats_.framesWaited;
  stats_.displayPeriodMsSum += static_cast<double>(frame.predictedDisplayPeriod) / 1e6;
  session.beginFrame();
  ++stats_.framesBegun;
  const double cpuStart = threadCpuMs();
  const auto now = std::chrono::steady_clock::now();
  // A script runs on a fixed step so the same script gives the same run; a person gets the
  // real frame time (capped: a stall must not teleport them).
  const float dt = script_
                       ? 1.0F / 30.0F
                       : std::min(0.1F, std::chrono::duration<float>(now - lastFrameTime_).count());
  lastFrameTime_ = now;
  const int frameIndex = static_cast<int>(stats_.framesEnded);
  const bool exitAsked = life_.exitRequested();
  if (exitAsked) ++stats_.framesAfterExitRequest;

  controllers_->sync(session, frame.predictedDisplayTime, life_.focused());
  std::array<xr::HandState, 2> hands = {controllers_->hand(xr::kLeft),
                                        controllers_->hand(xr::kRight)};
  XrPosef headPose{};
  if (session.locate(session.viewSpace(), frame.predictedDisplayTime, headPose)) {
    lastHead_ = headPose;
  }
  Head head;
  head.stage = lastHead_ ? xr::toGlm(lastHead_->position) : glm::vec3(0.0F, 1.6F, 0.0F);
  head.forward = lastHead_ ? forwardOf(*lastHead_) : glm::vec3(0, 0, -1);
  if (!placed_ && lastHead_) {
    // The shopper starts at the store's entrance facing in, wherever they stand in their room.
    // A LOCAL space has its origin at the head: lift it by the avatar's standing eye height.
    if (session.spaceKind() == xr::ReferenceSpaceKind::Local) {
      loco_->setFloorOffset(static_cast<float>(shop_->avatar().heightCm) * 0.0093F);
    }
    loco_->place(glm::vec2(store_->spawn.x, store_->spawn.z), store_->spawnYawDeg, head.stage,
                 head.forward);
    placed_ = true;
  }

  // The script, injected where the real states were just read.
  bool quitNow = false;
  if (script_ && !exitAsked) quitNow = applyScript(frameIndex, hands, head);
  if (script_) scriptedAims(hands, head);
  locomotion(hands, head, dt);
  const glm::mat4 worldFromStage = loco_->worldFromStage();
  const glm::vec3 headWorld = loco_->headInWorld(head.stage);
  const glm::vec3 headFwdWorld = glm::normalize(glm::mat3(worldFromStage) * head.forward);

  // The gaze ray: the eyes where tracked this frame, else the head.
  const xr::GazeSource source = xr::chooseGazeSource(controllers_->eyeSample());
  stats_.gaze(std::string(xr::gazeSourceName(source)));
  const xr::WorldRay gaze =
      xr::forwardRay(source == xr::GazeSource::Eyes ? controllers_->eyePose()
                                                    : lastHead_.value_or(xr::identityPose()),
                     worldFromStage);

  // The pointer: the right controller's aim, else the left's. It presses the panel where it
  // meets it, else selects and picks up what it points at.
  const int pointerHand = hands[xr::kRight].aimValid ? 1 : (hands[xr::kLeft].aimValid ? 0 : -1);
  std::optional<PanelHit> panelHit;
  int aimed = -1;
  for (int h = 0; h < 2; ++h) {
    if (!hands[h].aimValid) {
      props_->setBeam(h, std::nullopt);
      continue;
    }
    const xr::WorldRay ray = xr::forwardRay(hands[h].aim, worldFromStage);
    const PointerRay p{ray.origin, ray.direction};
    const std::optional<PanelHit> hit = panel_.visible ? panel_.hit(p) : std::nullopt;
    const int product = hit ? -1 : shop_->pick(p);
    float length = 3.0F;
    if (hit) {
      length = hit->distance;
    } else if (product >= 0) {
      length = glm::length(shop_->productBounds(product).center() - ray.origin);
    }
    props_->setBeam(h, XrProps::Beam{ray.origin, ray.direction, length});
    if (h == pointerHand) {
      panelHit = hit;
      aimed = product;
    }
  }

  // What the shopper sees (both eyes, from the head) and what they look at.
  std::array<XrView, 2> views{};
  const bool viewsValid =
      frame.shouldRender && session.locateViews(frame.predictedDisplayTime, views);
  if (frame.shouldRender) ++stats_.framesShouldRender;
  if (viewsValid && placed_) {
    const engine::View seen = unionView(views, lastHead_.value_or(views[0].pose), worldFromStage);
    // Gaze resting on the panel is not a look at a product behind it.
    const PointerRay gazeRay{gaze.origin, gaze.direction};
    const bool onPanel = panel_.visible && panel_.hit(gazeRay).has_value();
    shop_->update(seen, onPanel ? std::nullopt : std::optional<PointerRay>(gazeRay), dt);
    stats_.look(shop_->hovered() >= 0 ? shop_->info(shop_->hovered()).slotId : "");
  }

  // Buttons.
  if (pointerHand >= 0) {
    const xr::HandState& hand = hands[pointerHand];
    if (hand.selectPressed) {
      ++stats_.selects;
      if (panelHit) {
        ++stats_.panelClicks;
      } else if (aimed >= 0) {
        shop_->select(aimed);
      }
      if (life_.focused()) {
        controllers_->tick(session, pointerHand == 0 ? xr::kLeft : xr::kRight);
        ++stats_.hapticTicks;
      }
    }
    if (hand.grabPressed) {
      ++stats_.grabs;
      const int target = aimed >= 0 ? aimed : shop_->selected();
      if (target >= 0) shop_->pickUp(target);
    }
  }
  for (const auto& hand : hands) {
    if (!hand.menuPressed) continue;
    ++stats_.menuPresses;
    panel_.visible = !panel_.visible;
    if (panel_.visible) panel_.placeInFront(headWorld, headFwdWorld);
  }
  // A newly selected product brings the panel (its card) up in front of the shopper.
  if (shop_->selected() >= 0 && shop_->selected() != selectedBefore_) {
    panel_.visible = true;
    panel_.placeInFront(headWorld, headFwdWorld);
  }
  selectedBefore_ = shop_->selected();
  logEventsAndPlans(frameIndex);

  // Render: the panel into its swapchain, both eyes into theirs, then the layers.
  std::vector<const XrCompositionLayerBaseHeader*> layers;
  XrCompositionLayerQuad quad{};
  const bool content = viewsValid && placed_ && !exitAsked;
  const bool lastContentFrame = o_.frames > 0 && rendered_ + 1 == o_.frames;
  const bool capture = content && (lastContentFrame || !shotsPending_.empty());
  if (content) {
    if (panel_.visible) {
      ui_->newFrame({kPanelPixels.x, kPanelPixels.y}, [&](ImGuiIO& io) {
        io.DeltaTime = dt;
        io.FontGlobalScale = 1.6F;
        io.MousePos =
            panelHit ? ImVec2(panelHit->pixel.x, panelHit->pixel.y) : ImVec2(-FLT_MAX, -FLT_MAX);
        io.MouseDown[0] = panelHit.has_value() && pointerHand >= 0 && hands[pointerHand].select;
      });
      shopUi_.draw(*shop_, perf_, glm::mat4(1.0F), glm::vec2(kPanelPixels), false);
      ui_->render();
      if (capture) parts_->panel->requestCapture();
      panelPass_->render(*parts_->panel, *ui_, glm::vec4(0.0F));
    }
    const std::array<engine::View, 2> eyeViews = {
        xr::eyeView(views[0].pose, views[0].fov, worldFromStage, kZNear, kZFar),
        xr::eyeView(views[1].pose, views[1].fov, worldFromStage, kZNear, kZFar)};
    if (capture) session.eyes().requestCapture();
    perf_.stats = renderer_->render(scene_, eyeViews, session.eyes());
    perf_.renderCpuMs = perf_.stats.cpuMs;
    stats_.renderCpuMs.push_back(perf_.stats.cpuMs);
    layers.push_back(session.projectionLayer(views));
    if (panel_.visible) {
      quad = xr::xrStruct<XrCompositionLayerQuad>(XR_TYPE_COMPOSITION_LAYER_QUAD);
      quad.layerFlags = XR_COMPOSITION_LAYER_BLEND_TEXTURE_SOURCE_ALPHA_BIT;
      quad.space = session.appSpace();
      quad.eyeVisibility = XR_EYE_VISIBILITY_BOTH;
      quad.subImage.swapchain = parts_->panel->color().handle();
      quad.subImage.imageRect = {
          {0, 0}, {static_cast<int32_t>(kPanelPixels.x), static_cast<int32_t>(kPanelPixels.y)}};
      quad.pose = xr::poseFromMatrix(glm::inverse(worldFromStage) * panel_.worldFromPanel());
      quad.size = {kPanelMetres.x, kPanelMetres.y};
      layers.push_back(reinterpret_cast<const XrCompositionLayerBaseHeader*>(&quad));
    }
    if (const auto* v = parts_->vignette ? parts_->vignette->layer(
                                               vignetteStrength(speed_, locoConfig_.smoothSpeed))
                                         : nullptr) {
      layers.push_back(v);
      ++stats_.vignetteFrames;
    }
    ++rendered_;
    const double cpuMs = threadCpuMs() - cpuStart;
    stats_.appCpuMs.push_back(cpuMs);
    if (cpuMs > static_cast<double>(frame.predictedDisplayPeriod) / 1e6) ++stats_.overBudget;
  }
  session.endFrame(frame.predictedDisplayTime, layers);
  ++stats_.framesEnded;
  if (!layers.empty()) ++stats_.framesWithLayers;

  if (capture) {
    const std::vector<std::string> stems =
        shotsPending_.empty() ? std::vector<std::string>{""} : shotsPending_;
    const std::vector<engine::RgbaImage> eyes = session.eyes().takeCapture();
    const std::vector<engine::RgbaImage> panelImage =
        panel_.visible ? parts_->panel->takeCapture() : std::vector<engine::RgbaImage>{};
    for (const std::string& stem : stems) {
      const std::string prefix = stem.empty() ? "" : stem + "_";
      for (size_t e = 0; e < eyes.size() && e < 2; ++e) {
        const fs::path file = outDir_ / (prefix + (e == 0 ? "left.png" : "right.png"));
        if (engine::writePng(file, eyes[e])) stats_.screenshots.push_back(file.string());
      }
      if (!panelImage.empty()) {
        const fs::path file = outDir_ / (prefix + "panel.png");
        if (engine::writePng(file, panelImage[0])) stats_.screenshots.push_back(file.string());
      }
    }
    shotsPending_.clear();
  }
  if ((o_.frames > 0 && rendered_ >= o_.frames) || quitNow) {
    if (life_.requestExit()) session.requestExit();
  }
}

void XrShoppingApp::requestExit() {
  if (parts_->session && life_.requestExit()) {
    try {
      parts_->session->requestExit();
    } catch (const xr::XrError& e) {
      std::cerr << "vrmall: " << e.what() << "\n";
      quit_ = true;
    }
  }
}

int XrShoppingApp::finish() {
  if (finished_) return exitCode_;
  finished_ = true;
  if (renderer_) renderer_->waitIdle();
  stats_.header["interaction_profiles"] = {{"left", controllers_->profile(xr::kLeft)},
                                           {"right", controllers_->profile(xr::kRight)}};
  json report = stats_.toJson();
  const SessionCounters& c = shop_->counters();
  const rec::ShelfPlan* plan = shop_->appliedPlan();
  report["guide"] = {{"running", shop_->guideRunning()},
                     {"train_ms", shop_->guideTrainMs()},
                     {"events", c.eventsPosted},
                     {"plans_applied", c.plansApplied},
                     {"slots_swapped", c.slotsSwapped},
                     {"in_view_swaps_refused", c.inViewSwapsRefused},
                     {"plan_version", plan != nullptr ? plan->version : 0}};
  const ProductInfo& selected = shop_->info(shop_->selected());
  report["selected"] = {
      {"slot", selected.slotId}, {"item", selected.itemId}, {"name", selected.name}};
  report["panel"] = {{"visible", panel_.visible}};
  report["cart"] = json::array();
  for (const CartLine& l : shop_->cart()) {
    report["cart"].push_back({{"item", l.itemId}, {"size", l.size}, {"price", l.price}});
  }
  const glm::vec3 origin = loco_->origin();
  report["locomotion"] = {{"origin", {origin.x, origin.y, origin.z}},
                          {"yaw_deg", std::remainder(glm::degrees(loco_->yawRad()), 360.0F)},
                          {"smooth", locoConfig_.smooth},
                          {"snap_turn_deg", locoConfig_.snapTurnDeg}};
  if (lastHead_) {
    const glm::vec3 h = loco_->headInWorld(xr::toGlm(lastHead_->position));
    report["locomotion"]["head"] = {h.x, h.y, h.z};
  }
  const auto vk = context_->validationCounts();
  const auto xrCounts = runtime_->messageCounts();
  std::vector<std::string> xrMessages = runtime_->messages();
  // The layer's file is complete once the instance is gone.
  teardown();
  runtime_.reset();
  const xr::ValidationFindings findings = xr::readCoreValidationLog(xrValidationLog_);
  const uint32_t xrErrors = xrCounts.error + findings.errors;
  const uint32_t xrWarnings = xrCounts.warning + findings.warnings;
  xrMessages.insert(xrMessages.end(), findings.messages.begin(), findings.messages.end());
  report["validation"] = {{"vulkan", {{"error", vk.error}, {"warning", vk.warning}}},
                          {"openxr",
                           {{"error", xrErrors},
                            {"warning", xrWarnings},
                            {"core_validation_layer", !xrValidationLog_.empty()}}}};
  report["validation_messages"] = {{"vulkan", context_->validationMessages()},
                                   {"openxr", xrMessages}};
  std::ofstream(outDir_ / "stats.json") << report.dump(2) << "\n";

  std::cout << "xr: " << stats_.framesEnded << " frames ended (" << rendered_
            << " rendered), states";
  for (const auto& s : stats_.states) std::cout << " " << s;
  std::cout << "; app cpu p50 " << percentile(stats_.appCpuMs, 0.5) << " ms, p99 "
            << percentile(stats_.appCpuMs, 0.99) << " ms; gaze head " << stats_.gazeCounts["head"]
            << ", eyes " << stats_.gazeCounts["eyes"] << "; validation errors " << vk.error
            << ", warnings " << vk.warning << "; openxr errors " << xrErrors << ", warnings "
            << xrWarnings << "\n";
  std::cout << "guide: " << c.eventsPosted << " events, " << c.plansApplied << " plans applied, "
            << c.slotsSwapped << " slots swapped\n";
  std::cout << "xr: wrote " << (outDir_ / "stats.json").string() << "\n";
  if (exitCode_ != 0) return exitCode_;
  if (vk.error > 0 || xrErrors > 0) return 3;
  return 0;
}

}  // namespace vrmall::app
