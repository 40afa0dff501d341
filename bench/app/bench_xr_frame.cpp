// The render thread's CPU time per headset frame with the shopping guide running, on the default
// store, through the real OpenXR path: xrWaitFrame .. xrEndFrame on whatever runtime answers
// (run it under ../shared/xr-runtime/with-monado.sh; without a runtime it reports an error and
// measures nothing). Measured per frame, from after xrBeginFrame to before xrEndFrame, is what the
// app does: input sync, the gaze ray through the BVH and the dwell tracker, the newest plan
// applied, the world panel built with Dear ImGui and drawn, both eyes culled, batched and
// recorded, the layers assembled. A scripted shopper looks at a new For-you cubby every 20
// frames with the product card open on the panel, so the guide keeps planning on its own
// thread. Neither the runtime's frame pacing nor the software rasteriser counts (thread CPU).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <vector>

#include "xr_shopping_app.h"

namespace {

using namespace vrmall;
namespace fs = std::filesystem;

double percentileOf(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0.0 : v[std::min(v.size() - 1, static_cast<size_t>(p * v.size()))];
}

// Looks along the wall's third row from 1.6 m, a cubby every 20 frames, the card of the first
// one open (selected with the controller) from frame 12.
fs::path writeScript(const fs::path& dir) {
  nlohmann::json events = nlohmann::json::array();
  const char* cubbies[] = {"FY-L3-1", "FY-L3-2", "FY-L3-3", "FY-L3-4", "FY-L3-5", "FY-L3-6"};
  for (int f = 1, n = 0; f < 4000; f += 20, ++n) {
    events.push_back(
        {{"frame", f},
         {"stand", {{"position", {-0.5, 11.1}}, {"face", cubbies[n % 6]}, {"keep_facing", true}}}});
  }
  events.push_back({{"frame", 8}, {"aim", "FY-L3-1"}});
  events.push_back({{"frame", 12}, {"select", true}});
  events.push_back({{"frame", 14}, {"aim", nullptr}});
  fs::create_directories(dir);
  const fs::path file = dir / "bench_xr_script.json";
  std::ofstream(file) << nlohmann::json{{"events", events}}.dump(1);
  return file;
}

void BM_XrFrameWithGuide(benchmark::State& state) {
  const fs::path out = fs::temp_directory_path() / "vrmall-bench-xr";
  app::XrOptions o;
  o.storeDir = VRMALL_STORE_DIR;
  o.outDir = out;
  o.inputScript = writeScript(out);
  o.scriptSyncsGuide = false;  // the guide plans on its own thread, as in the shipped loop
  o.renderScale = 1.0F;
  o.validation = false;
  int code = 0;
  auto app = app::XrShoppingApp::start(o, code);
  if (!app) {
    state.SkipWithError(
        "no OpenXR runtime answered: run under ../shared/xr-runtime/with-monado.sh");
    return;
  }
  // Warm-up: the first frames create pipelines and upload the panel's font.
  while (app->framesRendered() < 15 && app->step()) {
  }
  std::vector<double> cpu;
  for (auto _ : state) {
    const int before = app->framesRendered();
    bool running = true;
    while (running && app->framesRendered() == before) running = app->step();
    if (!running) {
      state.SkipWithError("the runtime ended the session");
      break;
    }
    cpu.push_back(app->lastFrameCpuMs());
    state.SetIterationTime(app->lastFrameCpuMs() / 1000.0);
  }
  const app::XrRunStats& s = app->stats();
  state.counters["cpu_p50_ms"] = percentileOf(cpu, 0.50);
  state.counters["cpu_p99_ms"] = percentileOf(cpu, 0.99);
  state.counters["cpu_max_ms"] = cpu.empty() ? 0.0 : *std::max_element(cpu.begin(), cpu.end());
  state.counters["render_cpu_p99_ms"] = app::percentile(s.renderCpuMs, 0.99);
  state.counters["display_period_ms"] =
      s.framesWaited > 0 ? s.displayPeriodMsSum / static_cast<double>(s.framesWaited) : 0.0;
  state.counters["gaze_dwell_events"] =
      static_cast<double>(s.events.count("gaze_dwell") ? s.events.at("gaze_dwell") : 0);
  app->requestExit();
  while (app->step()) {
  }
  app->finish();
}

BENCHMARK(BM_XrFrameWithGuide)->Unit(benchmark::kMillisecond)->Iterations(300)->UseManualTime();

}  // namespace

BENCHMARK_MAIN();
