// Schema-level checks on the raw glTF JSON, before tinygltf parses it: types and presence of core
// properties, asset version, URIs. tinygltf silently defaults many malformed values; these checks
// turn them into clear errors.
#pragma once

#include <nlohmann/json.hpp>

#include "gltf_diagnostics.h"

namespace vrmall::engine {

void checkGltfJson(const nlohmann::json& root, GltfDiagnostics& diag);

}  // namespace vrmall::engine
