#include "vrmall/engine/gpu_image.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <utility>

#include "vrmall/engine/context.h"
#include "vrmall/engine/gpu_buffer.h"
#include "vrmall/engine/vk_check.h"
#include "vrmall/engine/vk_struct.h"

namespace vrmall::engine {

GpuImage::GpuImage(const Context& context, const ImageDesc& desc)
    : device_(context.device()), desc_(desc) {
  auto info = vkStruct<VkImageCreateInfo>(VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO);
  info.imageType = VK_IMAGE_TYPE_2D;
  info.format = desc.format;
  info.extent = {desc.extent.width, desc.extent.height, 1};
  info.mipLevels = desc.mipLevels;
  info.arrayLayers = desc.layers;
  info.samples = desc.samples;
  info.tiling = VK_IMAGE_TILING_OPTIMAL;
  info.usage = desc.usage;
  info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  info.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  VRM_VK_CHECK(vkCreateImage(device_, &info, nullptr, &image_));
  try {
    VkMemoryRequirements req;
    vkGetImageMemoryRequirements(device_, image_, &req);
    auto alloc = vkStruct<VkMemoryAllocateInfo>(VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO);
    alloc.allocationSize = req.size;
    alloc.memoryTypeIndex =
        context.findMemoryType(req.memoryTypeBits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
    VRM_VK_CHECK(vkAllocateMemory(device_, &alloc, nullptr, &memory_));
    VRM_VK_CHECK(vkBindImageMemory(device_, image_, memory_, 0));

    auto view = vkStruct<VkImageViewCreateInfo>(VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO);
    view.image = image_;
    view.viewType = desc.layers > 1 ? VK_IMAGE_VIEW_TYPE_2D_ARRAY : VK_IMAGE_VIEW_TYPE_2D;
    view.format = desc.format;
    view.subresourceRange = {desc.aspect, 0, desc.mipLevels, 0, desc.layers};
    VRM_VK_CHECK(vkCreateImageView(device_, &view, nullptr, &view_));
    VRM_CHECK(desc.layers <= 2, "GpuImage supports at most two layers");
    if (desc.layers > 1 && desc.mipLevels == 1) {
      for (uint32_t layer = 0; layer < desc.layers; ++layer) {
        view.viewType = VK_IMAGE_VIEW_TYPE_2D;
        view.subresourceRange = {desc.aspect, 0, 1, layer, 1};
        VRM_VK_CHECK(vkCreateImageView(device_, &view, nullptr, &layerViews_[layer]));
      }
    }
  } catch (...) {
    release();
    throw;
  }
}

GpuImage::~GpuImage() {
  release();
}

GpuImage::GpuImage(GpuImage&& other) noexcept {
  *this = std::move(other);
}

GpuImage& GpuImage::operator=(GpuImage&& other) noexcept {
  if (this != &other) {
    release();
    device_ = std::exchange(other.device_, VK_NULL_HANDLE);
    image_ = std::exchange(other.image_, VK_NULL_HANDLE);
    memory_ = std::exchange(other.memory_, VK_NULL_HANDLE);
    view_ = std::exchange(other.view_, VK_NULL_HANDLE);
    layerViews_[0] = std::exchange(other.layerViews_[0], VK_NULL_HANDLE);
    layerViews_[1] = std::exchange(other.layerViews_[1], VK_NULL_HANDLE);
    desc_ = other.desc_;
  }
  return *this;
}

void GpuImage::release() {
  if (device_ == VK_NULL_HANDLE) return;
  for (VkImageView& v : layerViews_) {
    if (v != VK_NULL_HANDLE) vkDestroyImageView(device_, v, nullptr);
    v = VK_NULL_HANDLE;
  }
  if (view_ != VK_NULL_HANDLE) vkDestroyImageView(device_, view_, nullptr);
  if (image_ != VK_NULL_HANDLE) vkDestroyImage(device_, image_, nullptr);
  if (memory_ != VK_NULL_HANDLE) vkFreeMemory(device_, memory_, nullptr);
  view_ = VK_NULL_HANDLE;
  image_ = VK_NULL_HANDLE;
  memory_ = VK_NULL_HANDLE;
  device_ = VK_NULL_HANDLE;
}

void transitionImage(VkCommandBuffer cmd, VkImage image, VkImageAspectFlags aspect,
                     VkImageLayout from, VkImageLayout to, VkPipelineStageFlags2 srcStage,
                     VkAccessFlags2 srcAccess, VkPipelineStageFlags2 dstStage,
                     VkAccessFlags2 dstAccess, uint32_t baseMip, uint32_t mipCount) {
  auto barrier = vkStruct<VkImageMemoryBarrier2>(VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER_2);
  barrier.srcStageMask = srcStage;
  barrier.srcAccessMask = srcAccess;
  barrier.dstStageMask = dstStage;
  barrier.dstAccessMask = dstAccess;
  barrier.oldLayout = from;
  barrier.newLayout = to;
  barrier.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  barrier.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  barrier.image = image;
  barrier.subresourceRange = {aspect, baseMip, mipCount, 0, VK_REMAINING_ARRAY_LAYERS};
  auto dep = vkStruct<VkDependencyInfo>(VK_STRUCTURE_TYPE_DEPENDENCY_INFO);
  dep.imageMemoryBarrierCount = 1;
  dep.pImageMemoryBarriers = &barrier;
  vkCmdPipelineBarrier2(cmd, &dep);
}

GpuImage GpuImage::texture2D(const Context& context, const uint8_t* rgba, uint32_t width,
                             uint32_t height, bool srgb) {
  ImageDesc desc;
  desc.extent = {width, height};
  desc.format = srgb ? VK_FORMAT_R8G8B8A8_SRGB : VK_FORMAT_R8G8B8A8_UNORM;
  desc.mipLevels = static_cast<uint32_t>(std::bit_width(std::max(width, height)));
  desc.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT |
               VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
  GpuImage image(context, desc);

  const size_t bytes = static_cast<size_t>(width) * height * 4;
  GpuBuffer staging(context, bytes, VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
                    GpuBuffer::Memory::HostVisible);
  std::memcpy(staging.mapped(), rgba, bytes);

  const VkImage img = image.handle();
  context.submitAndWait([&](VkCommandBuffer cmd) {
    transitionImage(cmd, img, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                    VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_PIPELINE_STAGE_2_NONE, 0,
                    VK_PIPELINE_STAGE_2_TRANSFER_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT);
    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.imageExtent = {width, height, 1};
    vkCmdCopyBufferToImage(cmd, staging.handle(), img, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1,
                           &region);
    // Mips by successive linear blits: level i-1 (now TRANSFER_SRC) -> level i.
    int32_t w = static_cast<int32_t>(width);
    int32_t h = static_cast<int32_t>(height);
    for (uint32_t level = 1; level < desc.mipLevels; ++level) {
      transitionImage(cmd, img, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                      VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                      VK_ACCESS_2_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                      VK_ACCESS_2_TRANSFER_READ_BIT, level - 1, 1);
      const int32_t nw = std::max(1, w / 2);
      const int32_t nh = std::max(1, h / 2);
      VkImageBlit blit{};
      blit.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, level - 1, 0, 1};
      blit.srcOffsets[1] = {w, h, 1};
      blit.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, level, 0, 1};
      blit.dstOffsets[1] = {nw, nh, 1};
      vkCmdBlitImage(cmd, img, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, img,
                     VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &blit, VK_FILTER_LINEAR);
      w = nw;
      h = nh;
    }
    // All but the last level are TRANSFER_SRC now; the last is TRANSFER_DST.
    if (desc.mipLevels > 1) {
      transitionImage(cmd, img, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                      VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                      VK_ACCESS_2_TRANSFER_READ_BIT, VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT,
                      VK_ACCESS_2_SHADER_SAMPLED_READ_BIT, 0, desc.mipLevels - 1);
    }
    transitionImage(cmd, img, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                    VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                    VK_ACCESS_2_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT,
                    VK_ACCESS_2_SHADER_SAMPLED_READ_BIT, desc.mipLevels - 1, 1);
  });
  return image;
}

}  // namespace vrmall::engine
