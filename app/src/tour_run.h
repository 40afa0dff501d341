// `vrmall --headless --tour FILE --out DIR`: a scripted shopper walks the store. Each step puts
// the camera somewhere, gazes at a product for a while (and maybe picks it up, tries it on, buys
// it); the shopping guide (a GuideService on its own thread, trained at start-up on the store's
// shopper history) turns those events into a new shelf plan, which is applied to the scene at the
// frame boundary. Slots in the camera's view are never swapped. Writes step_NNN.png per step,
// events.jsonl, plans.jsonl and stats.json.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace vrmall::app {

struct TourStep {
  float x = 0, y = 0, z = 0;
  float yawDeg = 0, pitchDeg = 0;  // layout convention: yaw 0 looks towards +Z, 90 towards +X
  std::optional<std::vector<float>> lookAt;  // x, y, z: overrides yaw/pitch
  std::string gaze;                          // a slot id or an ITEM_ID; empty: no gaze
  float dwellMs = 0;
  std::vector<std::string> actions;                     // pick_up, try_on, add_to_cart, purchase
  std::unordered_map<std::string, std::string> avatar;  // SIZE, STYLE, BUDGET, GENDER
  std::string note;
};

// Throws std::runtime_error naming the file and the step of anything malformed.
std::vector<TourStep> loadTour(const std::filesystem::path& path);

struct TourOptions {
  std::filesystem::path storeDir;
  std::filesystem::path tourFile;
  std::filesystem::path outDir;
  uint32_t width = 1280;
  uint32_t height = 720;
  bool validation = true;
  uint32_t msaa = 4;
};

// Returns the process exit code: 0 ok, 2 bad input or write error, 3 validation errors,
// 4 a plan changed a slot that was in view.
int runTour(const TourOptions& options);

}  // namespace vrmall::app
