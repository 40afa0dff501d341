#include "window_run.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "glfw_input.h"
#include "input_script.h"
#include "shop_ui.h"
#include "shopping_session.h"
#include "store_scene.h"
#include "vrmall/engine/context.h"
#include "vrmall/engine/image_file.h"
#include "vrmall/engine/imgui_layer.h"
#include "vrmall/engine/renderer.h"
#include "vrmall/engine/window_target.h"
#include "walk_area.h"
#include "walker_camera.h"

namespace vrmall::app {
namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

double msSince(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// F12 names: screenshot_0001.png, ... (never overwriting an earlier one of this run).
std::string nextScreenshotName(int& counter) {
  char name[64];
  std::snprintf(name, sizeof name, "screenshot_%04d.png", ++counter);
  return name;
}

}  // namespace

int runWindow(const WindowOptions& o) {
  std::optional<InputScript> script;
  if (!o.inputScript.empty()) {
    try {
      script = InputScript::load(o.inputScript);
    } catch (const std::exception& e) {
      std::cerr << "vrmall: " << e.what() << "\n";
      return 1;
    }
  }
  const fs::path outDir = o.outDir.empty() ? fs::path("out") / "window" : o.outDir;

  engine::ContextOptions contextOptions;
  contextOptions.validation = o.validation;
  contextOptions.instanceExtensions = engine::WindowTarget::requiredInstanceExtensions();
  if (contextOptions.instanceExtensions.empty()) {
    std::cerr << "vrmall: no window system (is DISPLAY set? in CI use xvfb-run)\n";
    return 2;
  }
  contextOptions.deviceExtensions = {VK_KHR_SWAPCHAIN_EXTENSION_NAME};
  engine::Context context(contextOptions);
  engine::Renderer renderer(context);
  engine::Scene scene;
  auto built = StoreScene::buildOrReport(o.storeDir, renderer, scene);
  if (!built) return 2;
  StoreSummary& store = *built;

  SessionOptions sessionOptions;
  sessionOptions.dwell = o.dwell;
  sessionOptions.synchronousGuide = script.has_value();
  if (!o.noProfile) {
    if (!o.profileDir.empty()) {
      sessionOptions.profileDir = o.profileDir;
    } else if (!script && o.frames == 0) {
      sessionOptions.profileDir = ShopperStore::defaultDir();
    }
  }
  ShoppingSession session(o.storeDir, store, renderer, scene, sessionOptions);
  WalkArea walkArea;
  try {
    walkArea = WalkArea::fromFile(o.storeDir / "layout.json");
  } catch (const std::exception& e) {
    std::cerr << "vrmall: warning: walking without collisions: " << e.what() << "\n";
  }

  engine::WindowTarget window(context, o.width, o.height, "vrmall");
  GlfwInput input(window.window());  // before ImGui's backend, which chains to its callbacks
  engine::ImGuiLayer ui(context, window.window(), window.format(), 3);
  ShopUi shopUi;
  WalkerCamera camera(glm::vec3(store.spawn.x, store.spawn.y + store.eyeHeight, store.spawn.z),
                      store.spawnYawDeg, -5.0F);

  const auto start = Clock::now();
  auto last = start;
  int frame = 0, screenshotCounter = 0;
  std::vector<std::string> screenshots;
  double renderCpuSum = 0.0, sessionSum = 0.0, uiSum = 0.0;
  FramePerf perf;
  bool quit = false;
  while (!quit && !window.shouldClose() && (o.frames == 0 || frame < o.frames)) {
    window.pollEvents();
    const auto now = Clock::now();
    // A script runs on a fixed step so the same input gives the same frames; a person gets the
    // real frame time (capped: a stall must not teleport them through a shelf).
    const float dt =
        script ? 1.0F / 30.0F : std::min(0.1F, std::chrono::duration<float>(now - last).count());
    perf.frameMs =
        script ? 1000.0 / 30.0 : std::chrono::duration<double, std::milli>(now - last).count();
    last = now;

    FrameInput in = input.read();
    if (script) script->apply(frame, in);
    quit = in.quit || (in.pressed(GLFW_KEY_Q) && !ui.wantsKeyboard());

    const auto uiStart = Clock::now();
    const VkExtent2D extent = window.extent();
    ui.newFrame(extent, [&](ImGuiIO& io) {
      if (script) {
        io.DeltaTime = dt;
        io.MousePos = ImVec2(in.cursor.x, in.cursor.y);
        io.MouseDown[0] = in.leftDown;
        // Scripted typing and keys reach the UI as GLFW's callbacks would deliver them.
        if (!in.typed.empty()) io.AddInputCharactersUTF8(in.typed.c_str());
        for (int k = 0; k < static_cast<int>(IM_ARRAYSIZE(io.KeysDown)); ++k) {
          io.KeysDown[k] = in.down(k);
        }
      }
      if (input.captured()) io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);  // the UI is not pointed at
    });
    const bool uiMouse = ui.wantsMouse() && !input.captured();
    const bool uiKeys = ui.wantsKeyboard();

    // Keys that change modes.
    if (!uiKeys) {
      if (in.pressed(GLFW_KEY_ESCAPE)) {
        if (input.captured()) {
          input.setCaptured(false);
        } else if (session.fittingView()) {
          session.leaveFittingView();
        } else {
          session.select(-1);
        }
      }
      if (in.pressed(GLFW_KEY_M)) input.setCaptured(!input.captured());
      if (in.pressed(GLFW_KEY_F1)) {
        const bool all = !(shopUi.showForYou || shopUi.showCart || shopUi.showPerf);
        shopUi.showForYou = shopUi.showCart = shopUi.showPerf = all;
      }
      if (in.pressed(GLFW_KEY_F3)) shopUi.showPerf = !shopUi.showPerf;
      if (in.pressed(GLFW_KEY_SLASH)) shopUi.showSearch = true;  // "/" opens the search box
      if (in.pressed(GLFW_KEY_F12)) in.screenshot = nextScreenshotName(screenshotCounter);
    }

    // Move and look, then what the pointer ray meets.
    const bool look = input.captured() || (in.rightDown && !uiMouse);
    std::optional<glm::vec3> focus;
    if (session.selected() >= 0) focus = session.productBounds(session.selected()).center();
    FrameInput moveInput = in;
    if (uiMouse) moveInput.scroll = 0.0F;  // the wheel scrolls the panel under the cursor
    const float aspect =
        static_cast<float>(extent.width) / static_cast<float>(std::max(1U, extent.height));
    // After a try-on the desktop looks at the avatar from the fitting area's third-person
    // viewpoint (the headset's shopper walks there instead) until "Back to the floor" or Esc.
    const bool fittingView = session.fittingView() && session.fitting() != nullptr;
    if (!fittingView) camera.update(moveInput, dt, look, !uiKeys, walkArea, focus);
    const engine::View view = fittingView ? session.fitting()->view(aspect) : camera.view(aspect);
    const glm::vec2 size(static_cast<float>(extent.width), static_cast<float>(extent.height));
    std::optional<PointerRay> pointer;
    if (input.captured()) {
      pointer = rayThroughPixel(view.viewProj(), size * 0.5F, size);
    } else if (!uiMouse && in.cursor.x >= 0 && in.cursor.y >= 0 && in.cursor.x < size.x &&
               in.cursor.y < size.y) {
      pointer = rayThroughPixel(view.viewProj(), in.cursor, size);
    }
    session.update(view, pointer, dt);
    perf.sessionMs = session.counters().lastFrameMs;

    // A click on the store selects what it hits (or closes the card on empty space).
    if (in.leftClicked && !uiMouse) session.select(session.hovered());
    if (!uiKeys) {
      const int target = session.selected() >= 0 ? session.selected() : session.hovered();
      if (in.pressed(GLFW_KEY_P)) session.pickUp(target);
      if (in.pressed(GLFW_KEY_T)) session.tryOn(target);
      if (in.pressed(GLFW_KEY_C)) {
        const ProductInfo p = session.info(target);
        // C adds in the avatar's size when the product has it (the card asks otherwise).
        for (const auto& s : p.sizes) {
          if (s == session.avatar().size) session.addToCart(target, s);
        }
        if (p.sizes.empty()) session.addToCart(target, "");
      }
      if (in.pressed(GLFW_KEY_B)) session.checkout();
    }

    shopUi.draw(session, perf, view.viewProj(), size, input.captured());
    ui.render();
    perf.uiMs = msSince(uiStart) - perf.sessionMs;

    if (!in.screenshot.empty()) window.requestCapture();
    perf.stats = renderer.render(scene, std::span<const engine::View>(&view, 1), window, &ui);
    perf.renderCpuMs = perf.stats.cpuMs;
    if (!in.screenshot.empty()) {
      renderer.waitIdle();
      if (const auto image = window.takeCapture()) {
        std::error_code ec;
        fs::create_directories(outDir, ec);
        const fs::path file = outDir / in.screenshot;
        if (engine::writePng(file, *image)) {
          std::cout << "vrmall: screenshot " << file.string() << "\n";
          screenshots.push_back(file.string());
        } else {
          std::cerr << "vrmall: could not write " << file.string() << "\n";
        }
      }
    }
    renderCpuSum += perf.renderCpuMs;
    sessionSum += perf.sessionMs;
    uiSum += perf.uiMs;
    ++frame;
  }
  renderer.waitIdle();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  const auto counts = context.validationCounts();
  const double frames = std::max(1, frame);
  std::cout << "window: " << frame << " frames, " << (seconds > 0 ? frame / seconds : 0.0)
            << " fps, cpu " << renderCpuSum / frames << " ms/frame; validation errors "
            << counts.error << ", warnings " << counts.warning << "\n";
  const SessionCounters& c = session.counters();
  if (session.guideRunning()) {
    std::cout << "guide: trained in " << static_cast<int>(session.guideTrainMs()) << " ms; "
              << c.eventsPosted << " events, " << c.plansApplied << " plans applied, "
              << c.slotsSwapped << " slots swapped\n";
  }
  // What happened, for QA and tests: the selection, the card, the cart, timings.
  nlohmann::json report;
  report["frames"] = frame;
  report["seconds"] = seconds;
  report["validation"] = {{"error", counts.error}, {"warning", counts.warning}};
  report["render_cpu_ms_mean"] = renderCpuSum / frames;
  report["session_ms_mean"] = sessionSum / frames;
  report["ui_ms_mean"] = uiSum / frames;
  const ProductInfo selected = session.info(session.selected());
  report["selected"] = {
      {"slot", selected.slotId}, {"item", selected.itemId}, {"name", selected.name}};
  report["cart"] = nlohmann::json::array();
  for (const CartLine& l : session.cart()) {
    report["cart"].push_back(
        {{"item", l.itemId}, {"size", l.size}, {"colourway", l.colourway}, {"price", l.price}});
  }
  report["cart_total"] = session.cartTotal();
  report["guide"] = {{"running", session.guideRunning()},
                     {"events", c.eventsPosted},
                     {"plans_applied", c.plansApplied},
                     {"slots_swapped", c.slotsSwapped},
                     {"in_view_swaps_refused", c.inViewSwapsRefused},
                     {"models_preloaded", c.modelsPreloaded},
                     {"preload_ms", c.preloadMs}};
  report["camera"] = {{"position", {camera.eye().x, camera.eye().y, camera.eye().z}},
                      {"yaw_deg", camera.yawDeg()},
                      {"pitch_deg", camera.pitchDeg()},
                      {"zoom", camera.zoom()}};
  report["screenshots"] = screenshots;
  if (const ShopperSaver* saver = session.saver()) {
    session.flushSaves();
    report["profile"] = {{"file", saver->store().file().string()},
                         {"problem", session.profileProblem()},
                         {"gaze_tracking", session.gazeTracking()},
                         {"asks_consent", session.needsGazeConsent()},
                         {"saves", saver->saves()}};
  }
  if (const FittingRoom* room = session.fitting()) {
    nlohmann::json worn = nlohmann::json::array();
    for (const WornPiece& p : room->worn()) {
      worn.push_back({{"role", p.role},
                      {"item", p.itemId},
                      {"size", p.size},
                      {"colourway", p.colourway},
                      {"fit", toString(p.fit.kind)},
                      {"fit_text", p.fit.text}});
    }
    report["fitting"] = {{"view", session.fittingView()}, {"worn", worn}};
  }
  if (const auto& s = shopUi.lastSearch()) {
    nlohmann::json hits = nlohmann::json::array();
    for (size_t h = 0; h < s->results.hits.size(); ++h) {
      hits.push_back({{"item", s->results.hits[h].id},
                      {"on_display", s->products[h] >= 0},
                      {"reasons", s->results.hits[h].reasons}});
    }
    report["search"] = {{"query", s->query},
                        {"categories", s->intent.categories},
                        {"colors", s->intent.colors},
                        {"price_max", s->intent.price_max.value_or(-1)},
                        {"season", s->intent.season.value_or("")},
                        {"unknown", s->intent.unknown},
                        {"results", hits},
                        {"empty_reason", s->results.empty_reason}};
  }
  if (script || !screenshots.empty()) {
    std::error_code ec;
    fs::create_directories(outDir, ec);
    std::ofstream(outDir / "window.json") << report.dump(2) << "\n";
  }
  return counts.error > 0 ? 3 : 0;
}

}  // namespace vrmall::app
