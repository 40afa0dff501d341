// Every product and fixture model is valid glTF 2.0 as tinygltf reads it, with honest accessor
// bounds, a KHR_materials_variants variant per colourway, sane geometry at real-world size, and
// materials that match what the product is made of.
#include <gtest/gtest.h>
#include <tiny_gltf.h>

#include <cmath>
#include <cstring>
#include <map>
#include <set>

#include "store_files.h"

namespace vrmall::assets_test {
namespace {

struct Loaded {
  tinygltf::Model model;
  std::string error;
};

const std::map<std::string, Loaded>& models() {
  static const std::map<std::string, Loaded> all = [] {
    std::map<std::string, Loaded> out;
    tinygltf::TinyGLTF loader;
    for (const auto& dir : {"models", "fixtures"})
      for (const auto& entry : std::filesystem::directory_iterator(store_dir() / dir)) {
        if (entry.path().extension() != ".gltf") continue;
        Loaded l;
        std::string err, warn;
        if (!loader.LoadASCIIFromFile(&l.model, &err, &warn, entry.path().string()))
          l.error = err.empty() ? "failed" : err;
        if (!err.empty() || !warn.empty()) l.error += err + warn;
        out[std::string(dir) + "/" + entry.path().stem().string()] = std::move(l);
      }
    return out;
  }();
  return all;
}

const Table& items() {
  static const Table t = read_csv(store_dir() / "items.csv");
  return t;
}

// Reads element i of a float accessor (tightly packed or strided).
std::vector<float> read_floats(const tinygltf::Model& m, const tinygltf::Accessor& a, size_t i) {
  const auto& view = m.bufferViews[static_cast<size_t>(a.bufferView)];
  const size_t comps =
      static_cast<size_t>(tinygltf::GetNumComponentsInType(static_cast<uint32_t>(a.type)));
  const size_t stride = view.byteStride ? view.byteStride : comps * 4;
  const unsigned char* p = m.buffers[static_cast<size_t>(view.buffer)].data.data() +
                           view.byteOffset + a.byteOffset + i * stride;
  std::vector<float> out(comps);
  std::memcpy(out.data(), p, comps * 4);
  return out;
}

uint32_t read_index(const tinygltf::Model& m, const tinygltf::Accessor& a, size_t i) {
  const auto& view = m.bufferViews[static_cast<size_t>(a.bufferView)];
  const unsigned char* p =
      m.buffers[static_cast<size_t>(view.buffer)].data.data() + view.byteOffset + a.byteOffset;
  if (a.componentType == TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT) {
    uint16_t v;
    std::memcpy(&v, p + i * 2, 2);
    return v;
  }
  uint32_t v;
  std::memcpy(&v, p + i * 4, 4);
  return v;
}

size_t component_size(int type) {
  return type == TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT ? 2 : 4;
}

// Structural validity that viewers rely on; returns the first problem found, or "".
std::string check_structure(const tinygltf::Model& m) {
  if (m.asset.version != "2.0") return "asset.version " + m.asset.version;
  if (m.scenes.empty() || m.nodes.empty() || m.meshes.empty()) return "no scene, node or mesh";
  for (const auto& b : m.buffers)
    if (b.data.empty()) return "empty buffer";
  for (const auto& v : m.bufferViews) {
    const auto& b = m.buffers[static_cast<size_t>(v.buffer)];
    if (v.byteOffset + v.byteLength > b.data.size()) return "bufferView past its buffer";
  }
  for (const auto& a : m.accessors) {
    if (a.bufferView < 0 || static_cast<size_t>(a.bufferView) >= m.bufferViews.size())
      return "accessor without view";
    const auto& v = m.bufferViews[static_cast<size_t>(a.bufferView)];
    const size_t csize = component_size(a.componentType);
    const size_t comps =
        static_cast<size_t>(tinygltf::GetNumComponentsInType(static_cast<uint32_t>(a.type)));
    if ((v.byteOffset + a.byteOffset) % csize != 0) return "misaligned accessor";
    const size_t stride = v.byteStride ? v.byteStride : csize * comps;
    if (a.count == 0 || a.byteOffset + stride * (a.count - 1) + csize * comps > v.byteLength)
      return "accessor past its view";
  }
  for (const auto& mesh : m.meshes)
    for (const auto& p : mesh.primitives) {
      if (p.mode != TINYGLTF_MODE_TRIANGLES) return "not triangles";
      for (const char* attr : {"POSITION", "NORMAL", "TEXCOORD_0"})
        if (!p.attributes.count(attr)) return std::string("missing ") + attr;
      const auto& pos = m.accessors[static_cast<size_t>(p.attributes.at("POSITION"))];
      const auto& nrm = m.accessors[static_cast<size_t>(p.attributes.at("NORMAL"))];
      const auto& uv = m.accessors[static_cast<size_t>(p.attributes.at("TEXCOORD_0"))];
      if (pos.type != TINYGLTF_TYPE_VEC3 || nrm.type != TINYGLTF_TYPE_VEC3 ||
          uv.type != TINYGLTF_TYPE_VEC2)
        return "attribute types";
      for (const auto* a : {&pos, &nrm, &uv})
        if (a->componentType != TINYGLTF_COMPONENT_TYPE_FLOAT || a->count != pos.count)
          return "attribute components";
      if (p.indices < 0) return "unindexed";
      const auto& idx = m.accessors[static_cast<size_t>(p.indices)];
      if (idx.type != TINYGLTF_TYPE_SCALAR || idx.count % 3 != 0 ||
          (idx.componentType != TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT &&
           idx.componentType != TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT))
        return "index accessor";
      if (p.material < 0 || static_cast<size_t>(p.material) >= m.materials.size())
        return "material index";
      const auto view_target = [&](const tinygltf::Accessor& a) {
        return m.bufferViews[static_cast<size_t>(a.bufferView)].target;
      };
      if (view_target(pos) != TINYGLTF_TARGET_ARRAY_BUFFER ||
          view_target(idx) != TINYGLTF_TARGET_ELEMENT_ARRAY_BUFFER)
        return "bufferView targets";
    }
  return "";
}

struct Geometry {
  float min[3] = {1e30f, 1e30f, 1e30f}, max[3] = {-1e30f, -1e30f, -1e30f};
  size_t triangles = 0;
  std::string problem;
};

// Recomputes bounds, checks the declared POSITION min/max against them, unit normals, finite
// values and in-range indices.
Geometry check_geometry(const tinygltf::Model& m) {
  Geometry g;
  for (const auto& p : m.meshes[0].primitives) {
    const auto& pos = m.accessors[static_cast<size_t>(p.attributes.at("POSITION"))];
    const auto& nrm = m.accessors[static_cast<size_t>(p.attributes.at("NORMAL"))];
    const auto& uv = m.accessors[static_cast<size_t>(p.attributes.at("TEXCOORD_0"))];
    if (pos.minValues.size() != 3 || pos.maxValues.size() != 3) {
      g.problem = "POSITION without min/max";
      return g;
    }
    float lo[3] = {1e30f, 1e30f, 1e30f}, hi[3] = {-1e30f, -1e30f, -1e30f};
    for (size_t i = 0; i < pos.count; ++i) {
      const auto v = read_floats(m, pos, i), n = read_floats(m, nrm, i), t = read_floats(m, uv, i);
      for (int k = 0; k < 3; ++k) {
        if (!std::isfinite(v[static_cast<size_t>(k)]) || !std::isfinite(n[static_cast<size_t>(k)]))
          g.problem = "non-finite";
        lo[k] = std::min(lo[k], v[static_cast<size_t>(k)]);
        hi[k] = std::max(hi[k], v[static_cast<size_t>(k)]);
      }
      if (!std::isfinite(t[0]) || !std::isfinite(t[1])) g.problem = "non-finite uv";
      const float len = std::sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
      if (std::fabs(len - 1.0f) > 1e-3f) g.problem = "normal of length " + std::to_string(len);
    }
    for (int k = 0; k < 3; ++k) {
      // The declared bounds must be the data's, as float32.
      if (static_cast<float>(pos.minValues[static_cast<size_t>(k)]) != lo[k] ||
          static_cast<float>(pos.maxValues[static_cast<size_t>(k)]) != hi[k])
        g.problem = "POSITION min/max differ from the data";
      g.min[k] = std::min(g.min[k], lo[k]);
      g.max[k] = std::max(g.max[k], hi[k]);
    }
    const auto& idx = m.accessors[static_cast<size_t>(p.indices)];
    for (size_t i = 0; i < idx.count; ++i)
      if (read_index(m, idx, i) >= pos.count) g.problem = "index out of range";
    g.triangles += idx.count / 3;
  }
  return g;
}

TEST(Models, EveryProductAndFixtureParsesCleanly) {
  ASSERT_GE(models().size(), items().rows.size() + 5);
  for (const auto& [name, l] : models()) {
    EXPECT_EQ(l.error, "") << name;
    if (l.error.empty()) {
      EXPECT_EQ(check_structure(l.model), "") << name;
    }
  }
}

TEST(Models, GeometryIsSaneAndAtRealWorldSize) {
  // Height (y) and largest horizontal extent ranges, metres, per category.
  struct Range {
    float h_lo, h_hi, w_lo, w_hi;
  };
  const std::map<std::string, Range> ranges = {
      {"tops", {0.35f, 1.0f, 0.3f, 1.0f}},    {"jackets", {0.45f, 1.4f, 0.35f, 1.1f}},
      {"dresses", {0.75f, 1.6f, 0.3f, 1.0f}}, {"skirts", {0.3f, 1.1f, 0.3f, 0.8f}},
      {"trousers", {0.4f, 1.2f, 0.3f, 0.6f}}, {"shoes", {0.05f, 0.4f, 0.22f, 0.36f}},
      {"bags", {0.06f, 0.7f, 0.15f, 0.5f}},   {"hats", {0.05f, 0.3f, 0.15f, 0.55f}},
      {"glasses", {0.02f, 0.1f, 0.1f, 0.2f}}, {"watches", {0.03f, 0.1f, 0.02f, 0.1f}},
  };
  const Table& t = items();
  for (size_t i = 0; i < t.rows.size(); ++i) {
    const std::string id = t.at(i, "ITEM_ID");
    const auto it = models().find("models/" + id);
    ASSERT_NE(it, models().end()) << id;
    if (!it->second.error.empty()) continue;
    const Geometry g = check_geometry(it->second.model);
    EXPECT_EQ(g.problem, "") << id;
    EXPECT_GE(g.triangles, 100u) << id;
    EXPECT_LE(g.triangles, 2500u) << id;
    // Origin at the bottom-centre of the bounds.
    EXPECT_NEAR(g.min[1], 0.0f, 1e-4f) << id;
    EXPECT_NEAR(g.min[0] + g.max[0], 0.0f, 1e-3f) << id;
    EXPECT_NEAR(g.min[2] + g.max[2], 0.0f, 1e-3f) << id;
    const Range r = ranges.at(t.at(i, "CATEGORY_L1"));
    const float h = g.max[1] - g.min[1], w = std::max(g.max[0] - g.min[0], g.max[2] - g.min[2]);
    EXPECT_TRUE(h >= r.h_lo && h <= r.h_hi) << id << " height " << h;
    EXPECT_TRUE(w >= r.w_lo && w <= r.w_hi) << id << " width " << w;
  }
}

TEST(Models, FixturesAreSaneAndStandOnTheFloor) {
  size_t fixtures = 0;
  for (const auto& [name, l] : models()) {
    if (name.rfind("fixtures/", 0) != 0 || !l.error.empty()) continue;
    ++fixtures;
    const Geometry g = check_geometry(l.model);
    EXPECT_EQ(g.problem, "") << name;
    EXPECT_NEAR(g.min[1], 0.0f, 1e-4f) << name;
    EXPECT_LT(g.max[1], 3.6f) << name << " is taller than the store";
    EXPECT_TRUE(l.model.extensionsUsed.empty()) << name;
  }
  EXPECT_EQ(fixtures, 10u);
}

TEST(Models, ColourwaysAreMaterialVariants) {
  const Table& t = items();
  for (size_t i = 0; i < t.rows.size(); ++i) {
    const std::string id = t.at(i, "ITEM_ID");
    const auto& m = models().at("models/" + id).model;
    EXPECT_NE(std::find(m.extensionsUsed.begin(), m.extensionsUsed.end(), "KHR_materials_variants"),
              m.extensionsUsed.end())
        << id;
    ASSERT_TRUE(m.extensions.count("KHR_materials_variants")) << id;
    const auto& variants = m.extensions.at("KHR_materials_variants").Get("variants");
    const auto colourways = split_set(t.at(i, "COLORWAYS"));
    ASSERT_TRUE(variants.IsArray()) << id;
    ASSERT_EQ(variants.ArrayLen(), colourways.size()) << id;
    for (size_t v = 0; v < colourways.size(); ++v)
      EXPECT_EQ(variants.Get(static_cast<int>(v)).Get("name").Get<std::string>(), colourways[v])
          << id;
    // At least one primitive maps every variant to a valid material; distinct colours differ.
    std::set<int> covered;
    for (const auto& p : m.meshes[0].primitives) {
      if (!p.extensions.count("KHR_materials_variants")) continue;
      const auto& mappings = p.extensions.at("KHR_materials_variants").Get("mappings");
      std::set<std::vector<double>> colours;
      for (size_t k = 0; k < mappings.ArrayLen(); ++k) {
        const auto& mapping = mappings.Get(static_cast<int>(k));
        const int material = mapping.Get("material").GetNumberAsInt();
        ASSERT_TRUE(material >= 0 && static_cast<size_t>(material) < m.materials.size()) << id;
        colours.insert(
            m.materials[static_cast<size_t>(material)].pbrMetallicRoughness.baseColorFactor);
        const auto& vs = mapping.Get("variants");
        for (size_t j = 0; j < vs.ArrayLen(); ++j)
          covered.insert(vs.Get(static_cast<int>(j)).GetNumberAsInt());
      }
      EXPECT_EQ(colours.size(), mappings.ArrayLen()) << id << ": two colourways share a colour";
    }
    EXPECT_EQ(covered.size(), colourways.size()) << id;
  }
}

TEST(Models, MaterialsMatchWhatProductsAreMadeOf) {
  const std::set<std::string> fabrics = {
      "cotton",      "linen",       "wool",  "cashmere", "denim",  "fleece", "cotton fleece",
      "merino wool", "cotton knit", "tweed", "corduroy", "canvas", "suede"};
  const Table& t = items();
  size_t metal_cases = 0;
  for (size_t i = 0; i < t.rows.size(); ++i) {
    const std::string id = t.at(i, "ITEM_ID"), material = t.at(i, "MATERIAL");
    const auto& m = models().at("models/" + id).model;
    for (const auto& mat : m.materials) {
      const auto& pbr = mat.pbrMetallicRoughness;
      ASSERT_EQ(pbr.baseColorFactor.size(), 4u) << id;
      for (double c : pbr.baseColorFactor) {
        EXPECT_TRUE(c >= 0 && c <= 1) << id;
      }
      EXPECT_TRUE(pbr.metallicFactor >= 0 && pbr.metallicFactor <= 1 && pbr.roughnessFactor >= 0 &&
                  pbr.roughnessFactor <= 1);
    }
    // Material 0 is the product's own surface in its default colour.
    const auto& primary = m.materials[0].pbrMetallicRoughness;
    if (fabrics.count(material)) {
      EXPECT_GE(primary.roughnessFactor, 0.75) << id << " " << material;
      EXPECT_EQ(primary.metallicFactor, 0.0) << id;
    }
    if (material == "stainless steel" || material == "metal") {
      EXPECT_EQ(primary.metallicFactor, 1.0) << id;
    }
    if (t.at(i, "CATEGORY_L1") == "watches")
      for (const auto& mat : m.materials)
        if (mat.name.rfind("case", 0) == 0 && mat.pbrMetallicRoughness.metallicFactor == 1.0)
          ++metal_cases;
  }
  EXPECT_GT(metal_cases, 10u);
}

TEST(Models, ProductNodesCarryTheirIdAndAttachPoint) {
  const Table& t = items();
  for (size_t i = 0; i < t.rows.size(); ++i) {
    const std::string id = t.at(i, "ITEM_ID");
    const auto& node = models().at("models/" + id).model.nodes.at(0);
    ASSERT_TRUE(node.extras.IsObject()) << id;
    const auto& v = node.extras.Get("vrmall");
    EXPECT_EQ(v.Get("item_id").Get<std::string>(), id);
    ASSERT_EQ(v.Get("attach").ArrayLen(), 3u) << id;
  }
}

}  // namespace
}  // namespace vrmall::assets_test
