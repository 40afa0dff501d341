#include "pipeline_set.h"

#include <cstddef>

#include "shaders.h"
#include "vrmall/engine/model_data.h"
#include "vrmall/engine/vk_check.h"
#include "vrmall/engine/vk_struct.h"

namespace vrmall::engine {
namespace {

// Shader module that lives only while pipelines are created.
class ShaderModule {
 public:
  ShaderModule(VkDevice device, std::span<const uint32_t> code) : device_(device) {
    auto info = vkStruct<VkShaderModuleCreateInfo>(VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO);
    info.codeSize = code.size_bytes();
    info.pCode = code.data();
    VRM_VK_CHECK(vkCreateShaderModule(device_, &info, nullptr, &module_));
  }
  ~ShaderModule() { vkDestroyShaderModule(device_, module_, nullptr); }
  ShaderModule(const ShaderModule&) = delete;
  ShaderModule& operator=(const ShaderModule&) = delete;
  VkShaderModule get() const { return module_; }

 private:
  VkDevice device_;
  VkShaderModule module_ = VK_NULL_HANDLE;
};

}  // namespace

PipelineSet::PipelineSet(VkDevice device, VkPipelineLayout layout, const PipelineKey& key)
    : device_(device), key_(key) {
  ShaderModule vert(device, shaders::pbrVert());
  ShaderModule frag(device, shaders::pbrFrag());
  VkPipelineShaderStageCreateInfo stages[2] = {
      vkStruct<VkPipelineShaderStageCreateInfo>(
          VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO),
      vkStruct<VkPipelineShaderStageCreateInfo>(
          VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO)};
  stages[0].stage = VK_SHADER_STAGE_VERTEX_BIT;
  stages[0].module = vert.get();
  stages[0].pName = "main";
  stages[1].stage = VK_SHADER_STAGE_FRAGMENT_BIT;
  stages[1].module = frag.get();
  stages[1].pName = "main";

  const VkVertexInputBindingDescription binding{0, sizeof(Vertex), VK_VERTEX_INPUT_RATE_VERTEX};
  const VkVertexInputAttributeDescription attributes[6] = {
      {0, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(Vertex, position)},
      {1, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(Vertex, normal)},
      {2, 0, VK_FORMAT_R32G32B32A32_SFLOAT, offsetof(Vertex, tangent)},
      {3, 0, VK_FORMAT_R32G32_SFLOAT, offsetof(Vertex, uv0)},
      {4, 0, VK_FORMAT_R32G32_SFLOAT, offsetof(Vertex, uv1)},
      {5, 0, VK_FORMAT_R32G32B32A32_SFLOAT, offsetof(Vertex, color)},
  };
  auto vertexInput = vkStruct<VkPipelineVertexInputStateCreateInfo>(
      VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO);
  vertexInput.vertexBindingDescriptionCount = 1;
  vertexInput.pVertexBindingDescriptions = &binding;
  vertexInput.vertexAttributeDescriptionCount = 6;
  vertexInput.pVertexAttributeDescriptions = attributes;

  auto assembly = vkStruct<VkPipelineInputAssemblyStateCreateInfo>(
      VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO);
  assembly.topology = VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST;

  auto viewport = vkStruct<VkPipelineViewportStateCreateInfo>(
      VK_STRUCTURE_TYPE_PIPELINE_VIEWPORT_STATE_CREATE_INFO);
  viewport.viewportCount = 1;
  viewport.scissorCount = 1;

  auto multisample = vkStruct<VkPipelineMultisampleStateCreateInfo>(
      VK_STRUCTURE_TYPE_PIPELINE_MULTISAMPLE_STATE_CREATE_INFO);
  multisample.rasterizationSamples = key.samples;

  const VkDynamicState dynamics[2] = {VK_DYNAMIC_STATE_VIEWPORT, VK_DYNAMIC_STATE_SCISSOR};
  auto dynamic = vkStruct<VkPipelineDynamicStateCreateInfo>(
      VK_STRUCTURE_TYPE_PIPELINE_DYNAMIC_STATE_CREATE_INFO);
  dynamic.dynamicStateCount = 2;
  dynamic.pDynamicStates = dynamics;

  // Multiview: one pass renders layer i with gl_ViewIndex = i.
  auto rendering =
      vkStruct<VkPipelineRenderingCreateInfo>(VK_STRUCTURE_TYPE_PIPELINE_RENDERING_CREATE_INFO);
  rendering.viewMask = key.viewCount > 1 ? (1U << key.viewCount) - 1U : 0U;
  rendering.colorAttachmentCount = 1;
  rendering.pColorAttachmentFormats = &key.colorFormat;
  rendering.depthAttachmentFormat = kDepthFormat;

  for (int index = 0; index < 6; ++index) {
    const int alphaMode = index / 2;
    const bool blend = alphaMode == 2;
    const bool doubleSided = (index & 1) != 0;
    const VkSpecializationMapEntry entry{0, 0, sizeof(int32_t)};
    const int32_t mode = alphaMode;
    const VkSpecializationInfo specialization{1, &entry, sizeof(mode), &mode};
    VkPipelineShaderStageCreateInfo stagesWithMode[2] = {stages[0], stages[1]};
    stagesWithMode[1].pSpecializationInfo = &specialization;

    auto raster = vkStruct<VkPipelineRasterizationStateCreateInfo>(
        VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO);
    raster.polygonMode = VK_POLYGON_MODE_FILL;
    raster.cullMode = doubleSided ? VK_CULL_MODE_NONE : VK_CULL_MODE_BACK_BIT;
    // glTF winding is counter-clockwise; the projection's y flip keeps it so in framebuffer space.
    raster.frontFace = VK_FRONT_FACE_COUNTER_CLOCKWISE;
    raster.lineWidth = 1.0F;

    auto depth = vkStruct<VkPipelineDepthStencilStateCreateInfo>(
        VK_STRUCTURE_TYPE_PIPELINE_DEPTH_STENCIL_STATE_CREATE_INFO);
    depth.depthTestEnable = VK_TRUE;
    depth.depthWriteEnable = blend ? VK_FALSE : VK_TRUE;  // transparent surfaces do not occlude
    depth.depthCompareOp = VK_COMPARE_OP_LESS_OR_EQUAL;

    VkPipelineColorBlendAttachmentState attachment{};
    attachment.colorWriteMask = VK_COLOR_COMPONENT_R_BIT | VK_COLOR_COMPONENT_G_BIT |
                                VK_COLOR_COMPONENT_B_BIT | VK_COLOR_COMPONENT_A_BIT;
    if (blend) {
      attachment.blendEnable = VK_TRUE;
      attachment.srcColorBlendFactor = VK_BLEND_FACTOR_SRC_ALPHA;
      attachment.dstColorBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
      attachment.colorBlendOp = VK_BLEND_OP_ADD;
      attachment.srcAlphaBlendFactor = VK_BLEND_FACTOR_ONE;
      attachment.dstAlphaBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
      attachment.alphaBlendOp = VK_BLEND_OP_ADD;
    }
    auto colorBlend = vkStruct<VkPipelineColorBlendStateCreateInfo>(
        VK_STRUCTURE_TYPE_PIPELINE_COLOR_BLEND_STATE_CREATE_INFO);
    colorBlend.attachmentCount = 1;
    colorBlend.pAttachments = &attachment;

    auto info =
        vkStruct<VkGraphicsPipelineCreateInfo>(VK_STRUCTURE_TYPE_GRAPHICS_PIPELINE_CREATE_INFO);
    info.pNext = &rendering;
    info.stageCount = 2;
    info.pStages = stagesWithMode;
    info.pVertexInputState = &vertexInput;
    info.pInputAssemblyState = &assembly;
    info.pViewportState = &viewport;
    info.pRasterizationState = &raster;
    info.pMultisampleState = &multisample;
    info.pDepthStencilState = &depth;
    info.pColorBlendState = &colorBlend;
    info.pDynamicState = &dynamic;
    info.layout = layout;
    try {
      VRM_VK_CHECK(vkCreateGraphicsPipelines(device_, VK_NULL_HANDLE, 1, &info, nullptr,
                                             &pipelines_[static_cast<size_t>(index)]));
    } catch (...) {
      for (VkPipeline p : pipelines_) {
        if (p != VK_NULL_HANDLE) vkDestroyPipeline(device_, p, nullptr);
      }
      throw;
    }
  }
}

PipelineSet::~PipelineSet() {
  for (VkPipeline p : pipelines_) {
    if (p != VK_NULL_HANDLE) vkDestroyPipeline(device_, p, nullptr);
  }
}

}  // namespace vrmall::engine
