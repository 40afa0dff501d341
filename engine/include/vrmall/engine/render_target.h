// The one interface the renderer draws into. An offscreen image (headless runs, tests), a window
// swapchain and OpenXR swapchain images all implement it. A target has one or two views; with two
// the image is a 2-layer array and the renderer draws both eyes in one pass with multiview.
#pragma once

#include <vulkan/vulkan.h>

#include <atomic>
#include <cstdint>

namespace vrmall::engine {

struct TargetImage {
  VkImage image = VK_NULL_HANDLE;
  VkImageView view = VK_NULL_HANDLE;  // all layers: 2D for one view, 2D_ARRAY for two
  // One 2D view per layer, for drivers where the renderer loops over views instead of using
  // multiview (layerViews[0] == view for a one-view target).
  VkImageView layerViews[2] = {VK_NULL_HANDLE, VK_NULL_HANDLE};
  uint32_t index = 0;  // which of the target's images
  // Where the target wants the frame's depth (an OpenXR depth swapchain image, submitted with
  // XR_KHR_composition_layer_depth), in Renderer::kDepthFormat with as many layers as views; null
  // keeps depth inside the renderer. The renderer leaves it in DEPTH_ATTACHMENT_OPTIMAL with its
  // writes done in the late fragment tests stage (with MSAA: its resolve, sample zero).
  VkImage depthImage = VK_NULL_HANDLE;
  VkImageView depthView = VK_NULL_HANDLE;  // all layers
  VkImageView depthLayerViews[2] = {VK_NULL_HANDLE, VK_NULL_HANDLE};
  // Semaphore the frame's submit waits on before writing (swapchain acquire), or null.
  VkSemaphore waitSemaphore = VK_NULL_HANDLE;
  // Semaphore the frame's submit signals when done (for present), or null.
  VkSemaphore signalSemaphore = VK_NULL_HANDLE;
};

class RenderTarget {
 public:
  virtual ~RenderTarget() = default;
  virtual VkExtent2D extent() const = 0;
  virtual VkFormat format() const = 0;  // an _SRGB format: the shader writes linear colour
  virtual uint32_t viewCount() const = 0;

  // The image to draw this frame (may block: swapchain acquire, xrWaitSwapchainImage).
  virtual TargetImage acquire() = 0;
  // Recorded after drawing; the image is then in COLOR_ATTACHMENT_OPTIMAL. The target moves it
  // to the layout it needs (present, transfer for readback, what OpenXR expects).
  virtual void recordFinish(VkCommandBuffer cmd, const TargetImage& image) = 0;
  // After the frame's submit: present / release the image.
  virtual void present(const TargetImage& image) = 0;

  // Changes whenever the target's images and views are (re)created (a swapchain recreated after
  // a resize) and is unique across all targets of the process, so objects made for an image view
  // (an overlay's framebuffers) can tell a recycled handle from the one they were made for.
  uint64_t imageGeneration() const { return generation_; }

 protected:
  void renewImageGeneration() { generation_ = nextGeneration(); }

 private:
  static uint64_t nextGeneration() {
    static std::atomic<uint64_t> counter{0};
    return ++counter;
  }
  uint64_t generation_ = nextGeneration();
};

}  // namespace vrmall::engine
