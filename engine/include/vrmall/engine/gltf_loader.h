// glTF 2.0 (.gltf and .glb) to ModelData, through tinygltf. Hostile files are expected (retailers
// upload them): the GLB container, JSON and every accessor are checked against the buffers and
// against size caps before anything is read, so a bad file gives an error, never a crash, hang or
// huge allocation. Errors and warnings carry the glTF-Validator issue code where one applies.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "vrmall/engine/model_data.h"

namespace vrmall::engine {

struct GltfLoadOptions {
  size_t maxFileBytes = size_t{512} << 20;  // .gltf/.glb and each external buffer or image
  size_t maxTotalBytes = size_t{1} << 30;   // all buffers and decoded images together
  uint32_t maxTextureSize = 8192;           // per side
  size_t maxVerticesPerPrimitive = size_t{1} << 24;
  size_t maxIndicesPerPrimitive = size_t{1} << 26;
  size_t maxPlacements = 1 << 20;  // node instances after flattening
  // Elements of any one JSON array (nodes, accessors, ...): checked before the JSON is parsed.
  size_t maxJsonArrayElements = size_t{1} << 18;
  bool loadImages = true;
};

struct GltfLoadResult {
  bool ok = false;
  std::string error;  // "<CODE>: <what>, at <where>" when !ok
  ModelData model;    // warnings in model.warnings
};

class GltfLoader {
 public:
  explicit GltfLoader(GltfLoadOptions options = {}) : options_(options) {}
  GltfLoadResult load(const std::filesystem::path& path) const;

 private:
  GltfLoadOptions options_;
};

}  // namespace vrmall::engine
