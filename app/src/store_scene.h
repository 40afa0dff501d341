// Builds the 3D store from assets/store: fixtures and products placed as layout.json says, each
// product's glTF from items.csv's MODEL column (relative to the CSV). Every model is loaded and
// uploaded once; repeated placements are instances of it.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "vrmall/engine/renderer.h"
#include "vrmall/engine/scene.h"

namespace vrmall::app {

struct StoreSummary {
  size_t fixtures = 0;
  size_t products = 0;       // product instances placed
  size_t models = 0;         // distinct glTF files uploaded
  size_t missingModels = 0;  // slots whose item or model could not be used
  std::vector<std::string> warnings;
  double loadMs = 0.0;                 // wall time of build()
  glm::vec3 spawn{0.0F, 0.0F, 12.5F};  // where a shopper starts (layout.json entrance.spawn)
  float spawnYawDeg = 180.0F;          // layout convention: 0 faces +Z, 90 faces +X
  float eyeHeight = 1.65F;
  // For swapping products later (the shopping guide's plans): slot id -> its instance,
  // ITEM_ID -> model file, loaded model file (canonical path) -> model id and variant names.
  std::map<std::string, engine::InstanceId> slotInstances;
  std::map<std::string, std::string> slotItems;  // slot id -> ITEM_ID it shows now
  std::map<std::string, std::filesystem::path> modelOf;
  std::map<std::string, engine::ModelId> modelIds;
  // The same ids by path as written: a guide swap finds its model without a filesystem call
  // (canonicalising a path costs a system call per path component).
  std::unordered_map<std::string, engine::ModelId> modelIdsByPath;
  std::map<engine::ModelId, std::vector<std::string>> variantNames;
};

class StoreScene {
 public:
  // The model of a glTF file, loaded and uploaded on first use and recorded in `store`
  // (modelIds, variantNames, models): every placement of the same file shares it. Nothing, with
  // `error` set, when the file does not load.
  static std::optional<engine::ModelId> model(const std::filesystem::path& gltf,
                                              engine::Renderer& renderer, StoreSummary& store,
                                              std::string& error);
  // Throws std::runtime_error with a clear message when the store folder or layout is missing.
  static StoreSummary build(const std::filesystem::path& storeDir, engine::Renderer& renderer,
                            engine::Scene& scene);
  // build() for the run modes: prints its warnings, or the error (and returns nothing).
  static std::optional<StoreSummary> buildOrReport(const std::filesystem::path& storeDir,
                                                   engine::Renderer& renderer,
                                                   engine::Scene& scene);
};

}  // namespace vrmall::app
