// `vrmall --window`: the desktop preview. W/A/S/D walk (shelves and walls stop you), the mouse
// looks (M or a right-drag; Esc releases it), a click or a steady look selects a product and
// opens its card, the wheel zooms in on it, F12 saves a screenshot, Q quits. Dear ImGui panels:
// the card, For you, avatar, cart, performance, privacy. --frames N closes after N frames;
// --input-script drives it like a person would (tests under Xvfb, golden images).
#pragma once

#include <filesystem>

#include "dwell_tracker.h"

namespace vrmall::app {

struct WindowOptions {
  std::filesystem::path storeDir;
  uint32_t width = 1280;
  uint32_t height = 720;
  int frames = 0;  // 0: until the window is closed
  bool validation = true;
  std::filesystem::path outDir;       // screenshots (F12, scripts) and window.json; "" = out/window
  std::filesystem::path inputScript;  // "" = none; with one: fixed 1/30 s steps, guide in sync
  DwellConfig dwell;
  // The shopper's saved profile (shopper_store.h): "" = ShopperStore::defaultDir() for an
  // interactive window, nothing for a scripted one; --no-profile turns it off.
  std::filesystem::path profileDir;
  bool noProfile = false;
};

int runWindow(const WindowOptions& options);

}  // namespace vrmall::app
