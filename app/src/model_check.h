// `vrmall --view-model FILE`: the retailer's asset check. Loads one product glTF, reports what the
// loader warned about, and renders it on a neutral stage from several angles.
#pragma once

#include <filesystem>
#include <string>

namespace vrmall::app {

struct ModelCheckOptions {
  std::filesystem::path model;
  std::filesystem::path outDir;
  std::string variant;  // KHR_materials_variants name; empty = default materials
  uint32_t width = 512;
  uint32_t height = 512;
  bool validation = true;
};

// Returns the exit code: 0 ok, 2 the file does not load (error printed and in report.json).
int runModelCheck(const ModelCheckOptions& options);

}  // namespace vrmall::app
