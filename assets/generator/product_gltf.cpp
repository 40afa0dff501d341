#include "product_gltf.h"

#include <map>

#include "gltf.h"
#include "io.h"
#include "palette.h"

namespace storegen {

namespace {

struct Finish {
  float metallic, roughness;
};

// How the product's material catches light: fabrics are rough and dielectric, satin and patent
// leather shine, steel is metal.
Finish finish_of(const std::string& material) {
  static const std::map<std::string, Finish> table = {
      {"silk", {0, 0.38f}},
      {"satin", {0, 0.3f}},
      {"chiffon", {0, 0.55f}},
      {"viscose", {0, 0.6f}},
      {"crepe", {0, 0.75f}},
      {"velvet", {0, 0.95f}},
      {"polyester", {0, 0.6f}},
      {"recycled polyester", {0, 0.55f}},
      {"nylon", {0, 0.5f}},
      {"ripstop nylon", {0, 0.55f}},
      {"leather", {0, 0.45f}},
      {"patent leather", {0, 0.12f}},
      {"suede", {0, 0.95f}},
      {"rubber", {0, 0.7f}},
      {"silicone", {0, 0.55f}},
      {"acetate", {0, 0.22f}},
      {"metal", {1, 0.25f}},
      {"stainless steel", {1, 0.22f}},
      {"mesh", {0, 0.8f}},
      {"straw", {0, 0.85f}},
      {"wool felt", {0, 0.95f}},
      {"denim", {0, 0.85f}},
      {"technical mesh", {0, 0.75f}},
  };
  const auto it = table.find(material);
  return it != table.end() ? it->second : Finish{0, 0.85f};  // cotton, linen, wool, knits: fabric
}

GltfMaterial make(const std::string& name, const std::string& colour_name, Finish f,
                  float alpha = 1) {
  const auto rgb = linear_rgb(colour(colour_name));
  GltfMaterial m;
  m.name = name;
  m.base_colour = {rgb[0], rgb[1], rgb[2], alpha};
  m.metallic = f.metallic;
  m.roughness = f.roughness;
  m.blend = alpha < 1;
  return m;
}

bool is_metal_colour(const std::string& c) {
  return c == "gold" || c == "silver" || c == "rose gold";
}

}  // namespace

void write_product_gltf(const std::filesystem::path& store_dir, const Product& p,
                        const Mesh& mesh) {
  GltfDocument doc;
  doc.name = p.id;
  doc.mesh = &mesh;
  doc.item_id = p.id;
  doc.attach = mesh.attach;
  doc.variants = p.colourways;
  const Finish primary = finish_of(p.material);

  // Materials 0..n-1 are the colourways of the primary surface; material 0 is the default.
  for (const auto& c : p.colourways)
    doc.materials.push_back(make(c + " " + p.material, c, primary));

  for (const Part& part : mesh.parts) {
    if (part.slot == MaterialSlot::kPrimary) {
      doc.part_material.push_back(0);
      std::vector<int> per_variant;
      for (size_t v = 0; v < p.colourways.size(); ++v) per_variant.push_back(static_cast<int>(v));
      doc.part_variant_material.push_back(per_variant);
      continue;
    }
    GltfMaterial m;
    if (part.slot == MaterialSlot::kSecondary) {
      if (p.l1 == "shoes")
        m = make("sole", p.secondary, {0, p.l2 == "loafers" || p.l2 == "heels" ? 0.5f : 0.75f});
      else if (p.l1 == "watches")
        m = make("case " + p.secondary, p.secondary,
                 {is_metal_colour(p.secondary) ? 1.0f : 0.6f, 0.25f});
      else if (p.l1 == "glasses")
        m = make("lens", p.secondary, {0, 0.05f}, p.l2 == "reading" ? 0.25f : 0.75f);
      else
        m = make("strap " + p.secondary, p.secondary, {0, 0.6f});
    } else {
      if (p.l1 == "shoes")
        m = make("lining", "charcoal", {0, 0.9f});
      else if (p.l2 == "smartwatch")  // a dark glass screen, whatever the trim
        m = make("screen", "black", {0, 0.08f});
      else if (p.l1 == "watches")
        m = make("dial " + p.accent, p.accent, {is_metal_colour(p.accent) ? 0.6f : 0.0f, 0.35f});
      else if (p.l1 == "bags")
        m = make("hardware", is_metal_colour(p.accent) ? p.accent : "silver", {1, 0.25f});
      else if (p.l1 == "hats")
        m = make("band", is_metal_colour(p.accent) ? "black" : p.accent, {0, 0.6f});
      else if (p.material == "denim")
        m = make("metal button", "silver", {1, 0.3f});
      else
        m = make("button", is_metal_colour(p.accent) ? "ivory" : p.accent, {0, 0.35f});
    }
    doc.part_material.push_back(static_cast<int>(doc.materials.size()));
    doc.part_variant_material.push_back({});
    doc.materials.push_back(m);
  }
  const std::filesystem::path gltf_path = store_dir / p.model;
  const std::filesystem::path bin_path = std::filesystem::path(gltf_path).replace_extension(".bin");
  const GltfFiles files = write_gltf(doc, bin_path.filename().string());
  write_file(gltf_path, files.json);
  write_file(bin_path, files.bin);
}

}  // namespace storegen
