// A model uploaded to the GPU: one vertex and one index buffer for all primitives, textures,
// samplers, and one descriptor set per material. Draw items say which primitive goes where with
// which material for each KHR_materials_variants variant.
#pragma once

#include <vulkan/vulkan.h>

#include <glm/glm.hpp>
#include <string>
#include <vector>

#include "material_setup.h"
#include "vrmall/engine/gpu_buffer.h"
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
    VkDescriptorSet set = VK_NULL_HANDLE;
    bool blend = false;
    bool doubleSided = false;
  };
  struct Item {
    uint32_t primitive = 0;
    glm::mat4 transform{1.0F};
    // Material index per variant slot: [0] default, [1 + v] variant v.
    std::vector<uint32_t> materials;
  };

  GpuModel(const Context& context, const ModelData& data, const MaterialSetup& setup);
  ~GpuModel();
  GpuModel(const GpuModel&) = delete;
  GpuModel& operator=(const GpuModel&) = delete;

  VkBuffer vertexBuffer() const { return vertices_.handle(); }
  VkBuffer indexBuffer() const { return indices_.handle(); }
  const std::vector<Primitive>& primitives() const { return primitives_; }
  const std::vector<Material>& materials() const { return materials_; }
  const std::vector<Item>& items() const { return items_; }
  const Bounds& bounds() const { return bounds_; }
  const std::vector<std::string>& variants() const { return variants_; }
  const std::string& name() const { return name_; }
  size_t triangleCount() const { return triangles_; }

 private:
  void uploadGeometry(const Context& context, const ModelData& data);
  void createMaterials(const Context& context, const ModelData& data, const MaterialSetup& setup);

  VkDevice device_;
  std::string name_;
  GpuBuffer vertices_;
  GpuBuffer indices_;
  GpuBuffer materialUniforms_;
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
