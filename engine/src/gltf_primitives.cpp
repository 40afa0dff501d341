// GltfConverter: meshes and primitives: attribute checks and decoding, indices, topology,
// generated normals, KHR_materials_variants mappings.
#include <tiny_gltf.h>

#include <algorithm>
#include <cmath>
#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/quaternion.hpp>
#include <glm/gtc/type_ptr.hpp>

#include "gltf_converter.h"

namespace vrmall::engine {
namespace {

bool validAttributeName(const std::string& name) {
  if (name == "POSITION" || name == "NORMAL" || name == "TANGENT") return true;
  if (!name.empty() && name[0] == '_') return true;  // application-specific
  for (const char* prefix : {"TEXCOORD_", "COLOR_", "JOINTS_", "WEIGHTS_"}) {
    const std::string p = prefix;
    if (name.rfind(p, 0) == 0 && name.size() > p.size()) {
      const std::string n = name.substr(p.size());
      if (n.find_first_not_of("0123456789") != std::string::npos) return false;
      if (n.size() > 1 && n[0] == '0') return false;
      return true;
    }
  }
  return false;
}

}  // namespace

void GltfConverter::readMeshes() {
  size_t targetsCount = SIZE_MAX;
  for (size_t mi = 0; mi < gm_.meshes.size(); ++mi) {
    const auto& mesh = gm_.meshes[mi];
    MeshData data;
    data.name = mesh.name;
    for (size_t pi = 0; pi < mesh.primitives.size(); ++pi) {
      const std::string w = "/meshes/" + std::to_string(mi) + "/primitives/" + std::to_string(pi);
      const auto& p = mesh.primitives[pi];
      if (targetsCount == SIZE_MAX) targetsCount = p.targets.size();
      if (p.targets.size() != targetsCount) {
        diag_.error("MESH_PRIMITIVES_UNEQUAL_TARGETS_COUNT",
                    "primitives of a mesh must have the same number of morph targets", w);
      }
      if (notes_.skipPrimitives.count({static_cast<int>(mi), static_cast<int>(pi)}) != 0) continue;
      PrimitiveData prim;
      if (convertPrimitive(p, w, prim)) data.primitives.push_back(std::move(prim));
    }
    if (!mesh.weights.empty() && mesh.weights.size() != targetsCount) {
      diag_.error("MESH_INVALID_WEIGHTS_COUNT", "mesh weights do not match the morph target count",
                  "/meshes/" + std::to_string(mi) + "/weights");
    }
    targetsCount = SIZE_MAX;
    out_.meshes.push_back(std::move(data));
  }
}

bool GltfConverter::readAttribute(const tinygltf::Primitive& p, const std::string& name,
                                  const std::string& w, std::vector<float>& out, int& comps) {
  auto it = p.attributes.find(name);
  if (it == p.attributes.end()) return false;
  const std::string aw = w + "/attributes/" + name;
  if (!reader_.validate(it->second, aw) || !fetchable(it->second, aw)) return false;
  comps = reader_.components(it->second);
  return reader_.readFloats(it->second, aw, out);
}

bool GltfConverter::checkAttributes(const tinygltf::Primitive& p, const std::string& w,
                                    size_t& vertexCount) {
  vertexCount = 0;
  std::set<std::string> names;
  for (const auto& [name, index] : p.attributes) {
    const std::string aw = w + "/attributes/" + name;
    if (!validAttributeName(name)) {
      diag_.error("MESH_PRIMITIVE_INVALID_ATTRIBUTE", "invalid attribute name '" + name + "'", aw);
      continue;
    }
    names.insert(name);
    if (!reader_.validate(index, aw)) continue;
    const auto& a = gm_.accessors[static_cast<size_t>(index)];
    if (vertexCount == 0) vertexCount = a.count;
    if (a.count != vertexCount) {
      diag_.error("MESH_PRIMITIVE_UNEQUAL_ACCESSOR_COUNT",
                  "attribute '" + name + "' has a different count", aw);
    }
    if (a.componentType == TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT) {
      diag_.error("MESH_PRIMITIVE_ATTRIBUTES_ACCESSOR_UNSIGNED_INT",
                  "vertex attributes must not be unsigned int", aw);
    }
    const bool isFloat = a.componentType == TINYGLTF_COMPONENT_TYPE_FLOAT;
    // Captured by copy of the reference: clang 14 cannot capture a structured binding.
    const std::string& attribute = name;
    auto badFormat = [&](const char* need) {
      diag_.error("MESH_PRIMITIVE_ATTRIBUTES_ACCESSOR_INVALID_FORMAT",
                  "attribute '" + attribute + "' must be " + need, aw);
    };
    if (name == "POSITION" && !(a.type == TINYGLTF_TYPE_VEC3 && isFloat)) badFormat("float VEC3");
    if (name == "NORMAL" && !(a.type == TINYGLTF_TYPE_VEC3 && isFloat)) badFormat("float VEC3");
    if (name == "TANGENT" && !(a.type == TINYGLTF_TYPE_VEC4 && isFloat)) badFormat("float VEC4");
    if (name.rfind("TEXCOORD_", 0) == 0 &&
        !(a.type == TINYGLTF_TYPE_VEC2 && (isFloat || a.normalized))) {
      badFormat("VEC2 of float or normalized byte/short");
    }
    if (name.rfind("COLOR_", 0) == 0 &&
        !((a.type == TINYGLTF_TYPE_VEC3 || a.type == TINYGLTF_TYPE_VEC4) &&
          (isFloat || a.normalized))) {
      badFormat("VEC3/VEC4 of float or normalized byte/short");
    }
    if (name == "POSITION" && (a.minValues.size() != 3 || a.maxValues.size() != 3)) {
      diag_.error("MESH_PRIMITIVE_POSITION_ACCESSOR_WITHOUT_BOUNDS",
                  "the POSITION accessor must have min and max", aw);
    }
    // Attributes of several accessors sharing a bufferView must declare a byteStride.
    if (a.bufferView >= 0 && static_cast<size_t>(a.bufferView) < gm_.bufferViews.size() &&
        gm_.bufferViews[static_cast<size_t>(a.bufferView)].byteStride == 0) {
      const int n = sharedViewUsers(a.bufferView);
      if (n > 1) {
        diag_.error("MESH_PRIMITIVE_ACCESSOR_WITHOUT_BYTESTRIDE",
                    "bufferView used by several vertex accessors needs a byteStride", aw);
      }
    }
    if (a.bufferView >= 0 && static_cast<size_t>(a.bufferView) < gm_.bufferViews.size()) {
      if (viewTarget(a.bufferView) == TINYGLTF_TARGET_ELEMENT_ARRAY_BUFFER) {
        diag_.error("BUFFER_VIEW_TARGET_OVERRIDE", "vertex data in an index bufferView", aw);
      }
      // Vertex attribute elements must start on 4-byte boundaries.
      const size_t stride = gm_.bufferViews[static_cast<size_t>(a.bufferView)].byteStride;
      if ((a.byteOffset + gm_.bufferViews[static_cast<size_t>(a.bufferView)].byteOffset) % 4 != 0 ||
          stride % 4 != 0) {
        diag_.error("MESH_PRIMITIVE_ACCESSOR_UNALIGNED", "vertex attribute not 4-byte aligned", aw);
      }
    }
  }
  // JOINTS_n needs WEIGHTS_n; TEXCOORD_n / COLOR_n / JOINTS_n must be numbered without gaps.
  for (const char* prefix : {"TEXCOORD_", "COLOR_", "JOINTS_", "WEIGHTS_"}) {
    size_t n = 0;
    for (const auto& name : names) n += name.rfind(prefix, 0) == 0 ? 1 : 0;
    for (size_t i = 0; i < n; ++i) {
      if (names.count(prefix + std::to_string(i)) == 0) {
        diag_.error(
            "MESH_PRIMITIVE_INDEXED_SEMANTIC_CONTINUITY",
            std::string(prefix) + "n attributes must be numbered 0.." + std::to_string(n - 1), w);
        break;
      }
    }
  }
  for (const auto& name : names) {
    if (name.rfind("JOINTS_", 0) == 0 && names.count("WEIGHTS_" + name.substr(7)) == 0) {
      diag_.error("MESH_PRIMITIVE_JOINTS_WEIGHTS_MISMATCH", name + " has no matching WEIGHTS", w);
    }
  }
  for (size_t t = 0; t < p.targets.size(); ++t) {
    for (const auto& [name, index] : p.targets[t]) {
      const std::string tw = w + "/targets/" + std::to_string(t) + "/" + name;
      if (name != "POSITION" && name != "NORMAL" && name != "TANGENT" &&
          name.rfind("TEXCOORD_", 0) != 0 && name.rfind("COLOR_", 0) != 0 && name[0] != '_') {
        diag_.error("MESH_PRIMITIVE_MORPH_TARGET_INVALID_ATTRIBUTE", "invalid morph attribute", tw);
        continue;
      }
      if (names.count(name) == 0) {
        diag_.error("MESH_PRIMITIVE_MORPH_TARGET_NO_BASE_ACCESSOR",
                    "morph target attribute '" + name + "' has no base attribute", tw);
      }
      if (!reader_.validate(index, tw)) continue;
      const auto& a = gm_.accessors[static_cast<size_t>(index)];
      if (a.count != vertexCount) {
        diag_.error("MESH_PRIMITIVE_MORPH_TARGET_INVALID_ATTRIBUTE_COUNT",
                    "morph target attribute count differs from the base", tw);
      }
      if (name == "POSITION" && (a.minValues.size() != 3 || a.maxValues.size() != 3)) {
        diag_.error("MESH_PRIMITIVE_POSITION_ACCESSOR_WITHOUT_BOUNDS",
                    "a morph POSITION accessor must have min and max", tw);
      }
      if (viewTarget(a.bufferView) == TINYGLTF_TARGET_ELEMENT_ARRAY_BUFFER) {
        diag_.error("BUFFER_VIEW_TARGET_OVERRIDE", "morph data in an index bufferView", tw);
      }
    }
  }
  return !diag_.failed();
}

int GltfConverter::sharedViewUsers(int view) {
  if (viewUsers_.empty()) {
    for (const auto& mesh : gm_.meshes) {
      for (const auto& p : mesh.primitives) {
        for (const auto& [name, index] : p.attributes) {
          if (index >= 0 && static_cast<size_t>(index) < gm_.accessors.size()) {
            viewAccessors_[gm_.accessors[static_cast<size_t>(index)].bufferView].insert(index);
          }
        }
      }
    }
    for (const auto& [v, set] : viewAccessors_) viewUsers_[v] = static_cast<int>(set.size());
    viewUsers_[-2] = 0;  // mark computed
  }
  auto it = viewUsers_.find(view);
  return it == viewUsers_.end() ? 0 : it->second;
}

bool GltfConverter::convertPrimitive(const tinygltf::Primitive& p, const std::string& w,
                                     PrimitiveData& prim) {
  if (p.extensions.count("KHR_draco_mesh_compression") != 0) {
    diag_.warning("UNSUPPORTED_EXTENSION",
                  "Draco-compressed primitive: using its uncompressed fallback data", w);
  }
  if (p.material >= 0 && static_cast<size_t>(p.material) >= gm_.materials.size()) {
    diag_.error("UNRESOLVED_REFERENCE",
                "material " + std::to_string(p.material) + " does not exist", w + "/material");
    return false;
  }
  size_t vertexCount = 0;
  if (!checkAttributes(p, w, vertexCount)) return false;
  int mode = p.mode < 0 ? TINYGLTF_MODE_TRIANGLES : p.mode;
  if (mode > TINYGLTF_MODE_TRIANGLE_FAN) {
    diag_.error("VALUE_NOT_IN_LIST", "primitive mode " + std::to_string(mode) + " is invalid", w);
    return false;
  }
  if (mode != TINYGLTF_MODE_TRIANGLES && mode != TINYGLTF_MODE_TRIANGLE_STRIP &&
      mode != TINYGLTF_MODE_TRIANGLE_FAN) {
    diag_.warning("UNSUPPORTED_PRIMITIVE_MODE", "points and lines are not drawn", w);
    return false;
  }
  if (p.attributes.count("POSITION") == 0) {
    diag_.warning("MESH_PRIMITIVE_NO_POSITION", "primitive without POSITION is skipped", w);
    return false;
  }
  if (vertexCount > options_.maxVerticesPerPrimitive) {
    diag_.error("VALUE_NOT_IN_RANGE",
                "primitive has " + std::to_string(vertexCount) + " vertices, over the limit", w);
    return false;
  }
  std::vector<float> pos, nrm, tan, uv0, uv1, col;
  int comps = 0;
  if (!readAttribute(p, "POSITION", w, pos, comps)) return false;
  prim.vertices.resize(vertexCount);
  for (size_t i = 0; i < vertexCount; ++i) {
    prim.vertices[i].position = {pos[i * 3], pos[i * 3 + 1], pos[i * 3 + 2]};
    prim.bounds.grow(prim.vertices[i].position);
  }
  const bool hasNormals = readAttribute(p, "NORMAL", w, nrm, comps);
  if (hasNormals) {
    for (size_t i = 0; i < vertexCount; ++i) {
      glm::vec3 n(nrm[i * 3], nrm[i * 3 + 1], nrm[i * 3 + 2]);
      const float len = glm::length(n);
      prim.vertices[i].normal = len > 1e-8F ? n / len : glm::vec3(0, 0, 1);
    }
  }
  if (readAttribute(p, "TANGENT", w, tan, comps) && hasNormals) {
    for (size_t i = 0; i < vertexCount; ++i) {
      const float sign = tan[i * 4 + 3] < 0.0F ? -1.0F : 1.0F;
      prim.vertices[i].tangent = {tan[i * 4], tan[i * 4 + 1], tan[i * 4 + 2], sign};
    }
  }
  if (readAttribute(p, "TEXCOORD_0", w, uv0, comps)) {
    for (size_t i = 0; i < vertexCount; ++i) prim.vertices[i].uv0 = {uv0[i * 2], uv0[i * 2 + 1]};
  }
  if (readAttribute(p, "TEXCOORD_1", w, uv1, comps)) {
    for (size_t i = 0; i < vertexCount; ++i) prim.vertices[i].uv1 = {uv1[i * 2], uv1[i * 2 + 1]};
  }
  if (readAttribute(p, "COLOR_0", w, col, comps)) {
    for (size_t i = 0; i < vertexCount; ++i) {
      const size_t c = static_cast<size_t>(comps);
      prim.vertices[i].color = {col[i * c], col[i * c + 1], col[i * c + 2],
                                comps == 4 ? col[i * c + 3] : 1.0F};
    }
  }
  if (diag_.failed()) return false;

  // A material sampling TEXCOORD_n needs the primitive to have TEXCOORD_0..n.
  if (p.material >= 0) {
    const int needed = materialMaxTexCoord_[static_cast<size_t>(p.material)];
    for (int n = 0; n <= needed; ++n) {
      if (p.attributes.count("TEXCOORD_" + std::to_string(n)) == 0) {
        diag_.error("MESH_PRIMITIVE_TOO_FEW_TEXCOORDS",
                    "material " + std::to_string(p.material) + " samples TEXCOORD_" +
                        std::to_string(needed) + " but the primitive has no TEXCOORD_" +
                        std::to_string(n),
                    w + "/material");
        return false;
      }
    }
  }

  std::vector<uint32_t> indices;
  if (p.indices >= 0) {
    const std::string iw = w + "/indices";
    if (!reader_.validate(p.indices, iw) || !fetchable(p.indices, iw)) return false;
    if (reader_.count(p.indices) > options_.maxIndicesPerPrimitive) {
      diag_.error("VALUE_NOT_IN_RANGE", "too many indices", iw);
      return false;
    }
    const auto& a = gm_.accessors[static_cast<size_t>(p.indices)];
    if (viewTarget(a.bufferView) == TINYGLTF_TARGET_ARRAY_BUFFER) {
      diag_.error("BUFFER_VIEW_TARGET_OVERRIDE", "indices in a vertex bufferView", iw);
      return false;
    }
    if (!reader_.readIndices(p.indices, iw, indices)) return false;
    for (uint32_t i : indices) {
      if (i >= vertexCount) {
        diag_.error(
            "ACCESSOR_INDEX_OOB",
            "index " + std::to_string(i) + " >= vertex count " + std::to_string(vertexCount), iw);
        return false;
      }
    }
  } else {
    indices.resize(vertexCount);
    for (size_t i = 0; i < vertexCount; ++i) indices[i] = static_cast<uint32_t>(i);
  }
  prim.indices = toTriangleList(indices, mode);
  if (!hasNormals) computeFlatishNormals(prim);

  prim.material = p.material;
  readVariantMappings(p, w, prim);
  return !prim.indices.empty();
}

std::vector<uint32_t> GltfConverter::toTriangleList(const std::vector<uint32_t>& in, int mode) {
  if (mode == TINYGLTF_MODE_TRIANGLES) {
    std::vector<uint32_t> out(in.begin(),
                              in.begin() + static_cast<std::ptrdiff_t>(in.size() / 3 * 3));
    return out;
  }
  std::vector<uint32_t> out;
  for (size_t i = 2; i < in.size(); ++i) {
    if (mode == TINYGLTF_MODE_TRIANGLE_STRIP) {
      if (i % 2 == 0) {
        out.insert(out.end(), {in[i - 2], in[i - 1], in[i]});
      } else {
        out.insert(out.end(), {in[i - 1], in[i - 2], in[i]});
      }
    } else {
      out.insert(out.end(), {in[0], in[i - 1], in[i]});
    }
  }
  return out;
}

void GltfConverter::computeFlatishNormals(PrimitiveData& prim) {
  std::vector<glm::vec3> acc(prim.vertices.size(), glm::vec3(0.0F));
  for (size_t t = 0; t + 2 < prim.indices.size(); t += 3) {
    const auto& a = prim.vertices[prim.indices[t]].position;
    const auto& b = prim.vertices[prim.indices[t + 1]].position;
    const auto& c = prim.vertices[prim.indices[t + 2]].position;
    const glm::vec3 n = glm::cross(b - a, c - a);
    for (size_t k = 0; k < 3; ++k) acc[prim.indices[t + k]] += n;
  }
  for (size_t i = 0; i < acc.size(); ++i) {
    const float len = glm::length(acc[i]);
    prim.vertices[i].normal = len > 1e-12F ? acc[i] / len : glm::vec3(0, 0, 1);
  }
}

void GltfConverter::readVariantMappings(const tinygltf::Primitive& p, const std::string& w,
                                        PrimitiveData& prim) {
  auto it = p.extensions.find("KHR_materials_variants");
  if (it == p.extensions.end() || out_.variants.empty()) return;
  prim.variantMaterials.assign(out_.variants.size(), -1);
  const auto& mappings = it->second.Get("mappings");
  for (size_t i = 0; i < mappings.ArrayLen(); ++i) {
    const auto& mapping = mappings.Get(static_cast<int>(i));
    const auto& material = mapping.Get("material");
    const auto& variants = mapping.Get("variants");
    if (!material.IsInt()) continue;
    const int m = material.Get<int>();
    if (m < 0 || static_cast<size_t>(m) >= out_.materials.size()) {
      diag_.warning("UNRESOLVED_REFERENCE", "variant mapping to missing material ignored", w);
      continue;
    }
    for (size_t v = 0; v < variants.ArrayLen(); ++v) {
      const auto& idx = variants.Get(static_cast<int>(v));
      if (idx.IsInt() && idx.Get<int>() >= 0 &&
          static_cast<size_t>(idx.Get<int>()) < prim.variantMaterials.size()) {
        prim.variantMaterials[static_cast<size_t>(idx.Get<int>())] = m;
      }
    }
  }
}

}  // namespace vrmall::engine
