#include "gltf.h"

#include <charconv>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>

namespace storegen {

namespace {

using Json = nlohmann::ordered_json;

// The shortest decimal that reads back as the same float, so files stay small and min/max
// match the float32 data exactly.
double tidy(float f) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf - 1, f);
  *r.ptr = '\0';
  return std::strtod(buf, nullptr);
}

Json tidy_array(std::initializer_list<float> values) {
  Json a = Json::array();
  for (float v : values) a.push_back(tidy(v));
  return a;
}

class BufferBuilder {
 public:
  // Appends raw bytes as a new buffer view, 4-byte aligned as accessors require.
  int view(const void* data, size_t bytes, int target) {
    while (bytes_.size() % 4) bytes_.push_back(0);
    const size_t offset = bytes_.size();
    const auto* p = static_cast<const unsigned char*>(data);
    bytes_.insert(bytes_.end(), p, p + bytes);
    views_.push_back(
        Json{{"buffer", 0}, {"byteOffset", offset}, {"byteLength", bytes}, {"target", target}});
    return static_cast<int>(views_.size() - 1);
  }
  std::vector<unsigned char>& bytes() { return bytes_; }
  Json& views() { return views_; }

 private:
  std::vector<unsigned char> bytes_;
  Json views_ = Json::array();
};

constexpr int kArrayBuffer = 34962, kElementArrayBuffer = 34963;
constexpr int kFloat = 5126, kUnsignedShort = 5123, kUnsignedInt = 5125;

}  // namespace

GltfFiles write_gltf(const GltfDocument& doc, const std::string& bin_name) {
  BufferBuilder buffer;
  Json accessors = Json::array();
  Json primitives = Json::array();
  const Mesh& mesh = *doc.mesh;
  for (size_t pi = 0; pi < mesh.parts.size(); ++pi) {
    const Part& part = mesh.parts[pi];
    const size_t n = part.positions.size();
    Vec3 lo = part.positions[0], hi = part.positions[0];
    for (const Vec3& v : part.positions) {
      lo = {std::min(lo.x, v.x), std::min(lo.y, v.y), std::min(lo.z, v.z)};
      hi = {std::max(hi.x, v.x), std::max(hi.y, v.y), std::max(hi.z, v.z)};
    }
    static_assert(sizeof(Vec3) == 12 && sizeof(Vec2) == 8, "tightly packed attributes");
    const int pos_view = buffer.view(part.positions.data(), n * 12, kArrayBuffer);
    accessors.push_back(Json{{"bufferView", pos_view},
                             {"componentType", kFloat},
                             {"count", n},
                             {"type", "VEC3"},
                             {"min", tidy_array({lo.x, lo.y, lo.z})},
                             {"max", tidy_array({hi.x, hi.y, hi.z})}});
    const int nrm_view = buffer.view(part.normals.data(), n * 12, kArrayBuffer);
    accessors.push_back(
        Json{{"bufferView", nrm_view}, {"componentType", kFloat}, {"count", n}, {"type", "VEC3"}});
    const int uv_view = buffer.view(part.uvs.data(), n * 8, kArrayBuffer);
    accessors.push_back(
        Json{{"bufferView", uv_view}, {"componentType", kFloat}, {"count", n}, {"type", "VEC2"}});
    int idx_view = 0, idx_type = kUnsignedInt;
    if (n <= 65535) {  // 16-bit indices halve the index data of every product
      std::vector<uint16_t> small(part.indices.begin(), part.indices.end());
      idx_view = buffer.view(small.data(), small.size() * 2, kElementArrayBuffer);
      idx_type = kUnsignedShort;
    } else {
      idx_view = buffer.view(part.indices.data(), part.indices.size() * 4, kElementArrayBuffer);
    }
    accessors.push_back(Json{{"bufferView", idx_view},
                             {"componentType", idx_type},
                             {"count", part.indices.size()},
                             {"type", "SCALAR"}});
    const int base = static_cast<int>(accessors.size()) - 4;
    Json prim{{"attributes", {{"POSITION", base}, {"NORMAL", base + 1}, {"TEXCOORD_0", base + 2}}},
              {"indices", base + 3},
              {"material", doc.part_material[pi]},
              {"mode", 4}};
    if (pi < doc.part_variant_material.size() && !doc.part_variant_material[pi].empty()) {
      Json mappings = Json::array();
      const auto& per_variant = doc.part_variant_material[pi];
      for (size_t v = 0; v < per_variant.size(); ++v)
        mappings.push_back(Json{{"material", per_variant[v]}, {"variants", Json::array({v})}});
      prim["extensions"] = Json{{"KHR_materials_variants", {{"mappings", mappings}}}};
    }
    primitives.push_back(prim);
  }
  while (buffer.bytes().size() % 4) buffer.bytes().push_back(0);

  Json materials = Json::array();
  for (const auto& m : doc.materials) {
    Json pbr{{"baseColorFactor",
              tidy_array({m.base_colour[0], m.base_colour[1], m.base_colour[2], m.base_colour[3]})},
             {"metallicFactor", tidy(m.metallic)},
             {"roughnessFactor", tidy(m.roughness)}};
    Json mat{{"name", m.name}, {"pbrMetallicRoughness", pbr}};
    if (m.blend) mat["alphaMode"] = "BLEND";
    if (m.double_sided) mat["doubleSided"] = true;
    materials.push_back(mat);
  }

  Json gltf;
  gltf["asset"] = {{"version", "2.0"}, {"generator", "vrmall-storegen"}};
  const bool has_variants = !doc.variants.empty();
  if (has_variants) {
    gltf["extensionsUsed"] = Json::array({"KHR_materials_variants"});
    Json variants = Json::array();
    for (const auto& v : doc.variants) variants.push_back(Json{{"name", v}});
    gltf["extensions"] = {{"KHR_materials_variants", {{"variants", variants}}}};
  }
  gltf["scene"] = 0;
  gltf["scenes"] = Json::array({Json{{"nodes", Json::array({0})}}});
  Json node{{"name", doc.name}, {"mesh", 0}};
  if (!doc.item_id.empty())
    node["extras"] = {{"vrmall",
                       {{"item_id", doc.item_id},
                        {"attach", tidy_array({doc.attach.x, doc.attach.y, doc.attach.z})}}}};
  gltf["nodes"] = Json::array({node});
  gltf["meshes"] = Json::array({Json{{"name", doc.name}, {"primitives", primitives}}});
  gltf["materials"] = materials;
  gltf["accessors"] = accessors;
  gltf["bufferViews"] = buffer.views();
  gltf["buffers"] = Json::array({Json{{"byteLength", buffer.bytes().size()}, {"uri", bin_name}}});
  return {gltf.dump(1) + "\n", std::string(buffer.bytes().begin(), buffer.bytes().end())};
}

}  // namespace storegen
