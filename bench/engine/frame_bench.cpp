// Frame cost benchmarks. BM_FrameCpu reports the renderer's own CPU time per frame (update of
// every instance transform, frustum culling, batching into multi-draw indirect runs, command
// recording and submit) as manual time, so the rasteriser's work on lavapipe - which runs on the
// same CPU - is not counted. BM_Frame720p is the whole frame, GPU included, at 1280x720 4x MSAA.
#include <benchmark/benchmark.h>

#include <chrono>
#include <glm/gtc/matrix_transform.hpp>
#include <memory>

#include "vrmall/engine/context.h"
#include "vrmall/engine/offscreen_target.h"
#include "vrmall/engine/procedural.h"
#include "vrmall/engine/renderer.h"

namespace {

using namespace vrmall::engine;

Context& context() {
  static Context ctx{ContextOptions{}};
  return ctx;
}

// `products` distinct product models (each its own mesh, like the store's one glTF per item)
// on a grid of shelves, plus a floor.
struct StoreLike {
  Renderer renderer{context()};
  Scene scene;
  explicit StoreLike(int products) {
    const ModelId floor = renderer.addModel(makePlane(80.0F, {0.6F, 0.6F, 0.6F, 1.0F}));
    scene.add(Instance{floor, glm::mat4(1.0F), -1, true});
    for (int i = 0; i < products; ++i) {
      const float f = static_cast<float>(i % 11) * 0.02F;
      const ModelId id =
          (i % 3 == 0)
              ? renderer.addModel(
                    makeSphere(0.15F + f, {0.8F, 0.3F, 0.2F + f, 1.0F}, 0.0F, 0.5F, 12))
              : renderer.addModel(makeBox({0.3F + f, 0.4F, 0.25F}, {0.2F, 0.4F + f, 0.7F, 1.0F}));
      const float x = static_cast<float>(i % 40) * 0.7F - 14.0F;
      const float z = -static_cast<float>(i / 40) * 1.5F;
      const float y = 0.3F + static_cast<float>(i % 4) * 0.45F;
      scene.add(Instance{id, glm::translate(glm::mat4(1.0F), {x, y, z}), -1, true});
    }
  }
};

void BM_FrameCpu(benchmark::State& state) {
  const int products = static_cast<int>(state.range(0));
  const uint32_t viewCount = static_cast<uint32_t>(state.range(1));
  StoreLike store(products);
  OffscreenTarget target(context(), {64, 64}, viewCount);  // tiny: keep the rasteriser idle
  View views[2];
  for (uint32_t v = 0; v < 2; ++v) {
    views[v] = View::lookAt({-0.03F + 0.06F * static_cast<float>(v), 1.6F, 6.0F}, {0, 1, -8},
                            glm::radians(70.0F), 1.0F);
  }
  FrameStats last;
  int frame = 0;
  for (auto _ : state) {
    // Update: every product moves a little (worst case for the app: nothing is static).
    const auto updateStart = std::chrono::steady_clock::now();
    for (InstanceId i = 1; i < store.scene.size(); ++i) {
      store.scene.instance(i).transform[3].y += (frame % 2 == 0 ? 1e-4F : -1e-4F);
    }
    ++frame;
    const double updateMs =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - updateStart)
            .count();
    last = store.renderer.render(store.scene, std::span<const View>(views, viewCount), target);
    // The renderer's cpuMs excludes waiting on the frame slot's fence (GPU time).
    state.SetIterationTime((updateMs + last.cpuMs) / 1000.0);
  }
  store.renderer.waitIdle();
  state.counters["draw_calls"] = last.drawCalls;
  state.counters["draw_commands"] = last.drawCommands;
  state.counters["instances_drawn"] = last.instancesDrawn;
  state.counters["triangles"] = static_cast<double>(last.triangles);
}
BENCHMARK(BM_FrameCpu)
    ->Args({500, 1})
    ->Args({1000, 1})
    ->Args({500, 2})
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

void BM_Frame720p(benchmark::State& state) {
  StoreLike store(static_cast<int>(state.range(0)));
  OffscreenTarget target(context(), {1280, 720});
  const View view =
      View::lookAt({0, 1.6F, 6.0F}, {0, 1, -8}, glm::radians(65.0F), 1280.0F / 720.0F);
  FrameStats last;
  for (auto _ : state) {
    last = store.renderer.render(store.scene, std::span<const View>(&view, 1), target);
  }
  store.renderer.waitIdle();
  state.counters["fps"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["draw_calls"] = last.drawCalls;
  state.counters["instances_drawn"] = last.instancesDrawn;
}
BENCHMARK(BM_Frame720p)->Arg(500)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(3.0);

}  // namespace

BENCHMARK_MAIN();
