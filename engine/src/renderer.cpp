#include "vrmall/engine/renderer.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <optional>

#include "geometry_arena.h"
#include "gpu_layouts.h"
#include "gpu_model.h"
#include "instance_draw_cache.h"
#include "material_setup.h"
#include "pipeline_set.h"
#include "vrmall/engine/context.h"
#include "vrmall/engine/deferred_deleter.h"
#include "vrmall/engine/frustum.h"
#include "vrmall/engine/gpu_buffer.h"
#include "vrmall/engine/gpu_image.h"
#include "vrmall/engine/overlay.h"
#include "vrmall/engine/render_target.h"
#include "vrmall/engine/vk_check.h"
#include "vrmall/engine/vk_struct.h"

namespace vrmall::engine {
static_assert(PipelineSet::kDepthFormat == Renderer::kDepthFormat, "one depth format");
namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// Per frame-in-flight resources.
struct FrameSlot {
  VkCommandPool pool = VK_NULL_HANDLE;
  VkCommandBuffer cmd = VK_NULL_HANDLE;
  VkFence fence = VK_NULL_HANDLE;
  VkDescriptorSet set = VK_NULL_HANDLE;
  GpuBuffer uniforms;
  GpuBuffer instances;  // InstanceRecord per drawn instance, host-visible, rewritten each frame
  GpuBuffer indirect;   // VkDrawIndexedIndirectCommand per non-empty bucket
};

// Consecutive indirect commands sharing pipeline and texture set: one vkCmdDrawIndexedIndirect.
struct Run {
  VkPipeline pipeline;
  VkDescriptorSet textures;
  uint32_t first;
  uint32_t count;
};

// One instanced draw: a primitive of a model with one material.
struct Bucket {
  ModelId model = 0;
  uint32_t primitive = 0;
  uint32_t material = 0;                      // model-local material index
  uint32_t globalMaterial = 0;                // material-table index
  VkDescriptorSet textures = VK_NULL_HANDLE;  // the material's texture set (or the neutral one)
  int alphaMode = 0;                          // 0 opaque, 1 mask, 2 blend
  bool blend = false;
  bool doubleSided = false;
  GpuModel::Primitive range;  // the primitive's indices, copied: a frame reads no model
};

}  // namespace

struct Renderer::Impl {
  Context& context;
  VkDevice device;
  RendererOptions options;
  VkSampleCountFlagBits samples;
  // Draw two views as two passes instead of one multiview pass. Mesa 22.3's lavapipe keeps only
  // the last draw of a multiview pass in views other than the first, so it gets the loop.
  bool viewLoop = false;
  std::vector<Run> runs;

  VkDescriptorSetLayout frameLayout = VK_NULL_HANDLE;
  VkDescriptorSetLayout materialLayout = VK_NULL_HANDLE;  // the five textures of a material
  VkDescriptorSet neutralTextures = VK_NULL_HANDLE;       // shared by all untextured materials
  VkPipelineLayout pipelineLayout = VK_NULL_HANDLE;
  VkDescriptorPool framePool = VK_NULL_HANDLE;
  VkSampler defaultSampler = VK_NULL_HANDLE;
  GpuImage white;
  GpuImage flatNormal;
  MaterialSetup materialSetup;
  std::vector<MaterialUniforms> materialTable;
  GpuBuffer materialBuffer;
  std::unique_ptr<GeometryArena> arena;

  std::vector<FrameSlot> slots;
  DeferredDeleter deleter;
  uint64_t frameNumber = 0;

  std::unique_ptr<PipelineSet> pipelines;
  GpuImage msaaColor;
  GpuImage depth;
  PipelineKey attachmentKey;
  VkExtent2D attachmentExtent{0, 0};

  std::vector<std::unique_ptr<GpuModel>> models;
  // Draw buckets and, per model, per variant slot and per draw item, the bucket it goes to.
  std::vector<Bucket> buckets;
  std::vector<std::vector<std::vector<uint32_t>>> itemBuckets;
  std::vector<uint32_t> drawOrder;  // opaque before blended, then by pipeline, model, material
  // Per bucket, what batching writes: the material-table index, blended in the top bit (a few
  // hundred words that stay in cache, where the buckets themselves would not).
  std::vector<uint32_t> bucketLook;

  // Slot of the most recently submitted frame: an object it may still use is retired there and
  // destroyed when that slot's fence has been waited on again (the next frame).
  size_t lastSubmittedSlot() const { return (frameNumber + slots.size() - 1) % slots.size(); }

  // Scratch reused every frame so steady-state frames do not allocate.
  std::vector<uint32_t> counts;
  std::vector<uint32_t> offsets;
  std::vector<const InstanceDrawCache::Entry*> visible;  // instances in view, in scene order
  std::vector<float> distances;  // squared, from the first view, per visible instance
  std::vector<uint32_t> order;   // visible sorted near to far
  InstanceDrawCache drawCache;

  Impl(Context& ctx, const RendererOptions& opts)
      : context(ctx),
        device(ctx.device()),
        options(opts),
        samples(opts.samples >= 4 ? VK_SAMPLE_COUNT_4_BIT : VK_SAMPLE_COUNT_1_BIT),
        deleter(std::max(1U, opts.framesInFlight)) {
    const bool llvmpipe = context.properties().vendorID == 0x10005;  // Mesa's software rasteriser
    viewLoop = opts.twoViews == RendererOptions::TwoViews::Loop ||
               (opts.twoViews == RendererOptions::TwoViews::Auto && llvmpipe);
    createLayouts();
    createSlots();
    createDefaults();
    arena = std::make_unique<GeometryArena>(context);
    // The glTF default material (white, metallic 1, roughness 1) at index 0 keeps the table
    // non-empty.
    MaterialUniforms fallback{};
    fallback.baseColorFactor = glm::vec4(1.0F);
    fallback.factors = {1.0F, 1.0F, 1.0F, 1.0F};
    fallback.uvTransform[0] = fallback.uvTransform[2] = fallback.uvTransform[4] =
        fallback.uvTransform[6] = fallback.uvTransform[8] = {1, 0, 0, 0};
    fallback.uvTransform[1] = fallback.uvTransform[3] = fallback.uvTransform[5] =
        fallback.uvTransform[7] = fallback.uvTransform[9] = {0, 1, 0, 0};
    materialTable.push_back(fallback);
    uploadMaterials();
  }

  ~Impl() {
    vkDeviceWaitIdle(device);
    deleter.collectAll();
    models.clear();
    arena.reset();
    pipelines.reset();
    for (auto& s : slots) {
      vkDestroyFence(device, s.fence, nullptr);
      vkDestroyCommandPool(device, s.pool, nullptr);
    }
    slots.clear();
    vkDestroyDescriptorPool(device, framePool, nullptr);
    vkDestroySampler(device, defaultSampler, nullptr);
    vkDestroyPipelineLayout(device, pipelineLayout, nullptr);
    vkDestroyDescriptorSetLayout(device, materialLayout, nullptr);
    vkDestroyDescriptorSetLayout(device, frameLayout, nullptr);
  }

  void createLayouts() {
    const VkShaderStageFlags both = VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT;
    const VkDescriptorSetLayoutBinding frameBindings[3] = {
        {0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, 1, both, nullptr},
        {1, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_VERTEX_BIT, nullptr},
        {2, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, both, nullptr},
    };
    auto info = vkStruct<VkDescriptorSetLayoutCreateInfo>(
        VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO);
    info.bindingCount = 3;
    info.pBindings = frameBindings;
    VRM_VK_CHECK(vkCreateDescriptorSetLayout(device, &info, nullptr, &frameLayout));

    VkDescriptorSetLayoutBinding textureBindings[5];
    for (uint32_t i = 0; i < 5; ++i) {
      textureBindings[i] = {i, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1,
                            VK_SHADER_STAGE_FRAGMENT_BIT, nullptr};
    }
    info.bindingCount = 5;
    info.pBindings = textureBindings;
    VRM_VK_CHECK(vkCreateDescriptorSetLayout(device, &info, nullptr, &materialLayout));

    const VkDescriptorSetLayout sets[2] = {frameLayout, materialLayout};
    auto layout =
        vkStruct<VkPipelineLayoutCreateInfo>(VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO);
    layout.setLayoutCount = 2;
    layout.pSetLayouts = sets;
    const VkPushConstantRange push{VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                                   sizeof(int32_t)};
    layout.pushConstantRangeCount = 1;
    layout.pPushConstantRanges = &push;
    VRM_VK_CHECK(vkCreatePipelineLayout(device, &layout, nullptr, &pipelineLayout));
  }

  void createDefaults() {
    const uint8_t whitePixel[4] = {255, 255, 255, 255};
    const uint8_t normalPixel[4] = {128, 128, 255, 255};
    white = GpuImage::texture2D(context, whitePixel, 1, 1, false);
    flatNormal = GpuImage::texture2D(context, normalPixel, 1, 1, false);
    auto info = vkStruct<VkSamplerCreateInfo>(VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO);
    info.magFilter = VK_FILTER_LINEAR;
    info.minFilter = VK_FILTER_LINEAR;
    VRM_VK_CHECK(vkCreateSampler(device, &info, nullptr, &defaultSampler));
    materialSetup.textureLayout = materialLayout;
    materialSetup.white = white.view();
    materialSetup.flatNormal = flatNormal.view();
    materialSetup.maxAnisotropy = 1.0F;  // lavapipe: anisotropy costs much and is not needed
    materialSetup.table = &materialTable;

    auto alloc =
        vkStruct<VkDescriptorSetAllocateInfo>(VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO);
    alloc.descriptorPool = framePool;
    alloc.descriptorSetCount = 1;
    alloc.pSetLayouts = &materialLayout;
    VRM_VK_CHECK(vkAllocateDescriptorSets(device, &alloc, &neutralTextures));
    const VkImageLayout ro = VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL;
    const VkDescriptorImageInfo images[5] = {{defaultSampler, white.view(), ro},
                                             {defaultSampler, white.view(), ro},
                                             {defaultSampler, flatNormal.view(), ro},
                                             {defaultSampler, white.view(), ro},
                                             {defaultSampler, white.view(), ro}};
    auto write = vkStruct<VkWriteDescriptorSet>(VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET);
    write.dstSet = neutralTextures;
    write.descriptorCount = 5;
    write.descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
    write.pImageInfo = images;
    vkUpdateDescriptorSets(device, 1, &write, 0, nullptr);
  }

  // Upload the material table and point every frame slot at it. Only called with the device
  // idle (model loading), since the slots' descriptor sets may otherwise be in use.
  void uploadMaterials() {
    if (materialBuffer) deleter.retire(lastSubmittedSlot(), std::move(materialBuffer));
    materialBuffer = GpuBuffer::upload(context, materialTable.data(),
                                       materialTable.size() * sizeof(MaterialUniforms),
                                       VK_BUFFER_USAGE_STORAGE_BUFFER_BIT);
    const VkDescriptorBufferInfo info{materialBuffer.handle(), 0, VK_WHOLE_SIZE};
    for (auto& s : slots) {
      auto write = vkStruct<VkWriteDescriptorSet>(VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET);
      write.dstSet = s.set;
      write.dstBinding = 2;
      write.descriptorCount = 1;
      write.descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
      write.pBufferInfo = &info;
      vkUpdateDescriptorSets(device, 1, &write, 0, nullptr);
    }
  }

  void createSlots() {
    const uint32_t n = std::max(1U, options.framesInFlight);
    const VkDescriptorPoolSize sizes[3] = {{VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, n},
                                           {VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 2 * n},
                                           {VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 5}};
    auto poolInfo =
        vkStruct<VkDescriptorPoolCreateInfo>(VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO);
    poolInfo.maxSets = n + 1;  // + the neutral texture set
    poolInfo.poolSizeCount = 3;
    poolInfo.pPoolSizes = sizes;
    VRM_VK_CHECK(vkCreateDescriptorPool(device, &poolInfo, nullptr, &framePool));

    slots.resize(n);
    for (auto& s : slots) {
      auto pool = vkStruct<VkCommandPoolCreateInfo>(VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO);
      pool.queueFamilyIndex = context.queueFamily();
      VRM_VK_CHECK(vkCreateCommandPool(device, &pool, nullptr, &s.pool));
      auto alloc =
          vkStruct<VkCommandBufferAllocateInfo>(VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO);
      alloc.commandPool = s.pool;
      alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
      alloc.commandBufferCount = 1;
      VRM_VK_CHECK(vkAllocateCommandBuffers(device, &alloc, &s.cmd));
      auto fence = vkStruct<VkFenceCreateInfo>(VK_STRUCTURE_TYPE_FENCE_CREATE_INFO);
      fence.flags = VK_FENCE_CREATE_SIGNALED_BIT;  // the first wait on a slot returns at once
      VRM_VK_CHECK(vkCreateFence(device, &fence, nullptr, &s.fence));
      s.uniforms = GpuBuffer(context, sizeof(FrameUniforms), VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT,
                             GpuBuffer::Memory::HostVisible);
      auto setAlloc =
          vkStruct<VkDescriptorSetAllocateInfo>(VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO);
      setAlloc.descriptorPool = framePool;
      setAlloc.descriptorSetCount = 1;
      setAlloc.pSetLayouts = &frameLayout;
      VRM_VK_CHECK(vkAllocateDescriptorSets(device, &setAlloc, &s.set));
      ensureInstanceCapacity(s, 1024);
      ensureIndirectCapacity(s, 256);
    }
  }

  // Grow a slot's instance buffer. The slot's fence has been waited, so its old buffer and
  // descriptor set are idle; the buffer still goes through the deleter to keep the rule simple.
  void ensureInstanceCapacity(FrameSlot& s, size_t count) {
    const VkDeviceSize needed = std::max<size_t>(count, 1) * sizeof(InstanceRecord);
    if (s.instances && s.instances.size() >= needed) return;
    VkDeviceSize size = s.instances ? s.instances.size() : 0;
    size = std::max(needed, size * 2);
    if (s.instances) deleter.retire(lastSubmittedSlot(), std::move(s.instances));
    s.instances = GpuBuffer(context, size, VK_BUFFER_USAGE_STORAGE_BUFFER_BIT,
                            GpuBuffer::Memory::HostVisible);
    VkDescriptorBufferInfo ubo{s.uniforms.handle(), 0, sizeof(FrameUniforms)};
    VkDescriptorBufferInfo ssbo{s.instances.handle(), 0, VK_WHOLE_SIZE};
    VkWriteDescriptorSet writes[2] = {
        vkStruct<VkWriteDescriptorSet>(VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET),
        vkStruct<VkWriteDescriptorSet>(VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET)};
    writes[0].dstSet = s.set;
    writes[0].dstBinding = 0;
    writes[0].descriptorCount = 1;
    writes[0].descriptorType = VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER;
    writes[0].pBufferInfo = &ubo;
    writes[1].dstSet = s.set;
    writes[1].dstBinding = 1;
    writes[1].descriptorCount = 1;
    writes[1].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
    writes[1].pBufferInfo = &ssbo;
    vkUpdateDescriptorSets(device, 2, writes, 0, nullptr);
  }

  void ensureIndirectCapacity(FrameSlot& s, size_t commands) {
    const VkDeviceSize needed =
        std::max<size_t>(commands, 1) * sizeof(VkDrawIndexedIndirectCommand);
    if (s.indirect && s.indirect.size() >= needed) return;
    if (s.indirect) deleter.retire(lastSubmittedSlot(), std::move(s.indirect));
    s.indirect = GpuBuffer(context, std::max<VkDeviceSize>(needed, s.indirect.size() * 2),
                           VK_BUFFER_USAGE_INDIRECT_BUFFER_BIT, GpuBuffer::Memory::HostVisible);
  }

  void rebuildBuckets() {
    buckets.clear();
    itemBuckets.assign(models.size(), {});
    for (ModelId id = 0; id < models.size(); ++id) {
      const GpuModel* model = models[id].get();
      if (model == nullptr) continue;
      const size_t variantSlots = model->variants().size() + 1;
      auto& table = itemBuckets[id];
      table.assign(variantSlots, std::vector<uint32_t>(model->items().size(), 0));
      for (size_t v = 0; v < variantSlots; ++v) {
        for (size_t i = 0; i < model->items().size(); ++i) {
          const auto& item = model->items()[i];
          const uint32_t material = item.materials[v];
          // Reuse an existing bucket of the same model, primitive and material.
          uint32_t found = UINT32_MAX;
          for (uint32_t b = 0; b < buckets.size(); ++b) {
            if (buckets[b].model == id && buckets[b].primitive == item.primitive &&
                buckets[b].material == material) {
              found = b;
              break;
            }
          }
          if (found == UINT32_MAX) {
            const auto& m = model->materials()[material];
            buckets.push_back({id, item.primitive, material, m.globalIndex,
                               m.set != VK_NULL_HANDLE ? m.set : neutralTextures, m.alphaMode,
                               m.alphaMode == 2, m.doubleSided,
                               model->primitives()[item.primitive]});
            found = static_cast<uint32_t>(buckets.size() - 1);
          }
          table[v][i] = found;
        }
      }
    }
    drawOrder.resize(buckets.size());
    for (uint32_t i = 0; i < drawOrder.size(); ++i) drawOrder[i] = i;
    std::stable_sort(drawOrder.begin(), drawOrder.end(), [&](uint32_t a, uint32_t b) {
      const Bucket& x = buckets[a];
      const Bucket& y = buckets[b];
      if (x.alphaMode != y.alphaMode) return x.alphaMode < y.alphaMode;
      if (x.doubleSided != y.doubleSided) return !x.doubleSided;
      if (x.textures != y.textures) return x.textures < y.textures;
      if (x.model != y.model) return x.model < y.model;
      return x.material < y.material;
    });
    counts.assign(buckets.size(), 0);
    offsets.assign(buckets.size(), 0);
    // Bucket ids changed, and a new model may sit at a freed model's address.
    drawCache.clear();
    bucketLook.resize(buckets.size());
    for (size_t b = 0; b < buckets.size(); ++b)
      bucketLook[b] =
          (buckets[b].globalMaterial & 0x7FFFFFFFU) | (buckets[b].blend ? 1U << 31 : 0U);
  }

  void ensureTargetResources(const RenderTarget& target) {
    const PipelineKey key{target.format(), target.viewCount(), samples};
    // In view-loop mode each pass is a plain (viewMask 0) render of one layer.
    const PipelineKey pipelineKey{key.colorFormat, viewLoop ? 1U : key.viewCount, samples};
    const VkExtent2D extent = target.extent();
    if (!pipelines || !(pipelines->key() == pipelineKey)) {
      // Old pipelines may be bound by frames in flight.
      if (pipelines) deleter.retire(lastSubmittedSlot(), std::move(pipelines));
      pipelines = std::make_unique<PipelineSet>(device, pipelineLayout, pipelineKey);
    }
    if (attachmentKey == key && attachmentExtent.width == extent.width &&
        attachmentExtent.height == extent.height) {
      return;
    }
    if (msaaColor) deleter.retire(lastSubmittedSlot(), std::move(msaaColor));
    if (depth) deleter.retire(lastSubmittedSlot(), std::move(depth));
    ImageDesc color;
    color.extent = extent;
    color.format = key.colorFormat;
    color.layers = key.viewCount;
    color.samples = samples;
    // View loop: each layer is resolved with vkCmdResolveImage (the attachment resolve of a
    // non-zero layer is broken on lavapipe), so the MSAA image must be stored and copyable.
    const bool explicitResolve = viewLoop && key.viewCount > 1;
    color.usage =
        explicitResolve
            ? VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT
            : VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT;
    if (samples != VK_SAMPLE_COUNT_1_BIT) msaaColor = GpuImage(context, color);
    ImageDesc d = color;
    d.format = PipelineSet::kDepthFormat;
    d.usage = VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT;
    d.aspect = VK_IMAGE_ASPECT_DEPTH_BIT;
    depth = GpuImage(context, d);
    attachmentKey = key;
    attachmentExtent = extent;
  }

  void writeUniforms(FrameSlot& s, const Scene& scene, std::span<const View> views) {
    FrameUniforms u{};
    for (size_t v = 0; v < 2; ++v) {
      const View& view = views[std::min(v, views.size() - 1)];
      u.viewProj[v] = view.viewProj();
      u.cameraPos[v] = glm::vec4(view.position, 1.0F);
    }
    const auto& lights = scene.lighting.lights;
    const size_t n = std::min(lights.size(), Lighting::kMaxLights);
    for (size_t i = 0; i < n; ++i) {
      const Light& l = lights[i];
      u.lightPos[i] = l.type == Light::Type::Directional
                          ? glm::vec4(glm::normalize(l.direction), 0.0F)
                          : glm::vec4(l.position, 1.0F);
      u.lightColor[i] = glm::vec4(l.color * l.intensity, l.range);
    }
    u.skyColor = glm::vec4(scene.lighting.skyColor, 0.0F);
    u.groundColor = glm::vec4(scene.lighting.groundColor, 0.0F);
    u.params = {static_cast<float>(n), scene.lighting.exposure, 0.0F, 0.0F};
    std::memcpy(s.uniforms.mapped(), &u, sizeof(u));
  }

  // Cull and batch: a counting sort of visible draw items into per-bucket runs of the instance
  // buffer, in draw order. Returns the number of instance matrices written.
  size_t batch(FrameSlot& s, const Scene& scene, std::span<const View> views, FrameStats& stats) {
    Frustum frusta[2];
    const size_t viewCount = std::min<size_t>(views.size(), 2);
    for (size_t v = 0; v < viewCount; ++v) frusta[v] = Frustum(views[v].viewProj());

    std::fill(counts.begin(), counts.end(), 0U);
    visible.clear();
    distances.clear();
    const auto& instances = scene.instances();
    drawCache.resize(instances.size());
    for (uint32_t i = 0; i < instances.size(); ++i) {
      const Instance& inst = instances[i];
      if (!inst.visible || inst.model >= models.size() || !models[inst.model]) continue;
      const InstanceDrawCache::Entry& cached =
          drawCache.get(i, inst, *models[inst.model], itemBuckets);
      if (cached.count == 0) continue;
      bool inView = false;
      for (size_t v = 0; v < viewCount && !inView; ++v) inView = frusta[v].intersects(cached.world);
      if (!inView) continue;
      visible.push_back(&cached);
      const glm::vec3 d = cached.world.center() - views[0].position;
      distances.push_back(glm::dot(d, d));
      for (const uint32_t b : drawCache.buckets(cached)) ++counts[b];
    }
    size_t total = 0;
    for (uint32_t b : drawOrder) {
      offsets[b] = static_cast<uint32_t>(total);
      total += counts[b];
    }
    ensureInstanceCapacity(s, total);
    auto* out = static_cast<InstanceRecord*>(s.instances.mapped());
    // Near to far: opaque instances then pass the depth test early; blended ones are written
    // far to near so they composite in the right order.
    order.resize(visible.size());
    for (uint32_t k = 0; k < order.size(); ++k) order[k] = k;
    std::sort(order.begin(), order.end(),
              [&](uint32_t a, uint32_t b) { return distances[a] < distances[b]; });
    for (int blendPass = 0; blendPass < 2; ++blendPass) {
      for (size_t n = 0; n < order.size(); ++n) {
        const InstanceDrawCache::Entry& cached =
            *visible[order[blendPass == 0 ? n : order.size() - 1 - n]];
        const auto ids = drawCache.buckets(cached);
        const glm::mat4* matrices = drawCache.matrices(cached).data();
        for (size_t item = 0; item < ids.size(); ++item) {
          const uint32_t b = ids[item];
          const uint32_t look = bucketLook[b];  // material index, blended in the top bit
          if ((look >> 31) != static_cast<uint32_t>(blendPass)) continue;
          InstanceRecord& r = out[offsets[b]++];
          r.model = matrices[2 * item];
          r.normal = matrices[2 * item + 1];
          r.info = glm::uvec4(look & 0x7FFFFFFFU, 0U, 0U, 0U);
        }
      }
    }
    // offsets[] now point one past each run; step them back to the run starts.
    for (uint32_t b : drawOrder) offsets[b] -= counts[b];
    stats.instancesDrawn = static_cast<uint32_t>(visible.size());
    stats.instancesTotal = static_cast<uint32_t>(instances.size());
    return total;
  }

  // Indirect commands for this frame, grouped into runs that share pipeline and texture set:
  // each run is one multi-draw indirect call; untextured products of all models share a run.
  void buildRuns(FrameSlot& s, FrameStats& stats) {
    runs.clear();
    ensureIndirectCapacity(s, buckets.size());
    auto* commands = static_cast<VkDrawIndexedIndirectCommand*>(s.indirect.mapped());
    uint32_t written = 0;
    for (uint32_t b : drawOrder) {
      if (counts[b] == 0) continue;
      const Bucket& bucket = buckets[b];
      const VkPipeline pipeline = pipelines->get(bucket.alphaMode, bucket.doubleSided);
      if (runs.empty() || runs.back().pipeline != pipeline ||
          runs.back().textures != bucket.textures) {
        runs.push_back({pipeline, bucket.textures, written, 0});
      }
      const auto& prim = bucket.range;
      commands[written++] = {prim.indexCount, counts[b], prim.firstIndex, prim.vertexOffset,
                             offsets[b]};
      ++runs.back().count;
      stats.triangles += uint64_t{prim.indexCount / 3} * counts[b];
    }
    stats.drawCommands = written;
  }

  void record(FrameSlot& s, const TargetImage& image, const RenderTarget& target,
              FrameStats& stats) {
    VkCommandBuffer cmd = s.cmd;
    const VkExtent2D extent = target.extent();
    const VkPipelineStageFlags2 colorStage = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT;
    const VkPipelineStageFlags2 depthStages =
        VK_PIPELINE_STAGE_2_EARLY_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_2_LATE_FRAGMENT_TESTS_BIT;
    // Previous contents are not needed: clear every frame, so UNDEFINED is the old layout.
    transitionImage(cmd, image.image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                    VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, colorStage, 0, colorStage,
                    VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT);
    if (msaaColor) {
      // Shared by frames in flight: wait for the previous frame's writes (and, in view-loop mode,
      // its resolve reads) before this frame's clear.
      transitionImage(cmd, msaaColor.handle(), VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                      VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                      colorStage | VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                      VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT, colorStage,
                      VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT);
    }
    transitionImage(cmd, depth.handle(), VK_IMAGE_ASPECT_DEPTH_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                    VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL, depthStages,
                    VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT, depthStages,
                    VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_READ_BIT |
                        VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT);
    // The target's own depth (OpenXR depth submission): written directly at one sample, or
    // resolved into (sample zero) from the MSAA depth.
    // A multisample resolve (depth's too) writes in the colour-output stage as a colour
    // attachment write, so that stage and access join the depth tests' here.
    const bool targetDepth = image.depthImage != VK_NULL_HANDLE;
    if (targetDepth) {
      const VkPipelineStageFlags2 stages = depthStages | colorStage;
      const VkAccessFlags2 writes =
          VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT | VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT;
      transitionImage(cmd, image.depthImage, VK_IMAGE_ASPECT_DEPTH_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                      VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL, stages, writes, stages,
                      writes | VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_READ_BIT);
    }

    buildRuns(s, stats);
    // Two views: one multiview pass, or (viewLoop) one pass per layer with the view index in a
    // push constant.
    const uint32_t viewCount = target.viewCount();
    const bool loop = viewLoop && viewCount > 1;
    const uint32_t passes = loop ? viewCount : 1;
    for (uint32_t pass = 0; pass < passes; ++pass) {
      const VkImageView targetView = loop ? image.layerViews[pass] : image.view;
      VkRenderingAttachmentInfo color =
          vkStruct<VkRenderingAttachmentInfo>(VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO);
      color.imageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
      color.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
      const glm::vec4& c = options.clearColor;
      color.clearValue.color = {{c.r, c.g, c.b, c.a}};
      if (msaaColor && loop) {
        color.imageView = msaaColor.layerView(pass);
        color.storeOp = VK_ATTACHMENT_STORE_OP_STORE;  // resolved after the passes
      } else if (msaaColor) {
        color.imageView = msaaColor.view();
        color.storeOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;  // only the resolve is kept
        color.resolveMode = VK_RESOLVE_MODE_AVERAGE_BIT;
        color.resolveImageView = targetView;
        color.resolveImageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
      } else {
        color.imageView = targetView;
        color.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
      }
      VkRenderingAttachmentInfo depthInfo =
          vkStruct<VkRenderingAttachmentInfo>(VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO);
      depthInfo.imageView = loop ? depth.layerView(pass) : depth.view();
      depthInfo.imageLayout = VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL;
      depthInfo.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
      depthInfo.storeOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
      if (targetDepth) {
        const VkImageView targetDepthView = loop ? image.depthLayerViews[pass] : image.depthView;
        if (samples == VK_SAMPLE_COUNT_1_BIT) {
          depthInfo.imageView = targetDepthView;
          depthInfo.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
        } else {
          depthInfo.resolveMode = VK_RESOLVE_MODE_SAMPLE_ZERO_BIT;
          depthInfo.resolveImageView = targetDepthView;
          depthInfo.resolveImageLayout = VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL;
        }
      }
      depthInfo.clearValue.depthStencil = {1.0F, 0};

      auto rendering = vkStruct<VkRenderingInfo>(VK_STRUCTURE_TYPE_RENDERING_INFO);
      rendering.renderArea = {{0, 0}, extent};
      rendering.layerCount = 1;
      rendering.viewMask = !loop && viewCount > 1 ? (1U << viewCount) - 1U : 0U;
      rendering.colorAttachmentCount = 1;
      rendering.pColorAttachments = &color;
      rendering.pDepthAttachment = &depthInfo;
      vkCmdBeginRendering(cmd, &rendering);

      const VkViewport viewport{
          0.0F, 0.0F, static_cast<float>(extent.width), static_cast<float>(extent.height),
          0.0F, 1.0F};
      const VkRect2D scissor{{0, 0}, extent};
      vkCmdSetViewport(cmd, 0, 1, &viewport);
      vkCmdSetScissor(cmd, 0, 1, &scissor);
      vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipelineLayout, 0, 1, &s.set, 0,
                              nullptr);
      const int32_t viewOffset = static_cast<int32_t>(pass);
      vkCmdPushConstants(cmd, pipelineLayout,
                         VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                         sizeof(viewOffset), &viewOffset);
      if (!runs.empty()) {
        const VkBuffer vb = arena->vertexBuffer();
        const VkDeviceSize zero = 0;
        vkCmdBindVertexBuffers(cmd, 0, 1, &vb, &zero);
        vkCmdBindIndexBuffer(cmd, arena->indexBuffer(), 0, VK_INDEX_TYPE_UINT32);
      }
      VkPipeline boundPipeline = VK_NULL_HANDLE;
      VkDescriptorSet boundSet = VK_NULL_HANDLE;
      for (const Run& run : runs) {
        if (run.pipeline != boundPipeline) {
          vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, run.pipeline);
          boundPipeline = run.pipeline;
        }
        if (run.textures != boundSet) {
          vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipelineLayout, 1, 1,
                                  &run.textures, 0, nullptr);
          boundSet = run.textures;
        }
        vkCmdDrawIndexedIndirect(cmd, s.indirect.handle(),
                                 VkDeviceSize{run.first} * sizeof(VkDrawIndexedIndirectCommand),
                                 run.count, sizeof(VkDrawIndexedIndirectCommand));
        ++stats.drawCalls;
      }
      vkCmdEndRendering(cmd);
    }
    if (msaaColor && loop) resolveLayers(cmd, image.image, target);
  }

  // MSAA image (all layers) -> target image, then back to COLOR_ATTACHMENT_OPTIMAL, the layout
  // RenderTarget::recordFinish expects.
  void resolveLayers(VkCommandBuffer cmd, VkImage targetImage, const RenderTarget& target) {
    const VkPipelineStageFlags2 colorStage = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT;
    transitionImage(cmd, msaaColor.handle(), VK_IMAGE_ASPECT_COLOR_BIT,
                    VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                    colorStage, VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT,
                    VK_PIPELINE_STAGE_2_TRANSFER_BIT, VK_ACCESS_2_TRANSFER_READ_BIT);
    transitionImage(cmd, targetImage, VK_IMAGE_ASPECT_COLOR_BIT,
                    VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                    colorStage, VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT,
                    VK_PIPELINE_STAGE_2_TRANSFER_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT);
    std::vector<VkImageResolve> regions(target.viewCount());
    for (uint32_t layer = 0; layer < target.viewCount(); ++layer) {
      VkImageResolve& r = regions[layer];
      r = {};
      r.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, layer, 1};
      r.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, layer, 1};
      r.extent = {target.extent().width, target.extent().height, 1};
    }
    vkCmdResolveImage(cmd, msaaColor.handle(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, targetImage,
                      VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, static_cast<uint32_t>(regions.size()),
                      regions.data());
    transitionImage(cmd, targetImage, VK_IMAGE_ASPECT_COLOR_BIT,
                    VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                    VK_PIPELINE_STAGE_2_TRANSFER_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT, colorStage,
                    VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT);
  }

  // The scene's colour writes (attachment store or resolve) made visible to an overlay that loads
  // and draws over the image in the same layout.
  static void overlayBarrier(VkCommandBuffer cmd) {
    auto barrier = vkStruct<VkMemoryBarrier2>(VK_STRUCTURE_TYPE_MEMORY_BARRIER_2);
    barrier.srcStageMask = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT;
    barrier.srcAccessMask = VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT;
    barrier.dstStageMask = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT;
    barrier.dstAccessMask =
        VK_ACCESS_2_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT;
    auto dep = vkStruct<VkDependencyInfo>(VK_STRUCTURE_TYPE_DEPENDENCY_INFO);
    dep.memoryBarrierCount = 1;
    dep.pMemoryBarriers = &barrier;
    vkCmdPipelineBarrier2(cmd, &dep);
  }

  FrameStats render(const Scene& scene, std::span<const View> views, RenderTarget& target,
                    Overlay* overlay) {
    VRM_CHECK(views.size() == target.viewCount(),
              "render: pass as many views as the target has (1 or 2)");
    VRM_CHECK(overlay == nullptr || target.viewCount() == 1,
              "render: an overlay needs a one-view target");
    FrameStats stats;
    stats.frame = frameNumber;
    const size_t slotIndex = frameNumber % slots.size();
    FrameSlot& s = slots[slotIndex];

    const auto waitStart = Clock::now();
    VRM_VK_CHECK(vkWaitForFences(device, 1, &s.fence, VK_TRUE, UINT64_MAX));
    // Acquiring may block too (swapchain FIFO, xrWaitSwapchainImage): count it as waiting.
    const TargetImage image = target.acquire();
    stats.waitMs = msSince(waitStart);

    const auto start = Clock::now();
    deleter.collect(slotIndex);
    ensureTargetResources(target);

    writeUniforms(s, scene, views);
    batch(s, scene, views, stats);

    VRM_VK_CHECK(vkResetCommandPool(device, s.pool, 0));
    auto begin = vkStruct<VkCommandBufferBeginInfo>(VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO);
    begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    VRM_VK_CHECK(vkBeginCommandBuffer(s.cmd, &begin));
    record(s, image, target, stats);
    if (overlay != nullptr) {
      overlayBarrier(s.cmd);
      OverlayTarget o;
      o.image = image;
      o.format = target.format();
      o.extent = target.extent();
      o.imageGeneration = target.imageGeneration();
      o.deleter = &deleter;
      o.frameSlot = slotIndex;
      overlay->record(s.cmd, o);
    }
    target.recordFinish(s.cmd, image);
    VRM_VK_CHECK(vkEndCommandBuffer(s.cmd));

    VRM_VK_CHECK(vkResetFences(device, 1, &s.fence));
    const VkPipelineStageFlags waitStage = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
    auto submit = vkStruct<VkSubmitInfo>(VK_STRUCTURE_TYPE_SUBMIT_INFO);
    if (image.waitSemaphore != VK_NULL_HANDLE) {
      submit.waitSemaphoreCount = 1;
      submit.pWaitSemaphores = &image.waitSemaphore;
      submit.pWaitDstStageMask = &waitStage;
    }
    submit.commandBufferCount = 1;
    submit.pCommandBuffers = &s.cmd;
    if (image.signalSemaphore != VK_NULL_HANDLE) {
      submit.signalSemaphoreCount = 1;
      submit.pSignalSemaphores = &image.signalSemaphore;
    }
    VRM_VK_CHECK(vkQueueSubmit(context.queue(), 1, &submit, s.fence));
    stats.cpuMs = msSince(start);
    // Presenting can block (software presentation copies the finished image): not CPU work.
    const auto presentStart = Clock::now();
    target.present(image);
    stats.waitMs += msSince(presentStart);
    ++frameNumber;
    return stats;
  }
};

Renderer::Renderer(Context& context, const RendererOptions& options)
    : impl_(std::make_unique<Impl>(context, options)) {}

Renderer::~Renderer() = default;

ModelId Renderer::addModel(const ModelData& model) {
  // Loading stalls the GPU: the material table and descriptor sets that frames in flight read
  // are rewritten. (Streaming models in would need update-after-bind descriptors.)
  VRM_VK_CHECK(vkDeviceWaitIdle(impl_->device));
  impl_->deleter.collectAll();
  const size_t materialsBefore = impl_->materialTable.size();
  try {
    impl_->models.push_back(std::make_unique<GpuModel>(impl_->context, model, impl_->materialSetup,
                                                       *impl_->arena, impl_->deleter,
                                                       impl_->lastSubmittedSlot()));
  } catch (...) {
    impl_->materialTable.resize(materialsBefore);
    throw;
  }
  impl_->uploadMaterials();
  impl_->rebuildBuckets();
  return static_cast<ModelId>(impl_->models.size() - 1);
}

void Renderer::removeModel(ModelId id) {
  VRM_CHECK(id < impl_->models.size() && impl_->models[id], "removeModel: no such model");
  impl_->deleter.retire(impl_->lastSubmittedSlot(), std::move(impl_->models[id]));
  impl_->models[id].reset();
  impl_->rebuildBuckets();
}

ModelInfo Renderer::modelInfo(ModelId id) const {
  VRM_CHECK(id < impl_->models.size() && impl_->models[id], "modelInfo: no such model");
  const GpuModel& m = *impl_->models[id];
  return {m.name(), m.bounds(), m.variants(), m.triangleCount(), m.items().size()};
}

const Bounds& Renderer::modelBounds(ModelId id) const {
  VRM_CHECK(id < impl_->models.size() && impl_->models[id], "modelBounds: no such model");
  return impl_->models[id]->bounds();
}

bool Renderer::drawsViewsOneByOne() const {
  return impl_->viewLoop;
}

size_t Renderer::modelCount() const {
  return impl_->models.size();
}

FrameStats Renderer::render(const Scene& scene, std::span<const View> views, RenderTarget& target,
                            Overlay* overlay) {
  return impl_->render(scene, views, target, overlay);
}

void Renderer::waitIdle() {
  VRM_VK_CHECK(vkDeviceWaitIdle(impl_->device));
  impl_->deleter.collectAll();
}

}  // namespace vrmall::engine
