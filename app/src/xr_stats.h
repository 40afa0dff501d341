// What a headset run records for QA (stats.json): the runtime and system, the views and
// swapchains, the session states in order, the frame counts, the gaze source frame by frame,
// the controllers, what the shopper did and what the guide answered, the app's CPU time per
// frame and the validation messages of both APIs.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace vrmall::app {

struct XrRunStats {
  nlohmann::json header;  // runtime, system, views, swapchains (filled at start)
  std::vector<std::string> states;
  uint64_t framesRequested = 0, framesWaited = 0, framesBegun = 0, framesEnded = 0;
  uint64_t framesShouldRender = 0, framesWithLayers = 0, framesAfterExitRequest = 0;
  double displayPeriodMsSum = 0.0;
  uint64_t overBudget = 0;  // frames whose app CPU time exceeded the display period
  // Gaze source per frame as runs: ("head", 120), ("eyes", 4), ...
  std::vector<std::pair<std::string, uint64_t>> gazeRuns;
  std::map<std::string, uint64_t> gazeCounts;
  // What the gaze rested on, as runs of frames: ("FY-L3-1", 20), ("", 5) for nothing.
  std::vector<std::pair<std::string, uint64_t>> lookRuns;
  std::vector<double> appCpuMs, renderCpuMs;
  uint64_t selects = 0, panelClicks = 0, grabs = 0, menuPresses = 0, hapticTicks = 0;
  uint64_t teleports = 0, teleportsRefused = 0, snapTurns = 0;
  uint64_t vignetteFrames = 0;
  struct Teleport {
    float x = 0.0F, z = 0.0F;  // where the head landed
    bool byStick = false;      // the arc released from the stick (else a scripted target)
  };
  std::vector<Teleport> teleportLog;
  std::map<std::string, uint64_t> events;  // posted events by type
  std::vector<std::string> screenshots;
  std::vector<std::string> warnings;

  void gaze(const std::string& source);
  void look(const std::string& slot);
  nlohmann::json toJson() const;
};

// Percentile `p` (0..1) of `values` (a copy is sorted); 0 when empty.
double percentile(std::vector<double> values, double p);

}  // namespace vrmall::app
