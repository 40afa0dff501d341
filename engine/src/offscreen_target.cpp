#include "vrmall/engine/offscreen_target.h"

#include <cstring>

#include "vrmall/engine/context.h"
#include "vrmall/engine/vk_check.h"
#include "vrmall/engine/vk_struct.h"

namespace vrmall::engine {

OffscreenTarget::OffscreenTarget(const Context& context, VkExtent2D extent, uint32_t viewCount,
                                 uint32_t imageCount)
    : extent_(extent), viewCount_(viewCount) {
  VRM_CHECK(viewCount == 1 || viewCount == 2, "a render target has one or two views");
  VRM_CHECK(extent.width > 0 && extent.height > 0 && extent.width <= 8192 && extent.height <= 8192,
            "offscreen target size must be 1..8192");
  const VkDeviceSize layerBytes = VkDeviceSize{extent.width} * extent.height * 4;
  for (uint32_t i = 0; i < imageCount; ++i) {
    ImageDesc desc;
    desc.extent = extent;
    desc.format = format();
    desc.layers = viewCount;
    // TRANSFER_DST: the renderer's view loop resolves MSAA layers into it with a copy command.
    desc.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT |
                 VK_IMAGE_USAGE_TRANSFER_DST_BIT;
    slots_.push_back({GpuImage(context, desc),
                      GpuBuffer(context, layerBytes * viewCount, VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                                GpuBuffer::Memory::HostVisible)});
  }
}

TargetImage OffscreenTarget::acquire() {
  TargetImage t;
  t.index = next_;
  t.image = slots_[next_].image.handle();
  t.view = slots_[next_].image.view();
  t.layerViews[0] = slots_[next_].image.layerView(0);
  t.layerViews[1] = viewCount_ > 1 ? slots_[next_].image.layerView(1) : VK_NULL_HANDLE;
  last_ = next_;
  next_ = (next_ + 1) % static_cast<uint32_t>(slots_.size());
  return t;
}

void OffscreenTarget::recordFinish(VkCommandBuffer cmd, const TargetImage& image) {
  transitionImage(cmd, image.image, VK_IMAGE_ASPECT_COLOR_BIT,
                  VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                  VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                  VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT, VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                  VK_ACCESS_2_TRANSFER_READ_BIT);
  VkBufferImageCopy region{};
  region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, viewCount_};
  region.imageExtent = {extent_.width, extent_.height, 1};
  vkCmdCopyImageToBuffer(cmd, image.image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                         slots_[image.index].readback.handle(), 1, &region);
  // Make the copy visible to the host once the frame's fence signals.
  auto barrier = vkStruct<VkMemoryBarrier2>(VK_STRUCTURE_TYPE_MEMORY_BARRIER_2);
  barrier.srcStageMask = VK_PIPELINE_STAGE_2_TRANSFER_BIT;
  barrier.srcAccessMask = VK_ACCESS_2_TRANSFER_WRITE_BIT;
  barrier.dstStageMask = VK_PIPELINE_STAGE_2_HOST_BIT;
  barrier.dstAccessMask = VK_ACCESS_2_HOST_READ_BIT;
  auto dep = vkStruct<VkDependencyInfo>(VK_STRUCTURE_TYPE_DEPENDENCY_INFO);
  dep.memoryBarrierCount = 1;
  dep.pMemoryBarriers = &barrier;
  vkCmdPipelineBarrier2(cmd, &dep);
}

std::vector<uint8_t> OffscreenTarget::readPixels(uint32_t index, uint32_t view) const {
  VRM_CHECK(index < slots_.size() && view < viewCount_, "readPixels: no such image or view");
  const size_t layerBytes = size_t{extent_.width} * extent_.height * 4;
  std::vector<uint8_t> pixels(layerBytes);
  const auto* src = static_cast<const uint8_t*>(slots_[index].readback.mapped());
  std::memcpy(pixels.data(), src + layerBytes * view, layerBytes);
  return pixels;
}

}  // namespace vrmall::engine
