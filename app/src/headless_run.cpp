#include "headless_run.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "store_scene.h"
#include "vrmall/engine/context.h"
#include "vrmall/engine/image_file.h"
#include "vrmall/engine/offscreen_target.h"
#include "vrmall/engine/renderer.h"

namespace vrmall::app {
namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

double msBetween(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

nlohmann::json countsJson(const engine::ValidationCounts& c) {
  return {{"error", c.error}, {"warning", c.warning}, {"info", c.info}, {"verbose", c.verbose}};
}

}  // namespace

std::optional<CameraPose> parseCamera(const std::string& text) {
  std::stringstream in(text);
  CameraPose pose;
  float* fields[5] = {&pose.x, &pose.y, &pose.z, &pose.yawDeg, &pose.pitchDeg};
  for (int i = 0; i < 5; ++i) {
    std::string part;
    if (!std::getline(in, part, ',')) return std::nullopt;
    try {
      size_t used = 0;
      *fields[i] = std::stof(part, &used);
      if (used != part.size()) return std::nullopt;
    } catch (...) {
      return std::nullopt;
    }
  }
  std::string rest;
  if (std::getline(in, rest)) return std::nullopt;
  return pose;
}

int runHeadless(const HeadlessOptions& o) {
  engine::ContextOptions contextOptions;
  contextOptions.validation = o.validation;
  engine::Context context(contextOptions);
  engine::RendererOptions rendererOptions;
  rendererOptions.samples = o.msaa;
  engine::Renderer renderer(context, rendererOptions);
  engine::Scene scene;

  const auto built = StoreScene::buildOrReport(o.storeDir, renderer, scene);
  if (!built) return 2;
  const StoreSummary& store = *built;
  const double loadMs = store.loadMs;
  std::cout << "store: " << store.products << " products, " << store.fixtures << " fixtures, "
            << store.models << " models loaded in " << static_cast<int>(loadMs) << " ms\n";

  std::error_code ec;
  fs::create_directories(o.outDir, ec);
  if (ec) {
    std::cerr << "vrmall: cannot create " << o.outDir << ": " << ec.message() << "\n";
    return 2;
  }
  engine::OffscreenTarget target(context, {o.width, o.height}, o.views);
  const float aspect = static_cast<float>(o.width) / static_cast<float>(o.height);

  nlohmann::json frames = nlohmann::json::array();
  double renderMs = 0.0;
  double cpuSum = 0.0;
  double cpuMax = 0.0;
  int screenshots = 0;
  const auto validationBefore = context.validationCounts();
  for (int f = 0; f < o.frames; ++f) {
    CameraPose pose;
    if (o.camera) {
      pose = *o.camera;
    } else {
      // A slow look around from the entrance, left to right: deterministic, so runs compare.
      const float t =
          o.frames > 1 ? static_cast<float>(f) / static_cast<float>(o.frames - 1) : 0.0F;
      pose = {store.spawn.x, store.spawn.y + store.eyeHeight, store.spawn.z,
              store.spawnYawDeg - 50.0F + 100.0F * t, -6.0F};
    }
    const glm::vec3 eye(pose.x, pose.y, pose.z);
    engine::View views[2];
    if (o.views == 2) {
      // Eyes 64 mm apart, along the camera's right vector.
      const float yaw = glm::radians(pose.yawDeg);
      const glm::vec3 right(std::cos(yaw), 0.0F, -std::sin(yaw));
      for (int e = 0; e < 2; ++e) {
        views[e] = engine::View::yawPitch(eye + right * (e == 0 ? -0.032F : 0.032F), pose.yawDeg,
                                          pose.pitchDeg, glm::radians(70.0F), aspect);
      }
    } else {
      views[0] =
          engine::View::yawPitch(eye, pose.yawDeg, pose.pitchDeg, glm::radians(65.0F), aspect);
    }
    const auto t0 = Clock::now();
    const engine::FrameStats s =
        renderer.render(scene, std::span<const engine::View>(views, o.views), target);
    renderMs += msBetween(t0, Clock::now());
    cpuSum += s.cpuMs;
    cpuMax = std::max(cpuMax, s.cpuMs);
    frames.push_back({{"frame", f},
                      {"cpu_ms", s.cpuMs},
                      {"wait_ms", s.waitMs},
                      {"draw_calls", s.drawCalls},
                      {"draw_commands", s.drawCommands},
                      {"triangles", s.triangles},
                      {"instances_drawn", s.instancesDrawn},
                      {"instances_total", s.instancesTotal}});
    const bool shoot =
        f == 0 || f == o.frames - 1 || (o.screenshotEvery > 0 && f % o.screenshotEvery == 0);
    if (shoot) {
      renderer.waitIdle();
      for (uint32_t v = 0; v < o.views; ++v) {
        engine::RgbaImage image{o.width, o.height, target.readPixels(target.lastIndex(), v)};
        char name[64];
        std::snprintf(name, sizeof(name), o.views == 2 ? "frame_%04d_eye%u.png" : "frame_%04d.png",
                      f, v);
        if (!engine::writePng(o.outDir / name, image)) {
          std::cerr << "vrmall: cannot write " << (o.outDir / name) << "\n";
          return 2;
        }
        ++screenshots;
      }
    }
  }
  const auto drainStart = Clock::now();
  renderer.waitIdle();
  renderMs += msBetween(drainStart, Clock::now());

  const auto counts = context.validationCounts();
  const engine::ValidationCounts during{
      counts.verbose - validationBefore.verbose, counts.info - validationBefore.info,
      counts.warning - validationBefore.warning, counts.error - validationBefore.error};
  const int n = std::max(1, o.frames);
  nlohmann::json stats = {
      {"device", context.deviceName()},
      {"width", o.width},
      {"height", o.height},
      {"views", o.views},
      {"msaa_samples", o.msaa >= 4 ? 4 : 1},
      {"validation_enabled", context.validationEnabled()},
      {"store",
       {{"dir", o.storeDir.string()},
        {"products", store.products},
        {"fixtures", store.fixtures},
        {"models", store.models},
        {"missing", store.missingModels},
        {"load_ms", loadMs}}},
      {"summary",
       {{"frames", o.frames},
        {"cpu_ms_mean", cpuSum / n},
        {"cpu_ms_max", cpuMax},
        {"fps", o.frames > 0 && renderMs > 0 ? 1000.0 * o.frames / renderMs : 0.0},
        {"note",
         "fps: wall time of render() calls incl. waiting for the GPU (lavapipe = CPU), "
         "excluding screenshot readback and PNG encoding"},
        {"screenshots", screenshots}}},
      {"validation", countsJson(counts)},
      {"validation_during_frames", countsJson(during)},
      {"frames", frames}};
  std::ofstream out(o.outDir / "stats.json");
  out << stats.dump(2) << "\n";
  if (!out) {
    std::cerr << "vrmall: cannot write " << (o.outDir / "stats.json") << "\n";
    return 2;
  }
  std::cout << "rendered " << o.frames << " frames at " << o.width << "x" << o.height << ": "
            << stats["summary"]["fps"].get<double>() << " fps, cpu " << cpuSum / n << " ms/frame, "
            << (frames.empty() ? 0 : frames.back()["draw_calls"].get<int>())
            << " draw calls; validation errors " << counts.error << ", warnings " << counts.warning
            << "; wrote " << o.outDir << "\n";
  return counts.error > 0 ? 3 : 0;
}

}  // namespace vrmall::app
