// The OpenXR core validation layer's findings. Debian's layer (openxr-layer-corevalidation
// 1.0.20) reports as text to stdout or to XR_CORE_VALIDATION_FILE_NAME, not to
// XR_EXT_debug_utils messengers, so a run that must count them points the layer at a file and
// reads it back once the instance is gone. Lines look like
//   [VALID_ERROR | VUID-xrGetSystem-getInfo-parameter | xrGetSystem]: Command xrGetSystem ...
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace vrmall::engine::xr {

struct ValidationFindings {
  uint32_t errors = 0, warnings = 0;
  std::vector<std::string> messages;  // the first 32 finding lines
};

// Nothing when `file` is empty or missing (the layer writes the file on its first finding).
ValidationFindings readCoreValidationLog(const std::filesystem::path& file);

}  // namespace vrmall::engine::xr
