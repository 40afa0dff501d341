#include "vrmall/engine/xr/validation_log.h"

#include <fstream>

namespace vrmall::engine::xr {

ValidationFindings readCoreValidationLog(const std::filesystem::path& file) {
  ValidationFindings f;
  if (file.empty()) return f;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    const bool error = line.rfind("[VALID_ERROR", 0) == 0;
    const bool warning = line.rfind("[VALID_WARNING", 0) == 0;
    if (error) ++f.errors;
    if (warning) ++f.warnings;
    if ((error || warning) && f.messages.size() < 32) f.messages.push_back(line);
  }
  return f;
}

}  // namespace vrmall::engine::xr
