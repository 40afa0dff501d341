#include "avatar_body.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <vector>

namespace vrmall::app {
namespace {

constexpr float kPi = std::numbers::pi_v<float>;
constexpr int kSegments = 24;

struct BuildFactors {
  float shoulders, chest, waist, hips, limbs;
};

// How each build differs from the mannequin (which is "average").
BuildFactors buildFactors(const std::string& build) {
  static const std::map<std::string, BuildFactors> builds = {
      {"slim", {0.9F, 0.9F, 0.88F, 0.9F, 0.88F}},
      {"average", {1.0F, 1.0F, 1.0F, 1.0F, 1.0F}},
      {"athletic", {1.07F, 1.06F, 0.97F, 0.98F, 1.08F}},
      {"broad", {1.15F, 1.15F, 1.2F, 1.12F, 1.14F}},
      {"curvy", {1.0F, 1.1F, 0.98F, 1.14F, 1.04F}},
  };
  const auto it = builds.find(build);
  return it == builds.end() ? builds.at("average") : it->second;
}

// Linear RGB, from Fitzpatrick-like swatches (sRGB ~ #f1d3c2 fair .. #5a3825 deep).
glm::vec3 skinColour(const std::string& tone) {
  static const std::map<std::string, glm::vec3> tones = {
      {"fair", {0.88F, 0.65F, 0.54F}},   {"light", {0.78F, 0.54F, 0.41F}},
      {"medium", {0.60F, 0.38F, 0.26F}}, {"olive", {0.50F, 0.36F, 0.22F}},
      {"tan", {0.44F, 0.27F, 0.16F}},    {"brown", {0.25F, 0.14F, 0.08F}},
      {"deep", {0.10F, 0.05F, 0.03F}},
  };
  const auto it = tones.find(tone);
  return it == tones.end() ? tones.at("medium") : it->second;
}

// Smooth normals from the triangles around each vertex (rings and tubes share their seams'
// positions but not vertices, so seams stay faintly visible, as a mannequin's do).
void smoothNormals(engine::PrimitiveData& prim, size_t firstVertex) {
  for (size_t v = firstVertex; v < prim.vertices.size(); ++v) prim.vertices[v].normal = {};
  for (size_t t = 0; t + 2 < prim.indices.size(); t += 3) {
    const uint32_t a = prim.indices[t], b = prim.indices[t + 1], c = prim.indices[t + 2];
    if (a < firstVertex) continue;
    const glm::vec3 n = glm::cross(prim.vertices[b].position - prim.vertices[a].position,
                                   prim.vertices[c].position - prim.vertices[a].position);
    for (uint32_t i : {a, b, c}) prim.vertices[i].normal += n;
  }
  for (size_t v = firstVertex; v < prim.vertices.size(); ++v) {
    const glm::vec3 n = prim.vertices[v].normal;
    const float len = glm::length(n);
    prim.vertices[v].normal = len > 1e-12F ? n / len : glm::vec3(0.0F, 1.0F, 0.0F);
  }
}

// Quads between consecutive rings of `segments` + 1 vertices each (the last repeats the first
// for the seam), wound counter-clockwise seen from outside when rings run upwards / along the
// tube and angles turn from +X towards -Z... which `outward` fixes either way.
void stitchRings(engine::PrimitiveData& prim, uint32_t base, int rings, bool flip) {
  const auto stride = static_cast<uint32_t>(kSegments + 1);
  for (uint32_t r = 0; r + 1 < static_cast<uint32_t>(rings); ++r) {
    for (uint32_t s = 0; s < static_cast<uint32_t>(kSegments); ++s) {
      const uint32_t a = base + r * stride + s, b = a + stride;
      if (flip) {
        prim.indices.insert(prim.indices.end(), {a, b, a + 1, a + 1, b, b + 1});
      } else {
        prim.indices.insert(prim.indices.end(), {a, a + 1, b, a + 1, b + 1, b});
      }
    }
  }
}

// A fan closing the ring that starts at `ring` around `centre`.
void cap(engine::PrimitiveData& prim, uint32_t ring, const glm::vec3& centre, bool flip) {
  const auto c = static_cast<uint32_t>(prim.vertices.size());
  engine::Vertex v;
  v.position = centre;
  prim.vertices.push_back(v);
  for (uint32_t s = 0; s < static_cast<uint32_t>(kSegments); ++s) {
    if (flip) {
      prim.indices.insert(prim.indices.end(), {c, ring + s + 1, ring + s});
    } else {
      prim.indices.insert(prim.indices.end(), {c, ring + s, ring + s + 1});
    }
  }
}

struct Ring {
  float y, halfX, halfZ;
};

// Elliptic rings stacked upwards (the torso), closed at both ends.
void loft(engine::PrimitiveData& prim, const std::vector<Ring>& rings) {
  const auto first = static_cast<uint32_t>(prim.vertices.size());
  for (const Ring& r : rings) {
    for (int s = 0; s <= kSegments; ++s) {
      const float t = 2.0F * kPi * static_cast<float>(s) / kSegments;
      engine::Vertex v;
      v.position = {r.halfX * std::cos(t), r.y, r.halfZ * std::sin(t)};
      prim.vertices.push_back(v);
    }
  }
  // Angle runs +X towards +Z: seen from outside that is clockwise going up, so flip.
  stitchRings(prim, first, static_cast<int>(rings.size()), true);
  cap(prim, first, {0.0F, rings.front().y, 0.0F}, false);
  cap(prim, first + static_cast<uint32_t>((rings.size() - 1) * (kSegments + 1)),
      {0.0F, rings.back().y, 0.0F}, true);
  smoothNormals(prim, first);
}

// A tube along `points` with radii from `r0` to `r1`, closed at both ends.
void tube(engine::PrimitiveData& prim, const std::vector<glm::vec3>& points, float r0, float r1) {
  const auto first = static_cast<uint32_t>(prim.vertices.size());
  const size_t n = points.size();
  for (size_t i = 0; i < n; ++i) {
    const glm::vec3 dir =
        glm::normalize(i + 1 < n ? points[i + 1] - points[i] : points[i] - points[i - 1]);
    const glm::vec3 side = std::abs(dir.y) < 0.9F ? glm::vec3(0, 1, 0) : glm::vec3(0, 0, 1);
    const glm::vec3 u = glm::normalize(glm::cross(dir, side));
    const glm::vec3 w = glm::cross(dir, u);
    const float r = r0 + (r1 - r0) * static_cast<float>(i) / static_cast<float>(n - 1);
    for (int s = 0; s <= kSegments; ++s) {
      const float t = 2.0F * kPi * static_cast<float>(s) / kSegments;
      engine::Vertex v;
      v.position = points[i] + r * (u * std::cos(t) + w * std::sin(t));
      prim.vertices.push_back(v);
    }
  }
  // u x w = dir: angles turn counter-clockwise seen from the tube's end, so rings running along
  // dir are counter-clockwise seen from outside.
  stitchRings(prim, first, static_cast<int>(n), false);
  cap(prim, first, points.front(), true);
  cap(prim, first + static_cast<uint32_t>((n - 1) * (kSegments + 1)), points.back(), false);
  smoothNormals(prim, first);
}

// An ellipsoid (the head, hands).
void ellipsoid(engine::PrimitiveData& prim, const glm::vec3& centre, const glm::vec3& radii) {
  const auto first = static_cast<uint32_t>(prim.vertices.size());
  const int rings = kSegments / 2;
  for (int r = 0; r <= rings; ++r) {
    const float phi = kPi * static_cast<float>(r) / static_cast<float>(rings);
    for (int s = 0; s <= kSegments; ++s) {
      const float t = 2.0F * kPi * static_cast<float>(s) / kSegments;
      engine::Vertex v;
      const glm::vec3 d{std::sin(phi) * std::cos(t), std::cos(phi), std::sin(phi) * std::sin(t)};
      v.position = centre + d * radii;
      prim.vertices.push_back(v);
    }
  }
  // Rings run downwards from the top with angles +X towards +Z: counter-clockwise from outside.
  stitchRings(prim, first, rings + 1, false);
  smoothNormals(prim, first);
}

engine::MaterialData material(const char* name, const glm::vec3& colour, float roughness) {
  engine::MaterialData m;
  m.name = name;
  m.baseColorFactor = glm::vec4(colour, 1.0F);
  m.metallicFactor = 0.0F;
  m.roughnessFactor = roughness;
  m.doubleSided = true;
  return m;
}

}  // namespace

AvatarShape AvatarShape::of(const AvatarProfile& avatar) {
  AvatarShape s;
  s.height = std::clamp(static_cast<float>(avatar.heightCm), 120.0F, 220.0F) / 177.5F;
  const BuildFactors b = buildFactors(avatar.build);
  s.shoulders = b.shoulders;
  s.chest = b.chest;
  s.waist = b.waist;
  s.hips = b.hips;
  s.limbs = b.limbs;
  // Gender presentation: broader shoulders, or a narrower waist and wider hips.
  if (avatar.gender == "men") {
    s.shoulders *= 1.05F;
    s.hips *= 0.96F;
  } else if (avatar.gender == "women") {
    s.shoulders *= 0.95F;
    s.waist *= 0.94F;
    s.hips *= 1.05F;
  }
  s.skin = skinColour(avatar.skinTone);
  s.key = std::to_string(avatar.heightCm) + "|" + avatar.build + "|" + avatar.gender + "|" +
          avatar.skinTone;
  return s;
}

BodyAnchors bodyAnchors(const AvatarShape& s) {
  const float h = s.height;
  BodyAnchors a;
  a.neck = {0.0F, 1.52F * h, 0.0F};
  a.waist = {0.0F, 1.07F * h, 0.0F};
  a.head = {0.0F, 1.695F * h, 0.0F};
  a.nose = {0.0F, 1.70F * h, 0.082F};
  a.hand = {0.30F * s.shoulders, 0.80F * h, 0.03F};
  a.feet = {0.0F, 0.0F, 0.03F};
  a.wrist = {-0.285F * s.shoulders, 0.87F * h, 0.028F};
  return a;
}

engine::ModelData makeAvatarBody(const AvatarShape& s) {
  const float h = s.height;
  engine::PrimitiveData skin, base;
  // The mannequin's torso rings (height, half width, half depth), each scaled by its region.
  loft(base, {{0.90F * h, 0.125F * s.hips, 0.08F * s.hips},
              {0.93F * h, 0.15F * s.hips, 0.095F * s.hips},
              {0.98F * h, 0.155F * s.hips, 0.1F * s.hips},
              {1.07F * h, 0.125F * s.waist, 0.085F * s.waist},
              {1.28F * h, 0.15F * s.shoulders, 0.095F * s.chest},
              {1.42F * h, 0.17F * s.shoulders, 0.085F * s.chest},
              {1.47F * h, 0.1F * s.shoulders, 0.07F * s.chest},
              {1.5F * h, 0.045F * s.limbs, 0.045F * s.limbs}});
  tube(skin, {{0, 1.48F * h, 0}, {0, 1.61F * h, 0}}, 0.04F * s.limbs, 0.038F * s.limbs);
  ellipsoid(skin, {0.0F, 1.68F * h, 0.0F}, {0.082F, 0.1F * h, 0.09F});
  // A nose and ears, so which way the avatar (and its reflection) faces reads at a glance.
  ellipsoid(skin, {0.0F, 1.675F * h, 0.084F}, {0.012F, 0.022F, 0.016F});
  for (float side : {-1.0F, 1.0F}) {
    ellipsoid(skin, {side * 0.081F, 1.68F * h, 0.0F}, {0.01F, 0.025F, 0.016F});
  }
  for (float side : {-1.0F, 1.0F}) {
    const float hipX = 0.085F * s.hips;
    tube(skin,
         {{side * hipX, 0.96F * h, 0},
          {side * (hipX + 0.003F), 0.5F * h, 0},
          {side * (hipX + 0.005F), 0.07F * h, 0}},
         0.07F * s.hips * s.limbs, 0.034F * s.limbs);
    tube(skin, {{side * (hipX + 0.005F), 0.035F, -0.05F}, {side * (hipX + 0.005F), 0.03F, 0.13F}},
         0.035F, 0.03F);  // foot
    const float shoulderX = 0.17F * s.shoulders;
    const glm::vec3 wrist{side * (shoulderX + 0.12F), 0.86F * h, 0.03F};
    tube(skin,
         {{side * shoulderX, 1.42F * h, 0}, {side * (shoulderX + 0.07F), 1.1F * h, 0.01F}, wrist},
         0.042F * s.limbs, 0.028F * s.limbs);
    ellipsoid(skin, wrist + glm::vec3(side * 0.008F, -0.07F, 0.0F), {0.022F, 0.07F, 0.038F});
  }
  engine::ModelData model;
  model.name = "avatar " + s.key;
  model.materials.push_back(material("skin", s.skin, 0.55F));
  model.materials.push_back(material("base layer", {0.28F, 0.29F, 0.31F}, 0.8F));
  skin.material = 0;
  base.material = 1;
  engine::MeshData mesh;
  mesh.name = "avatar";
  for (engine::PrimitiveData* p : {&skin, &base}) {
    p->bounds = engine::Bounds::empty();
    for (const auto& v : p->vertices) p->bounds.grow(v.position);
    mesh.primitives.push_back(std::move(*p));
  }
  model.meshes.push_back(std::move(mesh));
  model.placements.push_back({0, glm::mat4(1.0F)});
  model.computeBounds();
  return model;
}

}  // namespace vrmall::app
