#include "vrmall/engine/xr/swapchain_target.h"

#include <cstring>

#include "vrmall/engine/context.h"
#include "vrmall/engine/gpu_image.h"
#include "vrmall/engine/vk_check.h"
#include "vrmall/engine/vk_struct.h"

namespace vrmall::engine::xr {
namespace {

bool eightBit(VkFormat f) {
  return f == VK_FORMAT_R8G8B8A8_SRGB || f == VK_FORMAT_B8G8R8A8_SRGB ||
         f == VK_FORMAT_R8G8B8A8_UNORM || f == VK_FORMAT_B8G8R8A8_UNORM;
}

}  // namespace

SwapchainTarget::SwapchainTarget(const Context& context, std::unique_ptr<Swapchain> color,
                                 std::unique_ptr<Swapchain> depth)
    : context_(context), color_(std::move(color)), depth_(std::move(depth)) {
  VRM_CHECK(color_ != nullptr, "a swapchain target needs a colour swapchain");
  VRM_CHECK(!depth_ || (depth_->desc().layers == color_->desc().layers &&
                        depth_->desc().extent.width == color_->desc().extent.width &&
                        depth_->desc().extent.height == color_->desc().extent.height),
            "the depth swapchain must match the colour swapchain's size and layers");
}

TargetImage SwapchainTarget::acquire() {
  TargetImage t;
  t.index = color_->acquire();
  t.image = color_->image(t.index);
  t.view = color_->view(t.index);
  t.layerViews[0] = color_->layerView(t.index, 0);
  t.layerViews[1] = viewCount() > 1 ? color_->layerView(t.index, 1) : VK_NULL_HANDLE;
  if (depth_) {
    uint32_t d = 0;
    try {
      d = depth_->acquire();
    } catch (...) {
      color_->release();  // never leave an image acquired: the next acquire would fail
      depth_->release();
      throw;
    }
    t.depthImage = depth_->image(d);
    t.depthView = depth_->view(d);
    t.depthLayerViews[0] = depth_->layerView(d, 0);
    t.depthLayerViews[1] = viewCount() > 1 ? depth_->layerView(d, 1) : VK_NULL_HANDLE;
  }
  return t;
}

void SwapchainTarget::recordFinish(VkCommandBuffer cmd, const TargetImage& image) {
  constexpr VkPipelineStageFlags2 kColorStage = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT;
  captureRecorded_ = false;
  if (captureRequested_ && eightBit(format())) {
    const VkExtent2D e = extent();
    const VkDeviceSize bytes = VkDeviceSize{e.width} * e.height * 4 * viewCount();
    if (!captureBuffer_ || captureBuffer_.size() < bytes) {
      // Created between frames; the previous capture (if any) was already taken and waited for.
      captureBuffer_ = GpuBuffer(context_, bytes, VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                                 GpuBuffer::Memory::HostVisible);
    }
    transitionImage(cmd, image.image, VK_IMAGE_ASPECT_COLOR_BIT,
                    VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                    kColorStage, VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT,
                    VK_PIPELINE_STAGE_2_TRANSFER_BIT, VK_ACCESS_2_TRANSFER_READ_BIT);
    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, viewCount()};
    region.imageExtent = {e.width, e.height, 1};
    vkCmdCopyImageToBuffer(cmd, image.image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                           captureBuffer_.handle(), 1, &region);
    // Back to what the runtime expects at release.
    transitionImage(cmd, image.image, VK_IMAGE_ASPECT_COLOR_BIT,
                    VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                    VK_PIPELINE_STAGE_2_TRANSFER_BIT, VK_ACCESS_2_TRANSFER_READ_BIT, kColorStage,
                    VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT);
    auto barrier = vkStruct<VkMemoryBarrier2>(VK_STRUCTURE_TYPE_MEMORY_BARRIER_2);
    barrier.srcStageMask = VK_PIPELINE_STAGE_2_TRANSFER_BIT;
    barrier.srcAccessMask = VK_ACCESS_2_TRANSFER_WRITE_BIT;
    barrier.dstStageMask = VK_PIPELINE_STAGE_2_HOST_BIT;
    barrier.dstAccessMask = VK_ACCESS_2_HOST_READ_BIT;
    auto dep = vkStruct<VkDependencyInfo>(VK_STRUCTURE_TYPE_DEPENDENCY_INFO);
    dep.memoryBarrierCount = 1;
    dep.pMemoryBarriers = &barrier;
    vkCmdPipelineBarrier2(cmd, &dep);
    captureRequested_ = false;
    captureRecorded_ = true;
  } else {
    // The colour writes done before the runtime reads the image (its own queue work follows
    // ours on the same queue).
    transitionImage(cmd, image.image, VK_IMAGE_ASPECT_COLOR_BIT,
                    VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                    VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, kColorStage,
                    VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT, VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT,
                    VK_ACCESS_2_MEMORY_READ_BIT);
  }
  if (image.depthImage != VK_NULL_HANDLE) {
    constexpr VkPipelineStageFlags2 kDepthStages =
        VK_PIPELINE_STAGE_2_EARLY_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_2_LATE_FRAGMENT_TESTS_BIT;
    transitionImage(
        cmd, image.depthImage, VK_IMAGE_ASPECT_DEPTH_BIT, VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL,
        VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL, kDepthStages | kColorStage,
        // The depth tests' writes, or an MSAA resolve's (a colour-attachment write).
        VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT | VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT,
        VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT, VK_ACCESS_2_MEMORY_READ_BIT);
  }
}

void SwapchainTarget::present(const TargetImage& image) {
  color_->release();
  if (image.depthImage != VK_NULL_HANDLE && depth_) depth_->release();
}

std::vector<RgbaImage> SwapchainTarget::takeCapture() {
  std::vector<RgbaImage> out;
  if (!captureRecorded_ || !captureBuffer_) return out;
  VRM_VK_CHECK(vkQueueWaitIdle(context_.queue()));
  const VkExtent2D e = extent();
  const size_t layerBytes = size_t{e.width} * e.height * 4;
  const bool bgra = format() == VK_FORMAT_B8G8R8A8_SRGB || format() == VK_FORMAT_B8G8R8A8_UNORM;
  const auto* src = static_cast<const uint8_t*>(captureBuffer_.mapped());
  for (uint32_t layer = 0; layer < viewCount(); ++layer) {
    RgbaImage img;
    img.width = e.width;
    img.height = e.height;
    img.pixels.assign(src + layer * layerBytes, src + (layer + 1) * layerBytes);
    for (size_t i = 0; i < img.pixels.size(); i += 4) {
      if (bgra) std::swap(img.pixels[i], img.pixels[i + 2]);
      img.pixels[i + 3] = 255;
    }
    out.push_back(std::move(img));
  }
  captureRecorded_ = false;
  return out;
}

}  // namespace vrmall::engine::xr
