#include "json_file.h"

#include <fstream>
#include <stdexcept>

namespace vrmall::app {

nlohmann::json readJsonFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded()) throw std::runtime_error(path.string() + " is not valid JSON");
  return j;
}

std::optional<glm::vec3> vec3Of(const nlohmann::json& v) {
  if (v.is_array() && v.size() == 3 && v[0].is_number() && v[1].is_number() && v[2].is_number()) {
    return glm::vec3(v[0].get<float>(), v[1].get<float>(), v[2].get<float>());
  }
  return std::nullopt;
}

}  // namespace vrmall::app
