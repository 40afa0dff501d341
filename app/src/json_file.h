#pragma once
// JSON helpers shared by the store scene, the guide's slot placement and the tour.
#include <filesystem>
#include <glm/vec3.hpp>
#include <nlohmann/json.hpp>
#include <optional>

namespace vrmall::app {

// Parses a JSON file; throws std::runtime_error naming the file when it is missing or invalid.
nlohmann::json readJsonFile(const std::filesystem::path& path);
// [x, y, z] as a vector, or nothing when `v` is not three numbers.
std::optional<glm::vec3> vec3Of(const nlohmann::json& v);

}  // namespace vrmall::app
