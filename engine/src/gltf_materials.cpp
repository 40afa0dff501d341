// GltfConverter: materials and texture references (KHR_texture_transform, emissive strength,
// unlit; other material extensions fall back to base PBR with a warning).
#include <tiny_gltf.h>

#include <algorithm>
#include <cmath>
#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/quaternion.hpp>
#include <glm/gtc/type_ptr.hpp>

#include "gltf_converter.h"

namespace vrmall::engine {

TextureRef GltfConverter::textureRef(int textureIndex, int texCoord,
                                     const tinygltf::ExtensionMap& ext, const std::string& where) {
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
    if (t.Has("texCoord") && t.Get("texCoord").IsInt()) ref.texCoord = t.Get("texCoord").Get<int>();
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

void GltfConverter::readMaterials() {
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
    d.normal =
        textureRef(m.normalTexture.index, m.normalTexture.texCoord, m.normalTexture.extensions, w);
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

}  // namespace vrmall::engine
