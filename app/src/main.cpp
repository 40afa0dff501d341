// vrmall: the virtual-mall client. Modes: --xr is the headset (OpenXR); --headless renders the
// store offscreen (QA/CI), with --tour a scripted shopper and the shopping guide in the loop;
// --window is the desktop preview; --view-model checks one product model; --demo is the guide's
// text demo. With no mode: the headset when an OpenXR runtime answers with one, else the window
// when $DISPLAY is set (and a window opens), else the default tour into out/tour.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "headless_run.h"
#include "model_check.h"
#include "tour_run.h"
#include "vrmall/rec/guide/demo.h"
#include "vrmall/version.h"
#include "window_run.h"
#include "xr_run.h"

namespace {

// assets/store next to the working directory, else the source tree's (for runs from build/).
std::filesystem::path defaultStoreDir() {
  std::error_code ec;
  if (std::filesystem::is_directory("assets/store", ec)) return "assets/store";
  return std::filesystem::path(VRMALL_SOURCE_DIR) / "assets" / "store";
}

std::filesystem::path defaultTour() {
  std::error_code ec;
  if (std::filesystem::is_regular_file("assets/tour/default_tour.json", ec)) {
    return "assets/tour/default_tour.json";
  }
  return std::filesystem::path(VRMALL_SOURCE_DIR) / "assets" / "tour" / "default_tour.json";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "vrmall: a virtual fashion mall with an AI shopping guide.\n"
      "With no mode: the headset (--xr) when an OpenXR runtime answers with one, else the\n"
      "desktop window when $DISPLAY is set, else the headless default tour\n"
      "(assets/tour/default_tour.json) into out/tour."};
  bool version = false;
  app.add_flag("--version", version, "Print the version and exit");

  bool headless = false;
  vrmall::app::HeadlessOptions h;
  std::string camera;
  std::string out;
  std::string store = defaultStoreDir().string();
  bool noValidation = false;
  app.add_flag("--headless", headless,
               "Render the store offscreen and write screenshots + stats.json");
  app.add_option("--frames", h.frames, "Frames to render (headless)")->check(CLI::Range(1, 100000));
  app.add_option("--out", out, "Output folder for PNGs, stats.json / report.json");
  app.add_option("--width", h.width, "Image width")->check(CLI::Range(16, 8192));
  app.add_option("--height", h.height, "Image height")->check(CLI::Range(16, 8192));
  app.add_option("--camera", camera,
                 "Fixed camera x,y,z,yaw,pitch (metres, degrees; yaw 0 looks towards +Z, 90 "
                 "towards +X); default: a slow pan from the entrance");
  app.add_option("--store", store, "Store folder with layout.json and items.csv")
      ->capture_default_str();
  app.add_option("--screenshot-every", h.screenshotEvery,
                 "Also save every Nth frame (0: first and last)");
  app.add_option("--views", h.views, "1, or 2 for a stereo pair rendered with multiview")
      ->check(CLI::Range(1, 2));
  app.add_option("--msaa", h.msaa, "MSAA samples: 4 (default) or 1")->check(CLI::IsMember({1, 4}));
  app.add_flag("--no-validation", noValidation,
               "Run without the Vulkan validation layer (for timing)");

  std::string tour;
  app.add_option(
      "--tour", tour,
      "With --headless: run a tour file (camera, gaze, dwell, actions per step) with the "
      "shopping guide in the loop; writes step_NNN.png, events.jsonl, plans.jsonl, "
      "stats.json");
  bool demo = false;
  app.add_flag("--demo", demo, "The shopping guide's text demo (built-in catalogue, no graphics)");

  bool window = false;
  app.add_flag("--window", window,
               "Desktop window with the shopping guide live: W/A/S/D walk, M or right-drag: mouse "
               "look (Esc releases), click or a steady look: product card, wheel: zoom, F12: "
               "screenshot into --out, P/T/C/B: pick up / try on / add to cart / buy, Q quits");
  std::string inputScript;
  app.add_option("--input-script", inputScript,
                 "With --window: scripted mouse/key input per frame (JSON; fixed 1/30 s steps, "
                 "the guide in sync) for tests and demos; writes window.json into --out");
  float interestMs = 500.0F, selectMs = 1000.0F;
  app.add_option("--interest-ms", interestMs,
                 "Dwell that counts as interest (a gaze_dwell event when the look ends)")
      ->check(CLI::Range(50.0F, 10000.0F))
      ->capture_default_str();
  app.add_option("--select-ms", selectMs, "Dwell that opens the product card")
      ->check(CLI::Range(100.0F, 20000.0F))
      ->capture_default_str();

  bool xrMode = false;
  vrmall::app::XrOptions x;
  app.add_flag("--xr", xrMode,
               "The headset, through OpenXR (any runtime with XR_KHR_vulkan_enable2): gaze feeds "
               "the guide; trigger: select / press panels, grip: pick up, right stick: push to "
               "teleport, flick to snap-turn; menu: panels. With --frames N it stops after N "
               "frames and writes stats.json, left.png, right.png into --out (default out/xr)");
  app.add_option("--render-scale", x.renderScale,
                 "XR: per-eye size as a share of the runtime's recommended size")
      ->check(CLI::Range(0.1F, 2.0F))
      ->capture_default_str();
  app.add_option("--snap-turn", x.snapTurnDeg, "XR: degrees per snap turn")
      ->check(CLI::Range(5.0F, 90.0F))
      ->capture_default_str();
  app.add_flag("--smooth-locomotion", x.smoothLocomotion,
               "XR: the left stick glides (with a comfort vignette); off: teleport only");
  bool noDepth = false;
  app.add_flag("--no-depth", noDepth,
               "XR: do not submit depth (XR_KHR_composition_layer_depth) with the eye images");

  std::string profileDir;
  bool noProfile = false;
  app.add_option("--profile-dir", profileDir,
                 "Window / headset: where the shopper's avatar, gaze consent, history and cart are "
                 "kept (default for an unscripted run: $VRMALL_DATA_DIR, else "
                 "$XDG_DATA_HOME/vrmall, else ~/.local/share/vrmall)");
  app.add_flag("--no-profile", noProfile, "Window / headset: keep nothing between runs");

  std::string viewModel;
  std::string variant;
  app.add_option("--view-model", viewModel,
                 "Check one product glTF: render it from several angles");
  app.add_option("--variant", variant, "KHR_materials_variants colourway for --view-model");
  CLI11_PARSE(app, argc, argv);

  if (version) {
    std::cout << "vrmall " << vrmall::kVersion << " (" << vrmall::kGitCommit << ")\n";
    return 0;
  }
  try {
    if (!viewModel.empty()) {
      if (out.empty()) {
        std::cerr << "vrmall: --view-model needs --out DIR\n";
        return 1;
      }
      vrmall::app::ModelCheckOptions m;
      m.model = viewModel;
      m.outDir = out;
      m.variant = variant;
      if (app.count("--width") != 0) m.width = h.width;
      if (app.count("--height") != 0) m.height = h.height;
      m.validation = !noValidation;
      return vrmall::app::runModelCheck(m);
    }
    // The window's options, for --window and for no mode with a display.
    const auto windowOptions = [&] {
      vrmall::app::WindowOptions w;
      w.storeDir = store;
      if (app.count("--width") != 0) w.width = h.width;
      if (app.count("--height") != 0) w.height = h.height;
      if (app.count("--frames") != 0) w.frames = h.frames;
      w.validation = !noValidation;
      w.outDir = out;
      w.inputScript = inputScript;
      w.profileDir = profileDir;
      w.noProfile = noProfile;
      w.dwell.interestSeconds = interestMs / 1000.0F;
      w.dwell.selectSeconds = std::max(selectMs, interestMs) / 1000.0F;
      return w;
    };
    // The headset's options, for --xr and for no mode with a runtime.
    const auto xrOptions = [&] {
      vrmall::app::XrOptions xo = x;
      xo.storeDir = store;
      xo.outDir = out;
      if (app.count("--frames") != 0) xo.frames = h.frames;
      if (app.count("--msaa") != 0) xo.msaa = h.msaa;
      xo.validation = !noValidation;
      xo.submitDepth = !noDepth;
      xo.inputScript = inputScript;
      xo.profileDir = profileDir;
      xo.noProfile = noProfile;
      xo.dwell.interestSeconds = interestMs / 1000.0F;
      xo.dwell.selectSeconds = std::max(selectMs, interestMs) / 1000.0F;
      return xo;
    };
    if (xrMode) {
      const int rc = vrmall::app::runXr(xrOptions());
      // Asked for explicitly: no fallback, a non-zero exit with the runtime's reason (printed).
      return rc;
    }
    if (window) return vrmall::app::runWindow(windowOptions());
    if (!inputScript.empty()) {
      std::cerr << "vrmall: --input-script drives the window or the headset: add --window or "
                   "--xr\n";
      return 1;
    }
    if (demo) return vrmall::rec::runDemo(std::cout, vrmall::rec::DemoOptions{});
    if (headless && !tour.empty()) {
      if (out.empty()) {
        std::cerr << "vrmall: --tour needs --out DIR\n";
        return 1;
      }
      vrmall::app::TourOptions t;
      t.storeDir = store;
      t.tourFile = tour;
      t.outDir = out;
      t.width = h.width;
      t.height = h.height;
      t.msaa = h.msaa;
      t.validation = !noValidation;
      return vrmall::app::runTour(t);
    }
    if (!tour.empty()) {
      std::cerr << "vrmall: --tour runs headless: add --headless\n";
      return 1;
    }
    if (headless) {
      if (out.empty()) {
        std::cerr << "vrmall: --headless needs --out DIR\n";
        return 1;
      }
      if (!camera.empty()) {
        h.camera = vrmall::app::parseCamera(camera);
        if (!h.camera) {
          std::cerr << "vrmall: --camera wants x,y,z,yaw,pitch, got '" << camera << "'\n";
          return 1;
        }
      }
      h.outDir = out;
      h.storeDir = store;
      h.validation = !noValidation;
      return vrmall::app::runHeadless(h);
    }

    // No mode: the headset when a runtime answers with one, else a window when there is a
    // display, else the default tour.
    {
      const int rc = vrmall::app::runXr(xrOptions());
      if (rc != vrmall::app::kXrUnavailable) return rc;
      std::cerr << "vrmall: no headset; trying the desktop window\n";
    }
    const char* display = std::getenv("DISPLAY");
    if (display != nullptr && *display != '\0') {
      int rc = 2;
      try {
        rc = vrmall::app::runWindow(windowOptions());
      } catch (const std::exception& e) {
        std::cerr << "vrmall: no window (" << e.what() << ")\n";
      }
      if (rc != 2) return rc;
      std::cerr << "vrmall: the window did not open; running the headless default tour instead\n";
    }
    vrmall::app::TourOptions t;
    t.storeDir = store;
    t.tourFile = defaultTour();
    t.outDir = out.empty() ? std::filesystem::path("out") / "tour" : std::filesystem::path(out);
    t.validation = !noValidation;
    std::cout << "vrmall: running the headless tour " << t.tourFile.string() << " into "
              << t.outDir.string() << "\n";
    return vrmall::app::runTour(t);
  } catch (const std::exception& e) {
    std::cerr << "vrmall: " << e.what() << "\n";
    return 2;
  }
}
