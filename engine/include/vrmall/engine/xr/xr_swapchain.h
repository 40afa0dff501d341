// One OpenXR swapchain of Vulkan images (colour or depth, one or two array layers) with an image
// view per image (all layers, and one per layer for the renderer's per-view loop). Acquire and
// wait before recording, release after the frame's submit: the runtime then owns the image.
#pragma once

#include <vulkan/vulkan.h>
// clang-format off
#define XR_USE_GRAPHICS_API_VULKAN
#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>
// clang-format on

#include <cstdint>
#include <vector>

namespace vrmall::engine {
class Context;
}

namespace vrmall::engine::xr {

struct SwapchainDesc {
  VkExtent2D extent{0, 0};
  VkFormat format = VK_FORMAT_UNDEFINED;
  uint32_t layers = 1;  // 2: both eyes in one array swapchain
  bool depth = false;
  XrSwapchainUsageFlags usage = 0;
};

class Swapchain {
 public:
  Swapchain(XrSession session, const Context& context, const SwapchainDesc& desc);
  ~Swapchain();
  Swapchain(const Swapchain&) = delete;
  Swapchain& operator=(const Swapchain&) = delete;

  // xrAcquireSwapchainImage + xrWaitSwapchainImage; returns the image index.
  uint32_t acquire();
  void release();

  XrSwapchain handle() const { return swapchain_; }
  const SwapchainDesc& desc() const { return desc_; }
  VkImage image(uint32_t index) const { return images_[index].image; }
  VkImageView view(uint32_t index) const { return views_[index].all; }
  VkImageView layerView(uint32_t index, uint32_t layer) const {
    return desc_.layers > 1 ? views_[index].layer[layer] : views_[index].all;
  }
  uint32_t imageCount() const { return static_cast<uint32_t>(images_.size()); }

  // The runtime's formats for this session (int64 VkFormat values), in its order of preference.
  static std::vector<int64_t> formats(XrSession session);
  // The first of `preferred` the runtime offers, or VK_FORMAT_UNDEFINED.
  static VkFormat choose(const std::vector<int64_t>& offered,
                         const std::vector<VkFormat>& preferred);

 private:
  struct Views {
    VkImageView all = VK_NULL_HANDLE;
    VkImageView layer[2] = {VK_NULL_HANDLE, VK_NULL_HANDLE};
  };
  void destroy();

  VkDevice device_;
  SwapchainDesc desc_;
  XrSwapchain swapchain_ = XR_NULL_HANDLE;
  std::vector<XrSwapchainImageVulkan2KHR> images_;
  std::vector<Views> views_;
  bool acquired_ = false;
};

}  // namespace vrmall::engine::xr
