#include "vrmall/engine/overlay_pass.h"

#include <chrono>

#include "vrmall/engine/context.h"
#include "vrmall/engine/gpu_image.h"
#include "vrmall/engine/overlay.h"
#include "vrmall/engine/render_target.h"
#include "vrmall/engine/vk_check.h"
#include "vrmall/engine/vk_struct.h"

namespace vrmall::engine {

OverlayPass::OverlayPass(Context& context, uint32_t framesInFlight)
    : context_(context), slots_(framesInFlight), deleter_(framesInFlight) {
  const VkDevice device = context.device();
  for (Slot& s : slots_) {
    auto pool = vkStruct<VkCommandPoolCreateInfo>(VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO);
    pool.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
    pool.queueFamilyIndex = context.queueFamily();
    VRM_VK_CHECK(vkCreateCommandPool(device, &pool, nullptr, &s.pool));
    auto alloc =
        vkStruct<VkCommandBufferAllocateInfo>(VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO);
    alloc.commandPool = s.pool;
    alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    alloc.commandBufferCount = 1;
    VRM_VK_CHECK(vkAllocateCommandBuffers(device, &alloc, &s.cmd));
    auto fence = vkStruct<VkFenceCreateInfo>(VK_STRUCTURE_TYPE_FENCE_CREATE_INFO);
    fence.flags = VK_FENCE_CREATE_SIGNALED_BIT;
    VRM_VK_CHECK(vkCreateFence(device, &fence, nullptr, &s.fence));
  }
}

OverlayPass::~OverlayPass() {
  const VkDevice device = context_.device();
  vkDeviceWaitIdle(device);
  deleter_.collectAll();
  for (Slot& s : slots_) {
    vkDestroyFence(device, s.fence, nullptr);
    vkDestroyCommandPool(device, s.pool, nullptr);
  }
}

void OverlayPass::waitIdle() {
  VRM_VK_CHECK(vkDeviceWaitIdle(context_.device()));
  deleter_.collectAll();
}

double OverlayPass::render(RenderTarget& target, Overlay& overlay, const glm::vec4& clear) {
  VRM_CHECK(target.viewCount() == 1, "an overlay pass draws into a one-view target");
  const size_t slotIndex = frame_ % slots_.size();
  Slot& s = slots_[slotIndex];
  const VkDevice device = context_.device();
  VRM_VK_CHECK(vkWaitForFences(device, 1, &s.fence, VK_TRUE, UINT64_MAX));
  deleter_.collect(slotIndex);
  const TargetImage image = target.acquire();
  const auto start = std::chrono::steady_clock::now();

  VRM_VK_CHECK(vkResetCommandPool(device, s.pool, 0));
  auto begin = vkStruct<VkCommandBufferBeginInfo>(VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO);
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  VRM_VK_CHECK(vkBeginCommandBuffer(s.cmd, &begin));
  constexpr VkPipelineStageFlags2 kColor = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT;
  transitionImage(s.cmd, image.image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                  VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, kColor, 0, kColor,
                  VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT);
  // The clear as an empty dynamic-rendering pass: the image stays in the attachment layout the
  // overlay wants.
  auto color = vkStruct<VkRenderingAttachmentInfo>(VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO);
  color.imageView = image.view;
  color.imageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  color.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
  color.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
  color.clearValue.color = {{clear.r, clear.g, clear.b, clear.a}};
  auto rendering = vkStruct<VkRenderingInfo>(VK_STRUCTURE_TYPE_RENDERING_INFO);
  rendering.renderArea = {{0, 0}, target.extent()};
  rendering.layerCount = 1;
  rendering.colorAttachmentCount = 1;
  rendering.pColorAttachments = &color;
  vkCmdBeginRendering(s.cmd, &rendering);
  vkCmdEndRendering(s.cmd);
  auto barrier = vkStruct<VkMemoryBarrier2>(VK_STRUCTURE_TYPE_MEMORY_BARRIER_2);
  barrier.srcStageMask = kColor;
  barrier.srcAccessMask = VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT;
  barrier.dstStageMask = kColor;
  barrier.dstAccessMask =
      VK_ACCESS_2_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT;
  auto dep = vkStruct<VkDependencyInfo>(VK_STRUCTURE_TYPE_DEPENDENCY_INFO);
  dep.memoryBarrierCount = 1;
  dep.pMemoryBarriers = &barrier;
  vkCmdPipelineBarrier2(s.cmd, &dep);

  OverlayTarget o;
  o.image = image;
  o.format = target.format();
  o.extent = target.extent();
  o.imageGeneration = target.imageGeneration();
  o.deleter = &deleter_;
  o.frameSlot = slotIndex;
  overlay.record(s.cmd, o);
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
  VRM_VK_CHECK(vkQueueSubmit(context_.queue(), 1, &submit, s.fence));
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  target.present(image);
  ++frame_;
  return ms;
}

}  // namespace vrmall::engine
