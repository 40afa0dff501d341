// `vrmall --headless`: render the store offscreen for N frames, write PNG screenshots and
// stats.json (per-frame CPU ms, draw calls, triangles, instances, validation message counts).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace vrmall::app {

struct CameraPose {
  float x = 0, y = 0, z = 0;
  float yawDeg = 0;  // layout convention: 0 looks towards +Z, 90 towards +X
  float pitchDeg = 0;
};

struct HeadlessOptions {
  std::filesystem::path storeDir;
  std::filesystem::path outDir;
  int frames = 60;
  uint32_t width = 1280;
  uint32_t height = 720;
  std::optional<CameraPose> camera;  // fixed camera; without it a gentle pan from the entrance
  int screenshotEvery = 0;           // 0: first and last frame only
  bool validation = true;
  uint32_t views = 1;  // 2: stereo pair through multiview (XR path, offscreen)
  uint32_t msaa = 4;   // 1 or 4
};

// Returns the process exit code; prints errors to stderr.
int runHeadless(const HeadlessOptions& options);

// Parses "x,y,z,yaw,pitch".
std::optional<CameraPose> parseCamera(const std::string& text);

}  // namespace vrmall::app
