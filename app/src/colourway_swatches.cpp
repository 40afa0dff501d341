#include "colourway_swatches.h"

#include <nlohmann/json.hpp>

#include "json_file.h"

namespace vrmall::app {

using nlohmann::json;

std::vector<glm::vec3> colourwaySwatches(const std::filesystem::path& gltf) {
  std::vector<glm::vec3> out;
  try {
    const json j = readJsonFile(gltf);
    const size_t variants = j.value("extensions", json::object())
                                .value("KHR_materials_variants", json::object())
                                .value("variants", json::array())
                                .size();
    if (variants == 0) return out;
    const json& meshes = j.value("meshes", json::array());
    if (meshes.empty() || meshes[0].value("primitives", json::array()).empty()) return out;
    const json& prim = meshes[0]["primitives"][0];
    const json& materials = j.value("materials", json::array());
    auto colourOf = [&](const json& index) {
      glm::vec3 c(0.5F);
      if (!index.is_number_unsigned() || index.get<size_t>() >= materials.size()) return c;
      const json f = materials[index.get<size_t>()]
                         .value("pbrMetallicRoughness", json::object())
                         .value("baseColorFactor", json::array());
      if (f.size() >= 3) c = {f[0].get<float>(), f[1].get<float>(), f[2].get<float>()};
      return c;
    };
    out.assign(variants, colourOf(prim.value("material", json())));
    const json mappings = prim.value("extensions", json::object())
                              .value("KHR_materials_variants", json::object())
                              .value("mappings", json::array());
    for (const json& m : mappings) {
      const glm::vec3 c = colourOf(m.value("material", json()));
      for (const json& v : m.value("variants", json::array())) {
        if (v.is_number_unsigned() && v.get<size_t>() < variants) out[v.get<size_t>()] = c;
      }
    }
  } catch (const std::exception&) {
    out.clear();
  }
  return out;
}

}  // namespace vrmall::app
