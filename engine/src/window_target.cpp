#include "vrmall/engine/window_target.h"

#define GLFW_INCLUDE_VULKAN
#include <GLFW/glfw3.h>

#include <algorithm>

#include "vrmall/engine/context.h"
#include "vrmall/engine/gpu_image.h"
#include "vrmall/engine/vk_check.h"
#include "vrmall/engine/vk_struct.h"

namespace vrmall::engine {

std::vector<const char*> WindowTarget::requiredInstanceExtensions() {
  if (glfwInit() != GLFW_TRUE || glfwVulkanSupported() != GLFW_TRUE) return {};
  uint32_t count = 0;
  const char** names = glfwGetRequiredInstanceExtensions(&count);
  return {names, names + count};
}

WindowTarget::WindowTarget(const Context& context, uint32_t width, uint32_t height,
                           const std::string& title, uint32_t framesInFlight)
    : context_(context) {
  VRM_CHECK(glfwInit() == GLFW_TRUE, "GLFW cannot initialise (is there a display? try xvfb-run)");
  glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
  window_ = glfwCreateWindow(static_cast<int>(width), static_cast<int>(height), title.c_str(),
                             nullptr, nullptr);
  VRM_CHECK(window_ != nullptr, "glfwCreateWindow failed");
  try {
    VRM_VK_CHECK(glfwCreateWindowSurface(context.instance(), window_, nullptr, &surface_));
    VkBool32 supported = VK_FALSE;
    VRM_VK_CHECK(vkGetPhysicalDeviceSurfaceSupportKHR(context.physicalDevice(),
                                                      context.queueFamily(), surface_, &supported));
    VRM_CHECK(supported == VK_TRUE, "the graphics queue cannot present to this window");
    auto info = vkStruct<VkSemaphoreCreateInfo>(VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO);
    imageReady_.resize(std::max(1U, framesInFlight));
    for (auto& s : imageReady_)
      VRM_VK_CHECK(vkCreateSemaphore(context.device(), &info, nullptr, &s));
    createSwapchain();
  } catch (...) {
    release();  // the destructor does not run for a throwing constructor
    throw;
  }
}

WindowTarget::~WindowTarget() {
  release();
}

void WindowTarget::release() {
  const VkDevice device = context_.device();
  vkDeviceWaitIdle(device);
  capture_.reset();
  staleCaptures_.clear();
  destroySwapchain();
  for (VkSemaphore s : imageReady_) vkDestroySemaphore(device, s, nullptr);
  imageReady_.clear();
  if (surface_ != VK_NULL_HANDLE) vkDestroySurfaceKHR(context_.instance(), surface_, nullptr);
  surface_ = VK_NULL_HANDLE;
  if (window_ != nullptr) glfwDestroyWindow(window_);
  window_ = nullptr;
}

void WindowTarget::createSwapchain() {
  const VkPhysicalDevice gpu = context_.physicalDevice();
  VkSurfaceCapabilitiesKHR caps;
  VRM_VK_CHECK(vkGetPhysicalDeviceSurfaceCapabilitiesKHR(gpu, surface_, &caps));
  uint32_t formatCount = 0;
  VRM_VK_CHECK(vkGetPhysicalDeviceSurfaceFormatsKHR(gpu, surface_, &formatCount, nullptr));
  std::vector<VkSurfaceFormatKHR> formats(formatCount);
  VRM_VK_CHECK(vkGetPhysicalDeviceSurfaceFormatsKHR(gpu, surface_, &formatCount, formats.data()));
  // An _SRGB format: the shader writes linear colour and the hardware encodes it.
  VkSurfaceFormatKHR chosen{VK_FORMAT_UNDEFINED, VK_COLOR_SPACE_SRGB_NONLINEAR_KHR};
  for (const auto& f : formats) {
    if ((f.format == VK_FORMAT_B8G8R8A8_SRGB || f.format == VK_FORMAT_R8G8B8A8_SRGB) &&
        f.colorSpace == VK_COLOR_SPACE_SRGB_NONLINEAR_KHR) {
      chosen = f;
      break;
    }
  }
  VRM_CHECK(chosen.format != VK_FORMAT_UNDEFINED, "the window offers no sRGB swapchain format");
  format_ = chosen.format;
  renewImageGeneration();  // new images and views: overlays drop framebuffers made for the old
  int w = 0;
  int h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  createdForSize_[0] = w;
  createdForSize_[1] = h;
  extent_ = caps.currentExtent.width != UINT32_MAX
                ? caps.currentExtent
                : VkExtent2D{std::clamp(static_cast<uint32_t>(w), caps.minImageExtent.width,
                                        caps.maxImageExtent.width),
                             std::clamp(static_cast<uint32_t>(h), caps.minImageExtent.height,
                                        caps.maxImageExtent.height)};
  uint32_t imageCount = caps.minImageCount + 1;
  if (caps.maxImageCount > 0) imageCount = std::min(imageCount, caps.maxImageCount);

  auto info = vkStruct<VkSwapchainCreateInfoKHR>(VK_STRUCTURE_TYPE_SWAPCHAIN_CREATE_INFO_KHR);
  info.surface = surface_;
  info.minImageCount = imageCount;
  info.imageFormat = chosen.format;
  info.imageColorSpace = chosen.colorSpace;
  info.imageExtent = extent_;
  info.imageArrayLayers = 1;
  // TRANSFER_SRC for screenshots (requestCapture), where the surface allows it.
  transferSrc_ = (caps.supportedUsageFlags & VK_IMAGE_USAGE_TRANSFER_SRC_BIT) != 0;
  info.imageUsage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT;
  if (transferSrc_) info.imageUsage |= VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
  info.imageSharingMode = VK_SHARING_MODE_EXCLUSIVE;
  info.preTransform = caps.currentTransform;
  info.compositeAlpha = VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR;
  info.presentMode = VK_PRESENT_MODE_FIFO_KHR;  // vsync; always available
  info.clipped = VK_TRUE;
  VRM_VK_CHECK(vkCreateSwapchainKHR(context_.device(), &info, nullptr, &swapchain_));

  uint32_t count = 0;
  VRM_VK_CHECK(vkGetSwapchainImagesKHR(context_.device(), swapchain_, &count, nullptr));
  images_.resize(count);
  VRM_VK_CHECK(vkGetSwapchainImagesKHR(context_.device(), swapchain_, &count, images_.data()));
  auto semaphore = vkStruct<VkSemaphoreCreateInfo>(VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO);
  for (VkImage image : images_) {
    auto view = vkStruct<VkImageViewCreateInfo>(VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO);
    view.image = image;
    view.viewType = VK_IMAGE_VIEW_TYPE_2D;
    view.format = format_;
    view.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
    views_.emplace_back();
    VRM_VK_CHECK(vkCreateImageView(context_.device(), &view, nullptr, &views_.back()));
    renderDone_.emplace_back();
    VRM_VK_CHECK(vkCreateSemaphore(context_.device(), &semaphore, nullptr, &renderDone_.back()));
  }
}

void WindowTarget::destroySwapchain() {
  const VkDevice device = context_.device();
  for (VkImageView v : views_) vkDestroyImageView(device, v, nullptr);
  for (VkSemaphore s : renderDone_) vkDestroySemaphore(device, s, nullptr);
  views_.clear();
  renderDone_.clear();
  images_.clear();
  if (swapchain_ != VK_NULL_HANDLE) vkDestroySwapchainKHR(device, swapchain_, nullptr);
  swapchain_ = VK_NULL_HANDLE;
}

void WindowTarget::recreateSwapchain() {
  // The renderer sees the new extent() and resizes its attachments itself.
  VRM_VK_CHECK(vkDeviceWaitIdle(context_.device()));
  staleCaptures_.clear();
  destroySwapchain();
  createSwapchain();
  needsRecreate_ = false;
  ++recreations_;
}

TargetImage WindowTarget::acquire() {
  int w = 0;
  int h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  const bool minimised = w == 0 || h == 0;
  // Compared with the framebuffer size the swapchain was made for (not extent_, which the
  // surface may clamp), so a size the surface will not take does not recreate every frame.
  if (!minimised && (w != createdForSize_[0] || h != createdForSize_[1])) needsRecreate_ = true;
  if (needsRecreate_ && !minimised) recreateSwapchain();
  // The renderer waited on this frame slot's fence, so this semaphore's last wait is done.
  const VkSemaphore ready = imageReady_[frame_ % imageReady_.size()];
  uint32_t index = 0;
  VkResult r = vkAcquireNextImageKHR(context_.device(), swapchain_, UINT64_MAX, ready,
                                     VK_NULL_HANDLE, &index);
  if (r == VK_ERROR_OUT_OF_DATE_KHR) {
    // Nothing was signalled: recreate and try once more with the same semaphore.
    recreateSwapchain();
    r = vkAcquireNextImageKHR(context_.device(), swapchain_, UINT64_MAX, ready, VK_NULL_HANDLE,
                              &index);
  }
  if (r == VK_SUBOPTIMAL_KHR) needsRecreate_ = true;
  if (r != VK_SUBOPTIMAL_KHR) VRM_VK_CHECK(r);
  ++frame_;
  TargetImage t;
  t.image = images_[index];
  t.view = views_[index];
  t.layerViews[0] = views_[index];
  t.index = index;
  t.waitSemaphore = ready;
  t.signalSemaphore = renderDone_[index];
  return t;
}

void WindowTarget::recordFinish(VkCommandBuffer cmd, const TargetImage& image) {
  if (!captureRequested_ || !transferSrc_) {
    transitionImage(cmd, image.image, VK_IMAGE_ASPECT_COLOR_BIT,
                    VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, VK_IMAGE_LAYOUT_PRESENT_SRC_KHR,
                    VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                    VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT, VK_PIPELINE_STAGE_2_NONE, 0);
    return;
  }
  // Capture: attachment -> transfer source, copy into a host-visible buffer, -> present.
  captureRequested_ = false;
  // An unread earlier capture's buffer may still be written by a frame in flight: keep it alive
  // until the next device idle.
  if (capture_) staleCaptures_.push_back(std::move(capture_->buffer));
  Capture c;
  c.extent = extent_;
  c.format = format_;
  c.frame = frame_;
  c.buffer = GpuBuffer(context_, VkDeviceSize{extent_.width} * extent_.height * 4,
                       VK_BUFFER_USAGE_TRANSFER_DST_BIT, GpuBuffer::Memory::HostVisible);
  transitionImage(cmd, image.image, VK_IMAGE_ASPECT_COLOR_BIT,
                  VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                  VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                  VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT, VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                  VK_ACCESS_2_TRANSFER_READ_BIT);
  VkBufferImageCopy region{};
  region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
  region.imageExtent = {extent_.width, extent_.height, 1};
  vkCmdCopyImageToBuffer(cmd, image.image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, c.buffer.handle(),
                         1, &region);
  auto barrier = vkStruct<VkMemoryBarrier2>(VK_STRUCTURE_TYPE_MEMORY_BARRIER_2);
  barrier.srcStageMask = VK_PIPELINE_STAGE_2_TRANSFER_BIT;
  barrier.srcAccessMask = VK_ACCESS_2_TRANSFER_WRITE_BIT;
  barrier.dstStageMask = VK_PIPELINE_STAGE_2_HOST_BIT;
  barrier.dstAccessMask = VK_ACCESS_2_HOST_READ_BIT;
  auto dep = vkStruct<VkDependencyInfo>(VK_STRUCTURE_TYPE_DEPENDENCY_INFO);
  dep.memoryBarrierCount = 1;
  dep.pMemoryBarriers = &barrier;
  vkCmdPipelineBarrier2(cmd, &dep);
  transitionImage(cmd, image.image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                  VK_IMAGE_LAYOUT_PRESENT_SRC_KHR, VK_PIPELINE_STAGE_2_TRANSFER_BIT, 0,
                  VK_PIPELINE_STAGE_2_NONE, 0);
  capture_ = std::move(c);
}

void WindowTarget::requestCapture() {
  captureRequested_ = true;
}

std::optional<RgbaImage> WindowTarget::takeCapture() {
  if (!capture_) return std::nullopt;
  // The renderer waits on a frame slot's fence before it acquires, so framesInFlight acquires
  // after the capture frame its GPU work is known to be done; before that, wait for the queue.
  if (frame_ < capture_->frame + imageReady_.size()) {
    VRM_VK_CHECK(vkQueueWaitIdle(context_.queue()));
  }
  staleCaptures_.clear();  // from frames before the capture frame: done too
  Capture c = std::move(*capture_);
  capture_.reset();
  RgbaImage image;
  image.width = c.extent.width;
  image.height = c.extent.height;
  const size_t bytes = size_t{c.extent.width} * c.extent.height * 4;
  image.pixels.resize(bytes);
  const auto* src = static_cast<const uint8_t*>(c.buffer.mapped());
  const bool bgra = c.format == VK_FORMAT_B8G8R8A8_SRGB || c.format == VK_FORMAT_B8G8R8A8_UNORM;
  for (size_t i = 0; i < bytes; i += 4) {
    image.pixels[i + 0] = src[i + (bgra ? 2 : 0)];
    image.pixels[i + 1] = src[i + 1];
    image.pixels[i + 2] = src[i + (bgra ? 0 : 2)];
    image.pixels[i + 3] = 255;  // the window composites opaque
  }
  return image;
}

void WindowTarget::present(const TargetImage& image) {
  auto info = vkStruct<VkPresentInfoKHR>(VK_STRUCTURE_TYPE_PRESENT_INFO_KHR);
  info.waitSemaphoreCount = 1;
  info.pWaitSemaphores = &image.signalSemaphore;
  info.swapchainCount = 1;
  info.pSwapchains = &swapchain_;
  info.pImageIndices = &image.index;
  const VkResult r = vkQueuePresentKHR(context_.queue(), &info);
  if (r == VK_ERROR_OUT_OF_DATE_KHR || r == VK_SUBOPTIMAL_KHR) {
    needsRecreate_ = true;
  } else {
    VRM_VK_CHECK(r);
  }
}

bool WindowTarget::shouldClose() const {
  return glfwWindowShouldClose(window_) == GLFW_TRUE;
}

void WindowTarget::pollEvents() const {
  glfwPollEvents();
}

}  // namespace vrmall::engine
