// The render thread's cost per frame with the shopping guide running: the shopping loop (slots in
// view, the newest plan applied, picking through the BVH, the dwell tracker, events posted), the
// Dear ImGui panels built and recorded, and the renderer's own CPU work (culling, batching,
// recording, submit) on the default store. The guide plans on its own thread meanwhile. The
// benchmark's time is the render thread's CPU time per frame (manual time), so neither the
// rasteriser (lavapipe runs on the same CPU) nor the wait for a free frame slot counts: what is
// measured is what the render thread does each frame. Wall-time figures are reported beside it.
#include <benchmark/benchmark.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <vector>

#include "shop_ui.h"
#include "shopping_session.h"
#include "store_scene.h"
#include "vrmall/engine/context.h"
#include "vrmall/engine/imgui_layer.h"
#include "vrmall/engine/offscreen_target.h"
#include "vrmall/engine/renderer.h"

namespace {

using namespace vrmall;
using Clock = std::chrono::steady_clock;

double msBetween(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

// This thread's CPU time in ms: what the render thread itself spends, without the time the
// scheduler gives to other threads (lavapipe's rasteriser threads and the guide share the cores).
double threadCpuMs() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) * 1e-6;
}

double p99Of(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0.0 : v[std::min(v.size() - 1, v.size() * 99 / 100)];
}

void BM_RenderThreadFrameWithGuide(benchmark::State& state) {
  engine::Context context{engine::ContextOptions{}};
  engine::Renderer renderer(context);
  engine::Scene scene;
  auto store = app::StoreScene::build(VRMALL_STORE_DIR, renderer, scene);
  app::ShoppingSession session(VRMALL_STORE_DIR, store, renderer, scene);
  if (!session.guideRunning()) {
    state.SkipWithError("the shopping guide did not start");
    return;
  }
  // Small target: the rasteriser's share of the CPU stays small; the measured work does not
  // depend on the resolution.
  const VkExtent2D extent{320, 180};
  engine::OffscreenTarget target(context, extent, 1, 2);
  engine::ImGuiLayer ui(context, nullptr, target.format(), 3);
  app::ShopUi shopUi;
  const std::vector<int> wall = session.forYou();
  const glm::vec3 eye(0.0F, 1.65F, 12.5F);
  const glm::vec2 size(320.0F, 180.0F);
  std::vector<double> costs, sessionCosts, uiCosts, renderCosts, cpuCosts, renderCpuCosts;
  app::FramePerf perf;
  int frame = 0;
  // Warm-up outside the measurement: the first frames create pipelines and upload the font.
  for (int w = 0; w < 10; ++w) {
    const engine::View v =
        engine::View::lookAt(eye, {0.0F, 1.4F, 9.5F}, glm::radians(65.0F), size.x / size.y);
    ui.newFrame(extent);
    ui.render();
    renderer.render(scene, std::span<const engine::View>(&v, 1), target, &ui);
  }
  for (auto _ : state) {
    // Look at the wall (a new cubby every 20 frames: each look long enough to be interest),
    // and every third second turn away so the guide's plans can land on the wall.
    const bool away = (frame / 90) % 3 == 2;
    const int product = wall[static_cast<size_t>(frame / 20) % wall.size()];
    const glm::vec3 at = session.productBounds(product).center();
    const engine::View view =
        away ? engine::View::yawPitch(eye, 0.0F, 0.0F, glm::radians(65.0F), size.x / size.y)
             : engine::View::lookAt(eye, at, glm::radians(65.0F), size.x / size.y);
    const auto t0 = Clock::now();
    const double cpu0 = threadCpuMs();
    std::optional<app::PointerRay> pointer;
    if (!away) pointer = app::PointerRay{eye, glm::normalize(at - eye)};
    session.update(view, pointer, 1.0F / 30.0F);
    const auto tSession = Clock::now();
    ui.newFrame(extent, [&](ImGuiIO& io) {
      io.DeltaTime = 1.0F / 30.0F;
      io.MousePos = ImVec2(160.0F, 90.0F);
    });
    if (frame == 5 && !away) session.select(product);  // the product card open from here on
    shopUi.draw(session, perf, view.viewProj(), size, false);
    ui.render();
    const auto t1 = Clock::now();
    const double cpu1 = threadCpuMs();
    perf.stats = renderer.render(scene, std::span<const engine::View>(&view, 1), target, &ui);
    const double cpu2 = threadCpuMs();
    // Wall time of the work (the renderer's own CPU section, waits excluded), and the thread's
    // CPU time over the same frame (the waits for a free frame slot cost next to nothing).
    const double ms = msBetween(t0, t1) + perf.stats.cpuMs;
    const double cpuMs = cpu2 - cpu0;
    perf.frameMs = ms;
    costs.push_back(ms);
    cpuCosts.push_back(cpuMs);
    renderCpuCosts.push_back(cpu2 - cpu1);
    sessionCosts.push_back(msBetween(t0, tSession));
    uiCosts.push_back(msBetween(tSession, t1));
    renderCosts.push_back(perf.stats.cpuMs);
    state.SetIterationTime(cpuMs / 1000.0);
    ++frame;
  }
  renderer.waitIdle();
  std::sort(costs.begin(), costs.end());
  std::sort(cpuCosts.begin(), cpuCosts.end());
  if (!costs.empty()) {
    // The frame's cost: the render thread's CPU time (also the benchmark's time).
    state.counters["cpu_p50_ms"] = cpuCosts[cpuCosts.size() / 2];
    state.counters["cpu_p99_ms"] = p99Of(cpuCosts);
    state.counters["cpu_max_ms"] = cpuCosts.back();
    state.counters["render_cpu_p99_ms"] = p99Of(renderCpuCosts);
    // The same work in wall time: on this 2-core machine it includes the moments the scheduler
    // runs the rasteriser or the guide instead (a headset's GPU does not take the CPU).
    state.counters["wall_p50_ms"] = costs[costs.size() / 2];
    state.counters["wall_p99_ms"] = p99Of(costs);
    state.counters["wall_max_ms"] = costs.back();
    state.counters["session_wall_p99_ms"] = p99Of(sessionCosts);
    state.counters["ui_wall_p99_ms"] = p99Of(uiCosts);
    state.counters["render_wall_p99_ms"] = p99Of(renderCosts);
  }
  const auto& c = session.counters();
  state.counters["events"] = static_cast<double>(c.eventsPosted);
  state.counters["plans_applied"] = static_cast<double>(c.plansApplied);
  state.counters["slots_swapped"] = static_cast<double>(c.slotsSwapped);
  state.counters["triangles"] = static_cast<double>(perf.stats.triangles);
  state.counters["draw_calls"] = static_cast<double>(perf.stats.drawCalls);
  state.counters["instances"] = static_cast<double>(perf.stats.instancesDrawn);
  state.counters["wait_ms_last"] = perf.stats.waitMs;
  state.counters["validation_errors"] = static_cast<double>(context.validationCounts().error);
}

BENCHMARK(BM_RenderThreadFrameWithGuide)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(450)
    ->UseManualTime();

}  // namespace

BENCHMARK_MAIN();
