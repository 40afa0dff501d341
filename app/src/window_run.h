// `vrmall --window`: the desktop preview. Walk the store with W/A/S/D, look with the arrow keys,
// Esc quits. --frames N closes after N frames (for CI under xvfb-run).
#pragma once

#include <filesystem>

namespace vrmall::app {

struct WindowOptions {
  std::filesystem::path storeDir;
  uint32_t width = 1280;
  uint32_t height = 720;
  int frames = 0;  // 0: until the window is closed
  bool validation = true;
};

int runWindow(const WindowOptions& options);

}  // namespace vrmall::app
