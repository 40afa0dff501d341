// Errors and warnings found while loading a glTF, each "<CODE>: <message> (at <json pointer>)".
#pragma once

#include <string>
#include <vector>

namespace vrmall::engine {

struct GltfDiagnostics {
  std::vector<std::string> errors;
  std::vector<std::string> warnings;

  void error(const std::string& code, const std::string& message, const std::string& where = {}) {
    errors.push_back(format(code, message, where));
  }
  void warning(const std::string& code, const std::string& message, const std::string& where = {}) {
    warnings.push_back(format(code, message, where));
  }
  bool failed() const { return !errors.empty(); }

 private:
  static std::string format(const std::string& code, const std::string& message,
                            const std::string& where) {
    return code + ": " + message + (where.empty() ? "" : " (at " + where + ")");
  }
};

}  // namespace vrmall::engine
