// Render target for a desktop window: a GLFW window, its Vulkan surface and swapchain. Used by
// `vrmall --window` (the desktop preview); runs under Xvfb in CI like any X11 display.
#pragma once

#include <vulkan/vulkan.h>

#include <string>
#include <vector>

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

 private:
  void createSwapchain();
  void destroySwapchain();
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
  uint32_t frame_ = 0;
  bool needsRecreate_ = false;
};

}  // namespace vrmall::engine
