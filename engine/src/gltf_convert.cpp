// tinygltf::Model -> ModelData: reference checks, attribute decoding, node flattening, materials,
// KHR_texture_transform and KHR_materials_variants. Part of GltfLoader (see gltf_loader.cpp).
#include <tiny_gltf.h>

#include <cmath>
#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/quaternion.hpp>
#include <glm/gtc/type_ptr.hpp>
#include <set>

#include "accessor_reader.h"
#include "gltf_diagnostics.h"
#include "gltf_source_notes.h"
#include "vrmall/engine/gltf_loader.h"

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

class Converter {
 public:
  Converter(const tinygltf::Model& gm, const GltfSourceNotes& notes, const GltfLoadOptions& options,
            GltfDiagnostics& diag, ModelData& out)
      : gm_(gm),
        notes_(notes),
        unavailable_(notes.unavailableBuffers),
        options_(options),
        diag_(diag),
        out_(out),
        reader_(gm, notes.unusableAccessors, notes.unavailableBuffers,
                std::max(options.maxVerticesPerPrimitive, options.maxIndicesPerPrimitive), diag) {}

  void run() {
    checkBuffers();
    // The validator checks every accessor, used or not; so do we (bounds, alignment, sparse).
    for (size_t i = 0; i < gm_.accessors.size(); ++i) {
      if (notes_.unusableAccessors.count(static_cast<int>(i)) == 0) {
        reader_.validate(static_cast<int>(i), "/accessors/" + std::to_string(i));
      }
    }
    checkViewUsage();
    if (diag_.failed()) return;
    readVariants();
    readImagesAndSamplers();
    readMaterials();
    if (diag_.failed()) return;
    readMeshes();
    if (diag_.failed()) return;
    placeNodes();
    if (!gm_.skins.empty()) {
      diag_.warning("UNSUPPORTED_SKIN", std::to_string(gm_.skins.size()) +
                                            " skin(s) ignored: the mesh is shown in its bind pose");
    }
    if (!gm_.animations.empty()) {
      diag_.warning("UNSUPPORTED_ANIMATION", std::to_string(gm_.animations.size()) +
                                                 " animation(s) ignored: the model is static");
    }
    out_.computeBounds();
  }

 private:
  // An accessor whose data lives in a buffer we could not fetch.
  bool fetchable(int accessor, const std::string& where) {
    const auto& a = gm_.accessors[static_cast<size_t>(accessor)];
    for (int view : {a.bufferView, a.sparse.isSparse ? a.sparse.indices.bufferView : -1,
                     a.sparse.isSparse ? a.sparse.values.bufferView : -1}) {
      if (view < 0 || static_cast<size_t>(view) >= gm_.bufferViews.size()) continue;
      const int buffer = gm_.bufferViews[static_cast<size_t>(view)].buffer;
      if (unavailable_.count(buffer) != 0) {
        diag_.error("IO_ERROR",
                    "buffer " + std::to_string(buffer) +
                        " has a non-relative URI that is not fetched, but is used",
                    where);
        return false;
      }
    }
    return true;
  }

  void checkBuffers() {
    // Buffer data shorter than its views need is caught per bufferView here and per accessor in
    // AccessorReader (buffers without data here are skipped: nothing is read from them).
    for (size_t i = 0; i < gm_.bufferViews.size(); ++i) {
      const auto& bv = gm_.bufferViews[i];
      const std::string w = "/bufferViews/" + std::to_string(i);
      if (bv.buffer < 0 || static_cast<size_t>(bv.buffer) >= gm_.buffers.size()) {
        diag_.error("UNRESOLVED_REFERENCE",
                    "buffer " + std::to_string(bv.buffer) + " does not exist", w + "/buffer");
        continue;
      }
      if (unavailable_.count(bv.buffer) != 0) continue;
      const size_t size = gm_.buffers[static_cast<size_t>(bv.buffer)].data.size();
      if (bv.byteOffset > size || bv.byteLength > size - bv.byteOffset) {
        diag_.error("BUFFER_VIEW_TOO_LONG",
                    "bufferView exceeds its buffer (" + std::to_string(size) + " bytes)", w);
      }
      if (bv.byteStride != 0 &&
          (bv.byteStride < 4 || bv.byteStride > 252 || bv.byteStride % 4 != 0)) {
        diag_.error(
            "BUFFER_VIEW_INVALID_BYTE_STRIDE",
            "byteStride " + std::to_string(bv.byteStride) + " is not a multiple of 4 in 4..252", w);
      }
    }
    // Images stored in buffer views must not be strided.
    for (size_t i = 0; i < gm_.images.size(); ++i) {
      const int view = gm_.images[i].bufferView;
      if (view >= 0 && static_cast<size_t>(view) < gm_.bufferViews.size() &&
          gm_.bufferViews[static_cast<size_t>(view)].byteStride != 0) {
        diag_.error("IMAGE_BUFFER_VIEW_WITH_BYTESTRIDE", "image bufferView has a byteStride",
                    "/images/" + std::to_string(i));
      }
    }
  }

  // A bufferView holds vertex data or index data, never both (and must agree with its target).
  void checkViewUsage() {
    enum Usage {
      None = 0,
      Vertex = TINYGLTF_TARGET_ARRAY_BUFFER,
      Index = TINYGLTF_TARGET_ELEMENT_ARRAY_BUFFER
    };
    std::map<int, int> usage;
    auto use = [&](int accessor, int kind, const std::string& where) {
      if (accessor < 0 || static_cast<size_t>(accessor) >= gm_.accessors.size()) return;
      const int view = gm_.accessors[static_cast<size_t>(accessor)].bufferView;
      if (view < 0) return;
      int& u = usage[view];
      if (u == None) u = viewTarget(view) != 0 ? viewTarget(view) : kind;
      if (u != kind) {
        diag_.error(
            "BUFFER_VIEW_TARGET_OVERRIDE",
            "bufferView " + std::to_string(view) + " is used for both vertex and index data",
            where);
      }
    };
    for (size_t mi = 0; mi < gm_.meshes.size(); ++mi) {
      for (size_t pi = 0; pi < gm_.meshes[mi].primitives.size(); ++pi) {
        const auto& p = gm_.meshes[mi].primitives[pi];
        const std::string w = "/meshes/" + std::to_string(mi) + "/primitives/" + std::to_string(pi);
        for (const auto& [name, index] : p.attributes)
          use(index, Vertex, w + "/attributes/" + name);
        for (const auto& target : p.targets) {
          for (const auto& [name, index] : target) use(index, Vertex, w + "/targets");
        }
        if (p.indices >= 0 && static_cast<size_t>(p.indices) < gm_.accessors.size()) {
          use(p.indices, Index, w + "/indices");
          const int view = gm_.accessors[static_cast<size_t>(p.indices)].bufferView;
          if (view >= 0 && static_cast<size_t>(view) < gm_.bufferViews.size() &&
              gm_.bufferViews[static_cast<size_t>(view)].byteStride != 0) {
            diag_.error("MESH_PRIMITIVE_INDICES_ACCESSOR_WITH_BYTESTRIDE",
                        "the indices' bufferView must not have a byteStride", w + "/indices");
          }
        }
      }
    }
  }

  void readVariants() {
    auto it = gm_.extensions.find("KHR_materials_variants");
    if (it == gm_.extensions.end()) return;
    const auto& variants = it->second.Get("variants");
    if (!variants.IsArray()) return;
    for (size_t i = 0; i < variants.ArrayLen(); ++i) {
      const auto& v = variants.Get(static_cast<int>(i));
      const auto& name = v.Get("name");
      out_.variants.push_back(name.IsString() ? name.Get<std::string>()
                                              : "variant " + std::to_string(i));
    }
  }

  void readImagesAndSamplers() {
    for (const auto& img : gm_.images) {
      ImageData data;
      data.name = img.name.empty() ? img.uri : img.name;
      if (img.width > 0 && img.height > 0 && img.component == 4 && img.bits == 8 &&
          img.image.size() ==
              static_cast<size_t>(img.width) * static_cast<size_t>(img.height) * 4) {
        data.width = static_cast<uint32_t>(img.width);
        data.height = static_cast<uint32_t>(img.height);
        data.rgba = img.image;
      }
      out_.images.push_back(std::move(data));
    }
    for (const auto& s : gm_.samplers) {
      SamplerData d;
      d.magLinear = s.magFilter != TINYGLTF_TEXTURE_FILTER_NEAREST;
      d.minLinear = !(s.minFilter == TINYGLTF_TEXTURE_FILTER_NEAREST ||
                      s.minFilter == TINYGLTF_TEXTURE_FILTER_NEAREST_MIPMAP_NEAREST ||
                      s.minFilter == TINYGLTF_TEXTURE_FILTER_NEAREST_MIPMAP_LINEAR);
      d.mipLinear = !(s.minFilter == TINYGLTF_TEXTURE_FILTER_LINEAR_MIPMAP_NEAREST ||
                      s.minFilter == TINYGLTF_TEXTURE_FILTER_NEAREST_MIPMAP_NEAREST);
      d.useMips = !(s.minFilter == TINYGLTF_TEXTURE_FILTER_NEAREST ||
                    s.minFilter == TINYGLTF_TEXTURE_FILTER_LINEAR);
      auto wrap = [](int w) {
        return w == TINYGLTF_TEXTURE_WRAP_CLAMP_TO_EDGE     ? 1
               : w == TINYGLTF_TEXTURE_WRAP_MIRRORED_REPEAT ? 2
                                                            : 0;
      };
      d.wrapS = wrap(s.wrapS);
      d.wrapT = wrap(s.wrapT);
      out_.samplers.push_back(d);
    }
  }

  TextureRef textureRef(int textureIndex, int texCoord, const tinygltf::ExtensionMap& ext,
                        const std::string& where) {
    TextureRef ref;
    if (textureIndex < 0) return ref;
    currentMaxTexCoord_ = std::max(currentMaxTexCoord_, texCoord);
    if (static_cast<size_t>(textureIndex) >= gm_.textures.size()) {
      diag_.error("UNRESOLVED_REFERENCE",
                  "texture " + std::to_string(textureIndex) + " does not exist", where);
      return ref;
    }
    const auto& tex = gm_.textures[static_cast<size_t>(textureIndex)];
    if (tex.source >= 0 && static_cast<size_t>(tex.source) >= gm_.images.size()) {
      diag_.error("UNRESOLVED_REFERENCE", "image " + std::to_string(tex.source) + " does not exist",
                  "/textures/" + std::to_string(textureIndex));
      return ref;
    }
    if (tex.sampler >= 0 && static_cast<size_t>(tex.sampler) >= gm_.samplers.size()) {
      diag_.error("UNRESOLVED_REFERENCE",
                  "sampler " + std::to_string(tex.sampler) + " does not exist",
                  "/textures/" + std::to_string(textureIndex));
      return ref;
    }
    ref.image = tex.source;
    ref.sampler = tex.sampler;
    ref.texCoord = texCoord;
    auto it = ext.find("KHR_texture_transform");
    if (it != ext.end()) {
      const auto& t = it->second;
      glm::vec2 offset(0.0F);
      glm::vec2 scale(1.0F);
      float rotation = 0.0F;
      auto num = [](const tinygltf::Value& v, int i) {
        const auto& e = v.Get(i);
        return static_cast<float>(e.IsNumber() ? e.GetNumberAsDouble() : 0.0);
      };
      if (t.Has("offset") && t.Get("offset").ArrayLen() == 2) {
        offset = {num(t.Get("offset"), 0), num(t.Get("offset"), 1)};
      }
      if (t.Has("scale") && t.Get("scale").ArrayLen() == 2) {
        scale = {num(t.Get("scale"), 0), num(t.Get("scale"), 1)};
      }
      if (t.Has("rotation") && t.Get("rotation").IsNumber()) {
        rotation = static_cast<float>(t.Get("rotation").GetNumberAsDouble());
      }
      if (t.Has("texCoord") && t.Get("texCoord").IsInt())
        ref.texCoord = t.Get("texCoord").Get<int>();
      // Spec: uv' = T * R * S * uv, with R rotating counter-clockwise in UV space.
      const float c = std::cos(rotation);
      const float s = std::sin(rotation);
      const glm::mat3 T(1, 0, 0, 0, 1, 0, offset.x, offset.y, 1);
      const glm::mat3 R(c, -s, 0, s, c, 0, 0, 0, 1);
      const glm::mat3 S(scale.x, 0, 0, 0, scale.y, 0, 0, 0, 1);
      ref.transform = T * R * S;
    }
    if (ref.texCoord < 0 || ref.texCoord > 1) {
      diag_.warning(
          "UNSUPPORTED_TEXCOORD",
          "texCoord " + std::to_string(ref.texCoord) + " is not supported (0 and 1 are); using 0",
          where);
      ref.texCoord = 0;
    }
    return ref;
  }

  void readMaterials() {
    for (size_t i = 0; i < gm_.materials.size(); ++i) {
      const auto& m = gm_.materials[i];
      const std::string w = "/materials/" + std::to_string(i);
      MaterialData d;
      d.name = m.name;
      currentMaxTexCoord_ = -1;
      const auto& pbr = m.pbrMetallicRoughness;
      if (pbr.baseColorFactor.size() == 4) {
        d.baseColorFactor = {pbr.baseColorFactor[0], pbr.baseColorFactor[1], pbr.baseColorFactor[2],
                             pbr.baseColorFactor[3]};
      }
      d.metallicFactor = static_cast<float>(pbr.metallicFactor);
      d.roughnessFactor = static_cast<float>(pbr.roughnessFactor);
      if (m.emissiveFactor.size() == 3) {
        d.emissiveFactor = {m.emissiveFactor[0], m.emissiveFactor[1], m.emissiveFactor[2]};
      }
      d.alphaMode = m.alphaMode == "BLEND"  ? AlphaMode::Blend
                    : m.alphaMode == "MASK" ? AlphaMode::Mask
                                            : AlphaMode::Opaque;
      d.alphaCutoff = static_cast<float>(m.alphaCutoff);
      d.doubleSided = m.doubleSided;
      d.baseColor = textureRef(pbr.baseColorTexture.index, pbr.baseColorTexture.texCoord,
                               pbr.baseColorTexture.extensions, w);
      d.metallicRoughness =
          textureRef(pbr.metallicRoughnessTexture.index, pbr.metallicRoughnessTexture.texCoord,
                     pbr.metallicRoughnessTexture.extensions, w);
      d.normal = textureRef(m.normalTexture.index, m.normalTexture.texCoord,
                            m.normalTexture.extensions, w);
      d.normalScale = static_cast<float>(m.normalTexture.scale);
      d.occlusion = textureRef(m.occlusionTexture.index, m.occlusionTexture.texCoord,
                               m.occlusionTexture.extensions, w);
      d.occlusionStrength = static_cast<float>(m.occlusionTexture.strength);
      d.emissive = textureRef(m.emissiveTexture.index, m.emissiveTexture.texCoord,
                              m.emissiveTexture.extensions, w);
      for (const auto& [name, value] : m.extensions) {
        if (name == "KHR_materials_emissive_strength") {
          const auto& s = value.Get("emissiveStrength");
          if (s.IsNumber()) d.emissiveFactor *= static_cast<float>(s.GetNumberAsDouble());
        } else if (name == "KHR_materials_unlit") {
          d.unlit = true;
        } else {
          // Known ones (sheen, clearcoat, transmission, ...) and unknown ones alike: the base
          // metallic-roughness material still makes sense, so warn and render that.
          ignoredExtensions_.insert(name);
        }
      }
      out_.materials.push_back(d);
      materialMaxTexCoord_.push_back(currentMaxTexCoord_);
    }
    for (const auto& name : ignoredExtensions_) {
      diag_.warning("UNSUPPORTED_EXTENSION", name + " is not rendered; base PBR is used instead");
    }
  }

  void readMeshes() {
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
        if (notes_.skipPrimitives.count({static_cast<int>(mi), static_cast<int>(pi)}) != 0)
          continue;
        PrimitiveData prim;
        if (convertPrimitive(p, w, prim)) data.primitives.push_back(std::move(prim));
      }
      if (!mesh.weights.empty() && mesh.weights.size() != targetsCount) {
        diag_.error("MESH_INVALID_WEIGHTS_COUNT",
                    "mesh weights do not match the morph target count",
                    "/meshes/" + std::to_string(mi) + "/weights");
      }
      targetsCount = SIZE_MAX;
      out_.meshes.push_back(std::move(data));
    }
  }

  bool readAttribute(const tinygltf::Primitive& p, const std::string& name, const std::string& w,
                     std::vector<float>& out, int& comps) {
    auto it = p.attributes.find(name);
    if (it == p.attributes.end()) return false;
    const std::string aw = w + "/attributes/" + name;
    if (!reader_.validate(it->second, aw) || !fetchable(it->second, aw)) return false;
    comps = reader_.components(it->second);
    return reader_.readFloats(it->second, aw, out);
  }

  bool checkAttributes(const tinygltf::Primitive& p, const std::string& w, size_t& vertexCount) {
    vertexCount = 0;
    std::set<std::string> names;
    for (const auto& [name, index] : p.attributes) {
      const std::string aw = w + "/attributes/" + name;
      if (!validAttributeName(name)) {
        diag_.error("MESH_PRIMITIVE_INVALID_ATTRIBUTE", "invalid attribute name '" + name + "'",
                    aw);
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
      auto badFormat = [&](const char* need) {
        diag_.error("MESH_PRIMITIVE_ATTRIBUTES_ACCESSOR_INVALID_FORMAT",
                    "attribute '" + name + "' must be " + need, aw);
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
        if ((a.byteOffset + gm_.bufferViews[static_cast<size_t>(a.bufferView)].byteOffset) % 4 !=
                0 ||
            stride % 4 != 0) {
          diag_.error("MESH_PRIMITIVE_ACCESSOR_UNALIGNED", "vertex attribute not 4-byte aligned",
                      aw);
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
          diag_.error("MESH_PRIMITIVE_MORPH_TARGET_INVALID_ATTRIBUTE", "invalid morph attribute",
                      tw);
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

  int sharedViewUsers(int view) {
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

  bool convertPrimitive(const tinygltf::Primitive& p, const std::string& w, PrimitiveData& prim) {
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

  static std::vector<uint32_t> toTriangleList(const std::vector<uint32_t>& in, int mode) {
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

  // glTF: without normals, flat shading is expected; area-weighted vertex normals are the closest
  // we get without splitting vertices, and exact for non-indexed meshes.
  static void computeFlatishNormals(PrimitiveData& prim) {
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

  void readVariantMappings(const tinygltf::Primitive& p, const std::string& w,
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

  static glm::mat4 localTransform(const tinygltf::Node& n) {
    if (n.matrix.size() == 16) {
      glm::mat4 m;
      for (int i = 0; i < 16; ++i)
        glm::value_ptr(m)[i] = static_cast<float>(n.matrix[static_cast<size_t>(i)]);
      return m;
    }
    glm::mat4 m(1.0F);
    if (n.translation.size() == 3) {
      m = glm::translate(m, glm::vec3(n.translation[0], n.translation[1], n.translation[2]));
    }
    if (n.rotation.size() == 4) {
      const glm::quat q(static_cast<float>(n.rotation[3]), static_cast<float>(n.rotation[0]),
                        static_cast<float>(n.rotation[1]), static_cast<float>(n.rotation[2]));
      m *= glm::mat4_cast(glm::normalize(q));
    }
    if (n.scale.size() == 3) m = glm::scale(m, glm::vec3(n.scale[0], n.scale[1], n.scale[2]));
    return m;
  }

  // EXT_mesh_gpu_instancing: per-instance TRS on a node; returns the instance transforms.
  std::vector<glm::mat4> gpuInstances(const tinygltf::Node& n, const std::string& w) {
    auto it = n.extensions.find("EXT_mesh_gpu_instancing");
    if (it == n.extensions.end()) return {glm::mat4(1.0F)};
    const auto& attrs = it->second.Get("attributes");
    std::vector<float> t, r, s;
    size_t count = 0;
    auto read = [&](const char* name, std::vector<float>& out, int comps) {
      const auto& a = attrs.Get(name);
      if (!a.IsInt()) return;
      const int index = a.Get<int>();
      const std::string aw = w + "/extensions/EXT_mesh_gpu_instancing/attributes/" + name;
      if (!reader_.validate(index, aw) || !fetchable(index, aw) ||
          reader_.components(index) != comps || !reader_.readFloats(index, aw, out)) {
        out.clear();
        return;
      }
      count = count == 0 ? reader_.count(index) : std::min(count, reader_.count(index));
    };
    read("TRANSLATION", t, 3);
    read("ROTATION", r, 4);
    read("SCALE", s, 3);
    count = std::min(count, options_.maxPlacements);
    if (count == 0) return {glm::mat4(1.0F)};
    std::vector<glm::mat4> out(count, glm::mat4(1.0F));
    for (size_t i = 0; i < count; ++i) {
      glm::mat4 m(1.0F);
      if (!t.empty()) m = glm::translate(m, {t[i * 3], t[i * 3 + 1], t[i * 3 + 2]});
      if (!r.empty())
        m *= glm::mat4_cast(
            glm::normalize(glm::quat(r[i * 4 + 3], r[i * 4], r[i * 4 + 1], r[i * 4 + 2])));
      if (!s.empty()) m = glm::scale(m, {s[i * 3], s[i * 3 + 1], s[i * 3 + 2]});
      out[i] = m;
    }
    return out;
  }

  void placeNodes() {
    std::vector<int> roots;
    if (!gm_.scenes.empty()) {
      int scene = gm_.defaultScene;
      if (scene >= static_cast<int>(gm_.scenes.size())) {
        diag_.error("UNRESOLVED_REFERENCE", "scene " + std::to_string(scene) + " does not exist",
                    "/scene");
        return;
      }
      if (scene < 0) scene = 0;
      roots = gm_.scenes[static_cast<size_t>(scene)].nodes;
    } else {
      // No scenes: draw every node that is nobody's child.
      std::vector<bool> isChild(gm_.nodes.size(), false);
      for (const auto& n : gm_.nodes) {
        for (int c : n.children) {
          if (c >= 0 && static_cast<size_t>(c) < gm_.nodes.size())
            isChild[static_cast<size_t>(c)] = true;
        }
      }
      for (size_t i = 0; i < gm_.nodes.size(); ++i) {
        if (!isChild[i]) roots.push_back(static_cast<int>(i));
      }
    }
    std::vector<bool> visited(gm_.nodes.size(), false);
    for (int r : roots) visit(r, glm::mat4(1.0F), visited, 0);
  }

  void visit(int index, const glm::mat4& parent, std::vector<bool>& visited, int depth) {
    const std::string w = "/nodes/" + std::to_string(index);
    if (index < 0 || static_cast<size_t>(index) >= gm_.nodes.size()) {
      diag_.error("UNRESOLVED_REFERENCE", "node " + std::to_string(index) + " does not exist", w);
      return;
    }
    if (visited[static_cast<size_t>(index)] || depth > 256) {
      diag_.error("NODE_LOOP", "node hierarchy has a cycle or a node with two parents", w);
      return;
    }
    visited[static_cast<size_t>(index)] = true;
    const auto& n = gm_.nodes[static_cast<size_t>(index)];
    const glm::mat4 world = parent * localTransform(n);
    if (n.mesh >= 0) {
      if (static_cast<size_t>(n.mesh) >= out_.meshes.size()) {
        diag_.error("UNRESOLVED_REFERENCE", "mesh " + std::to_string(n.mesh) + " does not exist",
                    w + "/mesh");
      } else {
        for (const auto& inst : gpuInstances(n, w)) {
          if (out_.placements.size() >= options_.maxPlacements) {
            diag_.error("VALUE_NOT_IN_RANGE", "too many mesh placements", w);
            return;
          }
          out_.placements.push_back({n.mesh, world * inst});
        }
      }
    }
    for (int c : n.children) visit(c, world, visited, depth + 1);
  }

  int viewTarget(int view) const {
    return view >= 0 && static_cast<size_t>(view) < notes_.viewTargets.size()
               ? notes_.viewTargets[static_cast<size_t>(view)]
               : 0;
  }

  const tinygltf::Model& gm_;
  const GltfSourceNotes& notes_;
  const std::set<int>& unavailable_;
  const GltfLoadOptions& options_;
  GltfDiagnostics& diag_;
  ModelData& out_;
  AccessorReader reader_;
  std::set<std::string> ignoredExtensions_;
  int currentMaxTexCoord_ = -1;
  std::vector<int> materialMaxTexCoord_;
  std::map<int, std::set<int>> viewAccessors_;
  std::map<int, int> viewUsers_;
};

}  // namespace

bool convertGltf(const tinygltf::Model& gm, const GltfSourceNotes& notes,
                 const GltfLoadOptions& options, GltfDiagnostics& diag, ModelData& out) {
  Converter(gm, notes, options, diag, out).run();
  return !diag.failed();
}

}  // namespace vrmall::engine
