// A VkImage with its memory and one view over all its layers and mips. Move-only RAII, like
// GpuBuffer. Used for textures, MSAA/depth attachments and offscreen render targets.
#pragma once

#include <vulkan/vulkan.h>

#include <cstdint>

namespace vrmall::engine {

class Context;

struct ImageDesc {
  VkExtent2D extent{1, 1};
  VkFormat format = VK_FORMAT_R8G8B8A8_UNORM;
  VkImageUsageFlags usage = VK_IMAGE_USAGE_SAMPLED_BIT;
  uint32_t mipLevels = 1;
  uint32_t layers = 1;  // 2 for a two-view (multiview) target; at most 2
  VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
  VkImageAspectFlags aspect = VK_IMAGE_ASPECT_COLOR_BIT;
};

class GpuImage {
 public:
  GpuImage() = default;
  GpuImage(const Context& context, const ImageDesc& desc);
  ~GpuImage();
  GpuImage(GpuImage&& other) noexcept;
  GpuImage& operator=(GpuImage&& other) noexcept;
  GpuImage(const GpuImage&) = delete;
  GpuImage& operator=(const GpuImage&) = delete;

  VkImage handle() const { return image_; }
  // 2D view for one layer, 2D_ARRAY view when the image has several (multiview rendering).
  VkImageView view() const { return view_; }
  // 2D view of one array layer (for rendering the views of a 2-layer image one at a time).
  VkImageView layerView(uint32_t layer) const {
    return desc_.layers > 1 ? layerViews_[layer] : view_;
  }
  const ImageDesc& desc() const { return desc_; }
  explicit operator bool() const { return image_ != VK_NULL_HANDLE; }

  // Sampled RGBA8 texture with a full mip chain made by blits. `srgb` picks the _SRGB format
  // for colour data (base colour, emissive) so sampling returns linear values.
  static GpuImage texture2D(const Context& context, const uint8_t* rgba, uint32_t width,
                            uint32_t height, bool srgb);

 private:
  void release();

  VkDevice device_ = VK_NULL_HANDLE;
  VkImage image_ = VK_NULL_HANDLE;
  VkDeviceMemory memory_ = VK_NULL_HANDLE;
  VkImageView view_ = VK_NULL_HANDLE;
  VkImageView layerViews_[2] = {VK_NULL_HANDLE, VK_NULL_HANDLE};
  ImageDesc desc_{};
};

// Record a layout transition of all mips/layers with a synchronization2 barrier.
void transitionImage(VkCommandBuffer cmd, VkImage image, VkImageAspectFlags aspect,
                     VkImageLayout from, VkImageLayout to, VkPipelineStageFlags2 srcStage,
                     VkAccessFlags2 srcAccess, VkPipelineStageFlags2 dstStage,
                     VkAccessFlags2 dstAccess, uint32_t baseMip = 0,
                     uint32_t mipCount = VK_REMAINING_MIP_LEVELS);

}  // namespace vrmall::engine
