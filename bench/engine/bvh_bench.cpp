// Bvh picking cost: building over 10,000 store-sized boxes, refitting them, and one raycast
// (the pointer ray of a frame) against the tree and, for scale, against every box.
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "vrmall/engine/bvh.h"

namespace {

using namespace vrmall::engine;

// Product-sized boxes (10-60 cm) scattered over a 100 m x 4 m x 100 m hall.
std::vector<Bounds> hallBoxes(size_t n) {
  std::mt19937 rng(42);
  std::uniform_real_distribution<float> x(-50.0F, 50.0F);
  std::uniform_real_distribution<float> y(0.0F, 4.0F);
  std::uniform_real_distribution<float> s(0.05F, 0.3F);
  std::vector<Bounds> boxes(n);
  for (auto& b : boxes) {
    const glm::vec3 c(x(rng), y(rng), x(rng));
    const glm::vec3 h(s(rng), s(rng), s(rng));
    b = {c - h, c + h};
  }
  return boxes;
}

struct Rays {
  std::vector<glm::vec3> origins, dirs;
  explicit Rays(size_t n) {
    std::mt19937 rng(7);
    std::uniform_real_distribution<float> x(-50.0F, 50.0F);
    std::normal_distribution<float> d(0.0F, 1.0F);
    for (size_t i = 0; i < n; ++i) {
      origins.emplace_back(x(rng), 1.6F, x(rng));  // eye height
      dirs.push_back(glm::normalize(glm::vec3(d(rng), 0.3F * d(rng), d(rng))));
    }
  }
};

void BM_BvhBuild(benchmark::State& state) {
  const auto boxes = hallBoxes(static_cast<size_t>(state.range(0)));
  Bvh bvh;
  for (auto _ : state) {
    bvh.build(boxes);
    benchmark::DoNotOptimize(bvh.nodeCount());
  }
  state.counters["nodes"] = static_cast<double>(bvh.nodeCount());
  state.counters["depth"] = bvh.depth();
}
BENCHMARK(BM_BvhBuild)->Arg(10000)->Unit(benchmark::kMillisecond);

void BM_BvhRefit(benchmark::State& state) {
  const auto boxes = hallBoxes(static_cast<size_t>(state.range(0)));
  Bvh bvh(boxes);
  for (auto _ : state) {
    bvh.refit(boxes);
    benchmark::ClobberMemory();
  }
}
BENCHMARK(BM_BvhRefit)->Arg(10000)->Unit(benchmark::kMicrosecond);

void BM_BvhRaycast(benchmark::State& state) {
  const auto boxes = hallBoxes(static_cast<size_t>(state.range(0)));
  const Bvh bvh(boxes);
  const Rays rays(1024);
  size_t i = 0;
  size_t hits = 0;
  for (auto _ : state) {
    const auto hit = bvh.raycast(rays.origins[i], rays.dirs[i], 30.0F);
    hits += hit ? 1 : 0;
    benchmark::DoNotOptimize(hit);
    i = (i + 1) % rays.origins.size();
  }
  state.counters["hit_rate"] =
      static_cast<double>(hits) / static_cast<double>(std::max<int64_t>(state.iterations(), 1));
}
BENCHMARK(BM_BvhRaycast)->Arg(10000)->Unit(benchmark::kMicrosecond);

void BM_BruteForceRaycast(benchmark::State& state) {
  const auto boxes = hallBoxes(static_cast<size_t>(state.range(0)));
  const Rays rays(1024);
  size_t i = 0;
  for (auto _ : state) {
    std::optional<RayHit> best;
    for (uint32_t b = 0; b < boxes.size(); ++b) {
      const auto t = intersectRayBox(boxes[b], rays.origins[i], rays.dirs[i], 30.0F);
      if (t && (!best || *t < best->t)) best = RayHit{b, *t};
    }
    benchmark::DoNotOptimize(best);
    i = (i + 1) % rays.origins.size();
  }
}
BENCHMARK(BM_BruteForceRaycast)->Arg(10000)->Unit(benchmark::kMicrosecond);

}  // namespace
