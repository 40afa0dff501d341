// A model uploaded to the GPU: its primitives live in the shared GeometryArena, its materials in
// the renderer's global material table; textured materials also own a descriptor set with their
// five textures (untextured ones share the renderer's neutral set, so their draws merge). Draw
// items say which primitive goes where with which material for each KHR_materials_variants
// variant.
#pragma once

#include <vulkan/vulkan.h>

#include <glm/glm.hpp>
#include <string>
#include <vector>

#include "geometry_arena.h"
#include "material_setup.h"
#include "vrmall/engine/gpu_image.h"
#include "vrmall/engine/model_data.h"

namespace vrmall::engine {

class Context;

class GpuModel {
 public:
  struct Primitive {
    uint32_t firstIndex = 0;
    uint32_t indexCount = 0;
    int32_t vertexOffset = 0;
  };
  struct Material {
    uint32_t globalIndex = 0;              // into the material table
    VkDescriptorSet set = VK_NULL_HANDLE;  // null: the shared neutral texture set
    int alphaMode = 0;                     // 0 opaque, 1 mask, 2 blend
    bool doubleSided = false;
  };
  struct Item {
    uint32_t primitive = 0;
    glm::mat4 transform{1.0F};
    // Material index per variant slot: [0] default, [1 + v] variant v.
    std::vector<uint32_t> materials;
  };

  GpuModel(const Context& context, const ModelData& data, const MaterialSetup& setup,
           GeometryArena& arena, DeferredDeleter& deleter, size_t retireSlot);
  ~GpuModel();
  GpuModel(const GpuModel&) = delete;
  GpuModel& operator=(const GpuModel&) = delete;

  const std::vector<Primitive>& primitives() const { return primitives_; }
  const std::vector<Material>& materials() const { return materials_; }
  const std::vector<Item>& items() const { return items_; }
  const Bounds& bounds() const { return bounds_; }
  const std::vector<std::string>& variants() const { return variants_; }
  const std::string& name() const { return name_; }
  size_t triangleCount() const { return triangles_; }

 private:
  void uploadGeometry(const ModelData& data, GeometryArena& arena, DeferredDeleter& deleter,
                      size_t retireSlot);
  void createMaterials(const Context& context, const ModelData& data, const MaterialSetup& setup);
  void release();

  VkDevice device_;
  std::string name_;
  std::vector<GpuImage> textures_;
  std::vector<VkSampler> samplers_;
  VkDescriptorPool pool_ = VK_NULL_HANDLE;
  std::vector<Primitive> primitives_;
  std::vector<Material> materials_;  // ModelData materials, then the default material
  std::vector<Item> items_;
  std::vector<std::string> variants_;
  Bounds bounds_;
  size_t triangles_ = 0;
};

}  // namespace vrmall::engine
