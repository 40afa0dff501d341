#include "vrmall/engine/xr/xr_swapchain.h"

#include <algorithm>

#include "vrmall/engine/context.h"
#include "vrmall/engine/vk_check.h"
#include "vrmall/engine/vk_struct.h"
#include "vrmall/engine/xr/xr_check.h"
#include "vrmall/engine/xr/xr_struct.h"

namespace vrmall::engine::xr {

Swapchain::Swapchain(XrSession session, const Context& context, const SwapchainDesc& desc)
    : device_(context.device()), desc_(desc) {
  VRM_CHECK(desc.layers == 1 || desc.layers == 2, "an XR swapchain has one or two layers");
  auto info = xrStruct<XrSwapchainCreateInfo>(XR_TYPE_SWAPCHAIN_CREATE_INFO);
  info.usageFlags = desc.usage;
  info.format = desc.format;
  info.sampleCount = 1;
  info.width = desc.extent.width;
  info.height = desc.extent.height;
  info.faceCount = 1;
  info.arraySize = desc.layers;
  info.mipCount = 1;
  VRM_XR_CHECK(xrCreateSwapchain(session, &info, &swapchain_));
  try {
    uint32_t count = 0;
    VRM_XR_CHECK(xrEnumerateSwapchainImages(swapchain_, 0, &count, nullptr));
    images_.assign(count,
                   xrStruct<XrSwapchainImageVulkan2KHR>(XR_TYPE_SWAPCHAIN_IMAGE_VULKAN2_KHR));
    VRM_XR_CHECK(xrEnumerateSwapchainImages(
        swapchain_, count, &count, reinterpret_cast<XrSwapchainImageBaseHeader*>(images_.data())));
    const VkImageAspectFlags aspect =
        desc.depth ? VK_IMAGE_ASPECT_DEPTH_BIT : VK_IMAGE_ASPECT_COLOR_BIT;
    for (const auto& image : images_) {
      auto make = [&](VkImageViewType type, uint32_t base, uint32_t layers) {
        auto vi = vkStruct<VkImageViewCreateInfo>(VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO);
        vi.image = image.image;
        vi.viewType = type;
        vi.format = desc.format;
        vi.subresourceRange = {aspect, 0, 1, base, layers};
        VkImageView view = VK_NULL_HANDLE;
        VRM_VK_CHECK(vkCreateImageView(device_, &vi, nullptr, &view));
        return view;
      };
      views_.push_back({});
      Views& slot = views_.back();
      slot.all = make(desc.layers > 1 ? VK_IMAGE_VIEW_TYPE_2D_ARRAY : VK_IMAGE_VIEW_TYPE_2D, 0,
                      desc.layers);
      if (desc.layers > 1) {
        for (uint32_t l = 0; l < desc.layers; ++l) {
          slot.layer[l] = make(VK_IMAGE_VIEW_TYPE_2D, l, 1);
        }
      }
    }
  } catch (...) {
    destroy();
    throw;
  }
}

Swapchain::~Swapchain() {
  destroy();
}

void Swapchain::destroy() {
  for (const Views& v : views_) {
    vkDestroyImageView(device_, v.all, nullptr);
    vkDestroyImageView(device_, v.layer[0], nullptr);
    vkDestroyImageView(device_, v.layer[1], nullptr);
  }
  views_.clear();
  if (swapchain_ != XR_NULL_HANDLE) xrDestroySwapchain(swapchain_);
  swapchain_ = XR_NULL_HANDLE;
}

uint32_t Swapchain::acquire() {
  auto acquireInfo = xrStruct<XrSwapchainImageAcquireInfo>(XR_TYPE_SWAPCHAIN_IMAGE_ACQUIRE_INFO);
  uint32_t index = 0;
  VRM_XR_CHECK(xrAcquireSwapchainImage(swapchain_, &acquireInfo, &index));
  acquired_ = true;  // released by release() even if the wait below fails
  auto waitInfo = xrStruct<XrSwapchainImageWaitInfo>(XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO);
  waitInfo.timeout = XR_INFINITE_DURATION;
  VRM_XR_CHECK(xrWaitSwapchainImage(swapchain_, &waitInfo));
  return index;
}

void Swapchain::release() {
  if (!acquired_) return;
  auto releaseInfo = xrStruct<XrSwapchainImageReleaseInfo>(XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO);
  VRM_XR_CHECK(xrReleaseSwapchainImage(swapchain_, &releaseInfo));
  acquired_ = false;
}

std::vector<int64_t> Swapchain::formats(XrSession session) {
  uint32_t count = 0;
  VRM_XR_CHECK(xrEnumerateSwapchainFormats(session, 0, &count, nullptr));
  std::vector<int64_t> formats(count);
  VRM_XR_CHECK(xrEnumerateSwapchainFormats(session, count, &count, formats.data()));
  return formats;
}

VkFormat Swapchain::choose(const std::vector<int64_t>& offered,
                           const std::vector<VkFormat>& preferred) {
  for (VkFormat f : preferred) {
    if (std::find(offered.begin(), offered.end(), static_cast<int64_t>(f)) != offered.end()) {
      return f;
    }
  }
  return VK_FORMAT_UNDEFINED;
}

}  // namespace vrmall::engine::xr
