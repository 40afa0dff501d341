#include "xr_stats.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace vrmall::app {

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  const double at = p * static_cast<double>(values.size() - 1);
  const auto lo = static_cast<size_t>(std::floor(at));
  const auto hi = static_cast<size_t>(std::ceil(at));
  return values[lo] + (values[hi] - values[lo]) * (at - static_cast<double>(lo));
}

void XrRunStats::gaze(const std::string& source) {
  ++gazeCounts[source];
  if (gazeRuns.empty() || gazeRuns.back().first != source) {
    gazeRuns.emplace_back(source, 0);
  }
  ++gazeRuns.back().second;
}

void XrRunStats::look(const std::string& slot) {
  if (lookRuns.empty() || lookRuns.back().first != slot) lookRuns.emplace_back(slot, 0);
  ++lookRuns.back().second;
}

nlohmann::json XrRunStats::toJson() const {
  nlohmann::json j = header;
  j["session_states"] = states;
  j["frames"] = {{"requested", framesRequested},
                 {"waited", framesWaited},
                 {"begun", framesBegun},
                 {"ended", framesEnded},
                 {"should_render", framesShouldRender},
                 {"with_layers", framesWithLayers},
                 {"after_exit_request", framesAfterExitRequest}};
  j["display_period_ms"] =
      framesWaited > 0 ? displayPeriodMsSum / static_cast<double>(framesWaited) : 0.0;
  j["frames_over_budget"] = overBudget;
  nlohmann::json runs = nlohmann::json::array();
  for (const auto& [source, frames] : gazeRuns)
    runs.push_back({{"source", source}, {"frames", frames}});
  nlohmann::json looks = nlohmann::json::array();
  for (const auto& [slot, frames] : lookRuns) looks.push_back({{"slot", slot}, {"frames", frames}});
  j["gaze"] = {{"per_frame", runs}, {"counts", gazeCounts}, {"looked_at", looks}};
  const auto stats = [](const std::vector<double>& v) {
    const double mean =
        v.empty() ? 0.0 : std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
    return nlohmann::json{{"frames", v.size()},
                          {"mean", mean},
                          {"p50", percentile(v, 0.5)},
                          {"p99", percentile(v, 0.99)},
                          {"max", v.empty() ? 0.0 : *std::max_element(v.begin(), v.end())}};
  };
  j["app_cpu_ms"] = stats(appCpuMs);
  // Past the first 10 frames, which create the pipelines and upload the panel's font.
  j["app_cpu_ms_steady"] =
      stats(appCpuMs.size() > 10 ? std::vector<double>(appCpuMs.begin() + 10, appCpuMs.end())
                                 : std::vector<double>{});
  j["app_cpu_ms_per_frame"] = appCpuMs;
  j["render_cpu_ms"] = stats(renderCpuMs);
  j["input"] = {{"selects", selects},
                {"panel_clicks", panelClicks},
                {"grabs", grabs},
                {"menu_presses", menuPresses},
                {"haptic_ticks", hapticTicks},
                {"teleports", teleports},
                {"teleports_refused", teleportsRefused},
                {"snap_turns", snapTurns},
                {"vignette_frames", vignetteFrames}};
  nlohmann::json teleportsDone = nlohmann::json::array();
  for (const auto& t : teleportLog) {
    teleportsDone.push_back({{"head", {t.x, t.z}}, {"by", t.byStick ? "stick" : "script"}});
  }
  j["teleports"] = teleportsDone;
  j["events"] = events;
  j["dwell_events"] = events.count("gaze_dwell") != 0 ? events.at("gaze_dwell") : 0;
  j["screenshots"] = screenshots;
  j["warnings"] = warnings;
  return j;
}

}  // namespace vrmall::app
