#include "gpu_model.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <map>

#include "gpu_layouts.h"
#include "vrmall/engine/context.h"
#include "vrmall/engine/vk_check.h"
#include "vrmall/engine/vk_struct.h"

namespace vrmall::engine {
namespace {

VkSamplerAddressMode addressMode(int wrap) {
  switch (wrap) {
    case 1:
      return VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
    case 2:
      return VK_SAMPLER_ADDRESS_MODE_MIRRORED_REPEAT;
    default:
      return VK_SAMPLER_ADDRESS_MODE_REPEAT;
  }
}

void packTransform(const TextureRef& ref, glm::vec4* rows) {
  // glm is column-major: row r of the affine is (m[0][r], m[1][r], m[2][r]).
  rows[0] = {ref.transform[0][0], ref.transform[1][0], ref.transform[2][0], 0.0F};
  rows[1] = {ref.transform[0][1], ref.transform[1][1], ref.transform[2][1], 0.0F};
}

}  // namespace

GpuModel::GpuModel(const Context& context, const ModelData& data, const MaterialSetup& setup,
                   GeometryArena& arena, DeferredDeleter& deleter, size_t retireSlot)
    : device_(context.device()), name_(data.name), variants_(data.variants), bounds_(data.bounds) {
  try {
    uploadGeometry(data, arena, deleter, retireSlot);
    createMaterials(context, data, setup);
  } catch (...) {
    release();  // the destructor does not run for a throwing constructor
    throw;
  }
}

GpuModel::~GpuModel() {
  release();
}

void GpuModel::release() {
  for (VkSampler s : samplers_) vkDestroySampler(device_, s, nullptr);
  samplers_.clear();
  if (pool_ != VK_NULL_HANDLE) vkDestroyDescriptorPool(device_, pool_, nullptr);
  pool_ = VK_NULL_HANDLE;
}

void GpuModel::uploadGeometry(const ModelData& data, GeometryArena& arena, DeferredDeleter& deleter,
                              size_t retireSlot) {
  std::vector<Vertex> vertices;
  std::vector<uint32_t> indices;
  std::vector<uint32_t> meshBase;  // first global primitive index of each mesh
  for (const auto& mesh : data.meshes) {
    meshBase.push_back(static_cast<uint32_t>(primitives_.size()));
    for (const auto& prim : mesh.primitives) {
      Primitive p;
      p.firstIndex = static_cast<uint32_t>(indices.size());
      p.indexCount = static_cast<uint32_t>(prim.indices.size());
      p.vertexOffset = static_cast<int32_t>(vertices.size());
      primitives_.push_back(p);
      vertices.insert(vertices.end(), prim.vertices.begin(), prim.vertices.end());
      indices.insert(indices.end(), prim.indices.begin(), prim.indices.end());
    }
  }
  const auto defaultMaterial = static_cast<uint32_t>(data.materials.size());
  for (const auto& placement : data.placements) {
    const auto& mesh = data.meshes[static_cast<size_t>(placement.mesh)];
    for (size_t p = 0; p < mesh.primitives.size(); ++p) {
      const auto& prim = mesh.primitives[p];
      if (prim.indices.empty()) continue;
      Item item;
      item.primitive = meshBase[static_cast<size_t>(placement.mesh)] + static_cast<uint32_t>(p);
      item.transform = placement.transform;
      const uint32_t def =
          prim.material >= 0 ? static_cast<uint32_t>(prim.material) : defaultMaterial;
      item.materials.push_back(def);
      for (size_t v = 0; v < data.variants.size(); ++v) {
        const int m = v < prim.variantMaterials.size() ? prim.variantMaterials[v] : -1;
        item.materials.push_back(m >= 0 ? static_cast<uint32_t>(m) : def);
      }
      triangles_ += prim.indices.size() / 3;
      items_.push_back(std::move(item));
    }
  }
  if (!vertices.empty() && !indices.empty()) {
    const GeometryArena::Range range = arena.append(vertices, indices, deleter, retireSlot);
    for (auto& p : primitives_) {
      p.firstIndex += range.firstIndex;
      p.vertexOffset += range.vertexOffset;
    }
  } else {
    items_.clear();
  }
}

void GpuModel::createMaterials(const Context& context, const ModelData& data,
                               const MaterialSetup& setup) {
  std::vector<MaterialData> materials = data.materials;
  materials.emplace_back();  // glTF default material: white, metallic 1, roughness 1
  materials.back().name = "default";

  // Samplers: one per glTF sampler, plus the default (repeat, trilinear) as the last.
  std::vector<SamplerData> samplerData = data.samplers;
  samplerData.emplace_back();
  for (const auto& s : samplerData) {
    auto info = vkStruct<VkSamplerCreateInfo>(VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO);
    info.magFilter = s.magLinear ? VK_FILTER_LINEAR : VK_FILTER_NEAREST;
    info.minFilter = s.minLinear ? VK_FILTER_LINEAR : VK_FILTER_NEAREST;
    info.mipmapMode = s.mipLinear ? VK_SAMPLER_MIPMAP_MODE_LINEAR : VK_SAMPLER_MIPMAP_MODE_NEAREST;
    info.addressModeU = addressMode(s.wrapS);
    info.addressModeV = addressMode(s.wrapT);
    info.addressModeW = VK_SAMPLER_ADDRESS_MODE_REPEAT;
    info.maxLod = s.useMips ? VK_LOD_CLAMP_NONE : 0.25F;
    info.anisotropyEnable = setup.maxAnisotropy > 1.0F && s.useMips ? VK_TRUE : VK_FALSE;
    info.maxAnisotropy = setup.maxAnisotropy;
    VkSampler sampler = VK_NULL_HANDLE;
    VRM_VK_CHECK(vkCreateSampler(device_, &info, nullptr, &sampler));
    samplers_.push_back(sampler);
  }

  // Textures are made on first use; colour data (base colour, emissive) as _SRGB, the rest
  // linear, so the same glTF image may become two Vulkan images.
  std::map<std::pair<int, bool>, size_t> textureFor;
  auto view = [&](const TextureRef& ref, bool srgb, VkImageView fallback) -> VkImageView {
    if (ref.image < 0 || static_cast<size_t>(ref.image) >= data.images.size()) return fallback;
    const auto& img = data.images[static_cast<size_t>(ref.image)];
    if (img.width == 0 || img.height == 0 ||
        img.rgba.size() != size_t{img.width} * img.height * 4) {
      return fallback;
    }
    auto key = std::make_pair(ref.image, srgb);
    auto it = textureFor.find(key);
    if (it == textureFor.end()) {
      textures_.push_back(
          GpuImage::texture2D(context, img.rgba.data(), img.width, img.height, srgb));
      it = textureFor.emplace(key, textures_.size() - 1).first;
    }
    return textures_[it->second].view();
  };
  auto sampler = [&](const TextureRef& ref) {
    if (ref.sampler >= 0 && static_cast<size_t>(ref.sampler) < data.samplers.size()) {
      return samplers_[static_cast<size_t>(ref.sampler)];
    }
    return samplers_.back();
  };

  // Parameters go to the global table; only textured materials need their own set.
  size_t texturedCount = 0;
  auto textured = [](const MaterialData& m) {
    return m.baseColor.image >= 0 || m.metallicRoughness.image >= 0 || m.normal.image >= 0 ||
           m.occlusion.image >= 0 || m.emissive.image >= 0;
  };
  for (const auto& m : materials) texturedCount += textured(m) ? 1 : 0;
  if (texturedCount > 0) {
    const VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER,
                                    static_cast<uint32_t>(texturedCount * 5)};
    auto poolInfo =
        vkStruct<VkDescriptorPoolCreateInfo>(VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO);
    poolInfo.maxSets = static_cast<uint32_t>(texturedCount);
    poolInfo.poolSizeCount = 1;
    poolInfo.pPoolSizes = &size;
    VRM_VK_CHECK(vkCreateDescriptorPool(device_, &poolInfo, nullptr, &pool_));
  }

  for (const auto& m : materials) {
    MaterialUniforms u{};
    u.baseColorFactor = m.baseColorFactor;
    u.emissiveFactor = glm::vec4(m.emissiveFactor, 0.0F);
    u.factors = {m.metallicFactor, m.roughnessFactor, m.normalScale, m.occlusionStrength};
    u.flags = {m.alphaCutoff, static_cast<float>(m.alphaMode),
               m.normal.image >= 0 && static_cast<size_t>(m.normal.image) < data.images.size() &&
                       !data.images[static_cast<size_t>(m.normal.image)].rgba.empty()
                   ? 1.0F
                   : 0.0F,
               m.unlit ? 1.0F : 0.0F};
    u.texCoordA = {m.baseColor.texCoord, m.metallicRoughness.texCoord, m.normal.texCoord,
                   m.occlusion.texCoord};
    u.texCoordB = {m.emissive.texCoord, 0, 0, 0};
    const TextureRef* refs[5] = {&m.baseColor, &m.metallicRoughness, &m.normal, &m.occlusion,
                                 &m.emissive};
    for (int t = 0; t < 5; ++t) packTransform(*refs[t], &u.uvTransform[t * 2]);

    Material gm;
    gm.globalIndex = static_cast<uint32_t>(setup.table->size());
    setup.table->push_back(u);
    gm.alphaMode = static_cast<int>(m.alphaMode);
    gm.doubleSided = m.doubleSided;
    if (textured(m)) {
      auto alloc =
          vkStruct<VkDescriptorSetAllocateInfo>(VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO);
      alloc.descriptorPool = pool_;
      alloc.descriptorSetCount = 1;
      alloc.pSetLayouts = &setup.textureLayout;
      VRM_VK_CHECK(vkAllocateDescriptorSets(device_, &alloc, &gm.set));
      const std::array<VkDescriptorImageInfo, 5> images = {{
          {sampler(m.baseColor), view(m.baseColor, true, setup.white),
           VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL},
          {sampler(m.metallicRoughness), view(m.metallicRoughness, false, setup.white),
           VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL},
          {sampler(m.normal), view(m.normal, false, setup.flatNormal),
           VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL},
          {sampler(m.occlusion), view(m.occlusion, false, setup.white),
           VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL},
          {sampler(m.emissive), view(m.emissive, true, setup.white),
           VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL},
      }};
      auto write = vkStruct<VkWriteDescriptorSet>(VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET);
      write.dstSet = gm.set;
      write.dstBinding = 0;
      write.descriptorCount = 5;  // bindings 0..4, consecutive and identical in type and stage
      write.descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
      write.pImageInfo = images.data();
      vkUpdateDescriptorSets(device_, 1, &write, 0, nullptr);
    }
    materials_.push_back(gm);
  }
}

}  // namespace vrmall::engine
