#include "model_check.h"

#include <cmath>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "vrmall/engine/context.h"
#include "vrmall/engine/gltf_loader.h"
#include "vrmall/engine/image_file.h"
#include "vrmall/engine/offscreen_target.h"
#include "vrmall/engine/procedural.h"
#include "vrmall/engine/renderer.h"

namespace vrmall::app {
namespace {

namespace fs = std::filesystem;

struct Angle {
  const char* name;
  float yawDeg;  // camera position around the model, layout convention (0: in front, +Z)
  float pitchDeg;
};

constexpr Angle kAngles[] = {{"front", 0, 10},  {"front_right", 45, 20}, {"right", 90, 10},
                             {"back", 180, 10}, {"left", 270, 10},       {"top", 30, 60}};

bool writeReport(const fs::path& path, const nlohmann::json& report) {
  std::ofstream out(path);
  out << report.dump(2) << "\n";
  return static_cast<bool>(out);
}

}  // namespace

int runModelCheck(const ModelCheckOptions& o) {
  std::error_code ec;
  fs::create_directories(o.outDir, ec);
  nlohmann::json report = {{"model", o.model.string()}};
  const engine::GltfLoadResult result = engine::GltfLoader().load(o.model);
  report["warnings"] = result.model.warnings;
  for (const auto& w : result.model.warnings) std::cerr << "vrmall: warning: " << w << "\n";
  if (!result.ok) {
    std::cerr << "vrmall: cannot use " << o.model << ": " << result.error << "\n";
    report["ok"] = false;
    report["error"] = result.error;
    writeReport(o.outDir / "report.json", report);
    return 2;
  }
  int variant = -1;
  if (!o.variant.empty()) {
    for (size_t i = 0; i < result.model.variants.size(); ++i) {
      if (result.model.variants[i] == o.variant) variant = static_cast<int>(i);
    }
    if (variant < 0) {
      std::string list;
      for (const auto& v : result.model.variants) list += (list.empty() ? "" : ", ") + v;
      const std::string error = "no variant '" + o.variant + "' in " + o.model.string() +
                                " (variants: " + (list.empty() ? "none" : list) + ")";
      std::cerr << "vrmall: " << error << "\n";
      report["ok"] = false;
      report["error"] = error;
      writeReport(o.outDir / "report.json", report);
      return 2;
    }
  }

  engine::ContextOptions contextOptions;
  contextOptions.validation = o.validation;
  engine::Context context(contextOptions);
  engine::Renderer renderer(context, {2, 4, {0.42F, 0.43F, 0.45F, 1.0F}});
  const engine::ModelId model = renderer.addModel(result.model);
  const engine::Bounds bounds = result.model.bounds;
  const glm::vec3 size = bounds.valid() ? bounds.size() : glm::vec3(1.0F);
  const float radius = std::max(glm::length(size) * 0.5F, 1e-3F);

  // Neutral stage: a matte grey disc-like floor just under the model, sized to it.
  engine::Scene scene;
  const engine::ModelId stage =
      renderer.addModel(engine::makePlane(1.0F, {0.5F, 0.5F, 0.5F, 1.0F}, 0.9F));
  const glm::vec3 centre = bounds.valid() ? bounds.center() : glm::vec3(0.0F);
  const float floorY = bounds.valid() ? bounds.min.y : 0.0F;
  glm::mat4 stageTransform(1.0F);
  stageTransform[0][0] = stageTransform[2][2] = radius * 6.0F;
  stageTransform[3] = glm::vec4(centre.x, floorY - radius * 0.002F, centre.z, 1.0F);
  scene.add(engine::Instance{stage, stageTransform, -1, true});
  scene.add(engine::Instance{model, glm::mat4(1.0F), variant, true});

  engine::OffscreenTarget target(context, {o.width, o.height});
  const float aspect = static_cast<float>(o.width) / static_cast<float>(o.height);
  const float fov = glm::radians(35.0F);
  const float distance = radius / std::sin(fov * 0.5F) * 1.1F;
  nlohmann::json images = nlohmann::json::array();
  for (const Angle& a : kAngles) {
    const float yaw = glm::radians(a.yawDeg);
    const float pitch = glm::radians(a.pitchDeg);
    const glm::vec3 dir(std::sin(yaw) * std::cos(pitch), std::sin(pitch),
                        std::cos(yaw) * std::cos(pitch));
    const engine::View view = engine::View::lookAt(centre + dir * distance, centre, fov, aspect,
                                                   distance * 0.01F, distance * 20.0F);
    const engine::FrameStats s =
        renderer.render(scene, std::span<const engine::View>(&view, 1), target);
    renderer.waitIdle();
    const engine::RgbaImage image{o.width, o.height, target.readPixels(target.lastIndex())};
    const std::string file = std::string("view_") + a.name + ".png";
    if (!engine::writePng(o.outDir / file, image)) {
      std::cerr << "vrmall: cannot write " << (o.outDir / file) << "\n";
      return 2;
    }
    images.push_back({{"file", file}, {"draw_calls", s.drawCalls}, {"triangles", s.triangles}});
  }
  const auto counts = context.validationCounts();
  report["ok"] = true;
  report["variants"] = result.model.variants;
  report["variant"] = o.variant;
  report["triangles"] = result.model.triangleCount();
  report["materials"] = result.model.materials.size();
  report["textures"] = result.model.images.size();
  report["bounds_m"] = {{"min", {bounds.min.x, bounds.min.y, bounds.min.z}},
                        {"max", {bounds.max.x, bounds.max.y, bounds.max.z}}};
  report["images"] = images;
  report["validation"] = {{"error", counts.error}, {"warning", counts.warning}};
  writeReport(o.outDir / "report.json", report);
  std::cout << o.model.filename().string() << ": " << result.model.triangleCount() << " triangles, "
            << result.model.variants.size() << " variants, " << result.model.warnings.size()
            << " warnings; " << images.size() << " views in " << o.outDir << "\n";
  return 0;
}

}  // namespace vrmall::app
