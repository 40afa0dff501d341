// A minimal glTF 2.0 writer: one mesh, one node, the buffer in a sibling .bin file (a quarter
// smaller than a base64 data URI), colourways as KHR_materials_variants.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "mesh.h"

namespace storegen {

struct GltfMaterial {
  std::string name;
  std::array<float, 4> base_colour{1, 1, 1, 1};  // linear RGBA
  float metallic = 0, roughness = 1;
  bool blend = false;
  bool double_sided = true;
};

struct GltfDocument {
  std::string name;  // node and mesh name
  const Mesh* mesh = nullptr;
  std::vector<GltfMaterial> materials;
  std::vector<int> part_material;  // default material per mesh part
  std::vector<std::string> variants;
  // Per mesh part, the material for each variant; empty when the part ignores variants.
  std::vector<std::vector<int>> part_variant_material;
  // Products carry their id and attach point in the node's extras ("vrmall": {...}).
  std::string item_id;
  Vec3 attach{};
};

struct GltfFiles {
  std::string json;  // the .gltf text
  std::string bin;   // the buffer, little-endian, referenced by the relative uri `bin_name`
};

// `bin_name` is the buffer file's name next to the .gltf (e.g. "P0001.bin").
GltfFiles write_gltf(const GltfDocument& doc, const std::string& bin_name);

}  // namespace storegen
