#include "vrmall/engine/procedural.h"

#include <cmath>
#include <numbers>

namespace vrmall::engine {
namespace {

ModelData singlePrimitive(PrimitiveData prim, const glm::vec4& color, float metallic,
                          float roughness, const char* name) {
  ModelData model;
  model.name = name;
  MaterialData material;
  material.name = name;
  material.baseColorFactor = color;
  material.metallicFactor = metallic;
  material.roughnessFactor = roughness;
  model.materials.push_back(material);
  prim.material = 0;
  prim.bounds = Bounds::empty();
  for (const auto& v : prim.vertices) prim.bounds.grow(v.position);
  model.meshes.push_back({name, {std::move(prim)}});
  model.placements.push_back({0, glm::mat4(1.0F)});
  model.computeBounds();
  return model;
}

}  // namespace

ModelData makeBox(const glm::vec3& size, const glm::vec4& color, float metallic, float roughness) {
  PrimitiveData prim;
  const glm::vec3 h = size * 0.5F;
  // Six faces, each with its own normal so edges stay sharp.
  const glm::vec3 normals[6] = {{1, 0, 0},  {-1, 0, 0}, {0, 1, 0},
                                {0, -1, 0}, {0, 0, 1},  {0, 0, -1}};
  for (const auto& n : normals) {
    const glm::vec3 u = std::abs(n.y) > 0.5F ? glm::vec3(1, 0, 0) : glm::vec3(0, 1, 0);
    const glm::vec3 v = glm::cross(n, u);
    const auto base = static_cast<uint32_t>(prim.vertices.size());
    const glm::vec2 corners[4] = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
    for (const auto& c : corners) {
      Vertex vert;
      vert.position = (n + u * c.x + v * c.y) * h;
      vert.normal = n;
      vert.uv0 = c * 0.5F + 0.5F;
      prim.vertices.push_back(vert);
    }
    // Winding: counter-clockwise seen from outside (u x v = n).
    const bool ccw = glm::dot(glm::cross(u, v), n) > 0.0F;
    if (ccw) {
      prim.indices.insert(prim.indices.end(), {base, base + 1, base + 2, base, base + 2, base + 3});
    } else {
      prim.indices.insert(prim.indices.end(), {base, base + 2, base + 1, base, base + 3, base + 2});
    }
  }
  return singlePrimitive(std::move(prim), color, metallic, roughness, "box");
}

ModelData makePlane(float size, const glm::vec4& color, float roughness) {
  PrimitiveData prim;
  const float h = size * 0.5F;
  const glm::vec3 corners[4] = {{-h, 0, h}, {h, 0, h}, {h, 0, -h}, {-h, 0, -h}};
  for (const auto& c : corners) {
    Vertex v;
    v.position = c;
    v.normal = {0, 1, 0};
    v.uv0 = {c.x / size + 0.5F, c.z / size + 0.5F};
    prim.vertices.push_back(v);
  }
  prim.indices = {0, 1, 2, 0, 2, 3};
  return singlePrimitive(std::move(prim), color, 0.0F, roughness, "plane");
}

ModelData makeSphere(float radius, const glm::vec4& color, float metallic, float roughness,
                     int segments) {
  PrimitiveData prim;
  const int rings = segments / 2;
  for (int r = 0; r <= rings; ++r) {
    const float phi = std::numbers::pi_v<float> * static_cast<float>(r) / static_cast<float>(rings);
    for (int s = 0; s <= segments; ++s) {
      const float theta =
          2.0F * std::numbers::pi_v<float> * static_cast<float>(s) / static_cast<float>(segments);
      Vertex v;
      v.normal = {std::sin(phi) * std::cos(theta), std::cos(phi), std::sin(phi) * std::sin(theta)};
      v.position = v.normal * radius;
      v.uv0 = {static_cast<float>(s) / static_cast<float>(segments),
               static_cast<float>(r) / static_cast<float>(rings)};
      prim.vertices.push_back(v);
    }
  }
  const auto stride = static_cast<uint32_t>(segments + 1);
  for (uint32_t r = 0; r < static_cast<uint32_t>(rings); ++r) {
    for (uint32_t s = 0; s < static_cast<uint32_t>(segments); ++s) {
      const uint32_t a = r * stride + s;
      const uint32_t b = a + stride;
      prim.indices.insert(prim.indices.end(), {a, a + 1, b, a + 1, b + 1, b});
    }
  }
  return singlePrimitive(std::move(prim), color, metallic, roughness, "sphere");
}

}  // namespace vrmall::engine
