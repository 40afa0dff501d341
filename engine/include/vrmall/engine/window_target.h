// Render target for a desktop window: a GLFW window, its Vulkan surface and swapchain. Used by
// `vrmall --window` (the desktop preview); runs under Xvfb in CI like any X11 display.
//
// Presentation is FIFO (vsync; the one mode every driver has). The swapchain is recreated (after
// a device idle) when present or acquire reports it out of date or suboptimal, or when the
// window's framebuffer size no longer matches extent(); a minimised (0x0) window keeps the old
// swapchain until it has a size again. Each recreation renews imageGeneration().
//
// Screenshots: requestCapture() makes the next frame's recordFinish also copy the swapchain image
// into a host-visible buffer (the swapchain is made with TRANSFER_SRC usage when the surface
// allows it: captureSupported()); takeCapture() then returns it as RGBA8 (sRGB-encoded, alpha
// 255, BGRA swizzled), once.
#pragma once

#include <vulkan/vulkan.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "vrmall/engine/gpu_buffer.h"
#include "vrmall/engine/image_file.h"
#include "vrmall/engine/render_target.h"

struct GLFWwindow;

namespace vrmall::engine {

class Context;

class WindowTarget final : public RenderTarget {
 public:
  // Instance extensions a window needs (call before creating the Context); empty when GLFW
  // cannot initialise (no display): the caller should then report that and stop.
  static std::vector<const char*> requiredInstanceExtensions();

  WindowTarget(const Context& context, uint32_t width, uint32_t height, const std::string& title,
               uint32_t framesInFlight = 2);
  ~WindowTarget() override;
  WindowTarget(const WindowTarget&) = delete;
  WindowTarget& operator=(const WindowTarget&) = delete;

  VkExtent2D extent() const override { return extent_; }
  VkFormat format() const override { return format_; }
  uint32_t viewCount() const override { return 1; }
  TargetImage acquire() override;
  void recordFinish(VkCommandBuffer cmd, const TargetImage& image) override;
  void present(const TargetImage& image) override;

  GLFWwindow* window() const { return window_; }
  bool shouldClose() const;
  void pollEvents() const;

  // Copy the next rendered frame (everything drawn, overlays included) to the host. A request made
  // while an earlier capture is pending replaces it.
  void requestCapture();
  // The captured frame, once: nullopt while none was requested, the requested frame has not been
  // rendered yet, or the surface does not allow TRANSFER_SRC. When the capture frame may still be
  // in flight (fewer than framesInFlight frames rendered since) it waits for the queue to idle
  // (vkQueueWaitIdle), so no renderer.waitIdle() is needed first. Call on the thread that renders
  // (it uses the queue).
  std::optional<RgbaImage> takeCapture();
  bool captureSupported() const { return transferSrc_; }
  bool capturePending() const { return captureRequested_ || capture_.has_value(); }
  // Swapchain recreations so far (resize, out of date).
  uint32_t recreateCount() const { return recreations_; }

 private:
  struct Capture {
    GpuBuffer buffer;
    VkExtent2D extent{0, 0};
    VkFormat format = VK_FORMAT_UNDEFINED;
    uint64_t frame = 0;  // acquire count when it was recorded
  };
  void createSwapchain();
  void destroySwapchain();
  void recreateSwapchain();
  void release();

  const Context& context_;
  GLFWwindow* window_ = nullptr;
  VkSurfaceKHR surface_ = VK_NULL_HANDLE;
  VkSwapchainKHR swapchain_ = VK_NULL_HANDLE;
  VkFormat format_ = VK_FORMAT_B8G8R8A8_SRGB;
  VkExtent2D extent_{0, 0};
  std::vector<VkImage> images_;
  std::vector<VkImageView> views_;
  std::vector<VkSemaphore> renderDone_;  // per swapchain image: submit -> present
  std::vector<VkSemaphore> imageReady_;  // per frame in flight: acquire -> submit
  uint64_t frame_ = 0;                   // acquires so far
  bool needsRecreate_ = false;
  int createdForSize_[2] = {0, 0};  // window framebuffer size the swapchain was made for
  bool transferSrc_ = false;
  uint32_t recreations_ = 0;
  bool captureRequested_ = false;
  std::optional<Capture> capture_;
  std::vector<GpuBuffer> staleCaptures_;  // replaced capture buffers a frame may still write
};

}  // namespace vrmall::engine
