// A model as plain CPU data: what the glTF loader (or a procedural builder) produces and the
// renderer uploads. Decoupled from tinygltf so the renderer and tests never see the parser.
#pragma once

#include <cstdint>
#include <glm/glm.hpp>
#include <string>
#include <vector>

namespace vrmall::engine {

// One interleaved vertex layout for every primitive keeps one pipeline layout for all models;
// missing attributes get neutral defaults (white colour, tangent.w = 0 means "derive in shader").
struct Vertex {
  glm::vec3 position{0.0F};
  glm::vec3 normal{0.0F, 0.0F, 1.0F};
  glm::vec4 tangent{0.0F};
  glm::vec2 uv0{0.0F};
  glm::vec2 uv1{0.0F};
  glm::vec4 color{1.0F};
};
static_assert(sizeof(Vertex) == 72, "the vertex layout is shared with shaders/pbr.vert");

struct Bounds {
  glm::vec3 min{0.0F};
  glm::vec3 max{0.0F};
  bool valid() const { return min.x <= max.x && min.y <= max.y && min.z <= max.z; }
  glm::vec3 center() const { return (min + max) * 0.5F; }
  glm::vec3 size() const { return max - min; }
  void grow(const glm::vec3& p);
  void grow(const Bounds& b);
  Bounds transformed(const glm::mat4& m) const;
  static Bounds empty();
};

// A texture slot of a material: which image and sampler, which UV set, and the
// KHR_texture_transform as a 2x3 affine matrix (rows of a mat3 with an implied 0 0 1 row).
struct TextureRef {
  int image = -1;  // index into ModelData::images, -1 = none
  int sampler = -1;
  int texCoord = 0;
  glm::mat3 transform{1.0F};
};

enum class AlphaMode : uint8_t { Opaque, Mask, Blend };

struct MaterialData {
  std::string name;
  glm::vec4 baseColorFactor{1.0F};
  glm::vec3 emissiveFactor{0.0F};
  float metallicFactor = 1.0F;
  float roughnessFactor = 1.0F;
  float normalScale = 1.0F;
  float occlusionStrength = 1.0F;
  float alphaCutoff = 0.5F;
  AlphaMode alphaMode = AlphaMode::Opaque;
  bool doubleSided = false;
  bool unlit = false;
  TextureRef baseColor, metallicRoughness, normal, occlusion, emissive;
};

struct ImageData {
  std::string name;
  uint32_t width = 0;
  uint32_t height = 0;
  std::vector<uint8_t> rgba;  // width * height * 4
};

struct SamplerData {
  bool magLinear = true;
  bool minLinear = true;
  bool mipLinear = true;
  bool useMips = true;
  int wrapS = 0;  // 0 repeat, 1 clamp to edge, 2 mirrored repeat
  int wrapT = 0;
};

struct PrimitiveData {
  std::vector<Vertex> vertices;
  std::vector<uint32_t> indices;  // triangle list; non-indexed input gets 0..n-1
  int material = -1;              // -1: the glTF default material
  // KHR_materials_variants: material per variant (same size as ModelData::variants).
  std::vector<int> variantMaterials;
  Bounds bounds = Bounds::empty();
};

struct MeshData {
  std::string name;
  std::vector<PrimitiveData> primitives;
};

// A mesh placed in the model's space: glTF nodes are flattened at load time (static models).
struct MeshPlacement {
  int mesh = 0;
  glm::mat4 transform{1.0F};
};

struct ModelData {
  std::string name;
  std::vector<MeshData> meshes;
  std::vector<MeshPlacement> placements;
  std::vector<MaterialData> materials;
  std::vector<ImageData> images;
  std::vector<SamplerData> samplers;
  std::vector<std::string> variants;  // KHR_materials_variants names
  Bounds bounds = Bounds::empty();    // of all placements, in model space
  std::vector<std::string> warnings;  // things the loader ignored or worked around

  size_t triangleCount() const;
  void computeBounds();
};

// The model reflected through its own z = 0 plane, with the triangles' winding, the normals and
// the tangents' handedness turned to match: drawn with transform W * diag(1, 1, -1) it shows
// what W * diag(1, 1, -1) would, but with a positive determinant, so the renderer's back-face
// culling and lighting need no mirrored pipelines (a mirror's reflections).
ModelData mirroredZ(const ModelData& model);

}  // namespace vrmall::engine
