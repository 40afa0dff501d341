// Dear ImGui (Debian's 1.86) drawn as an Overlay over the rendered scene. 1.86's Vulkan backend
// has no dynamic rendering, so the layer owns a one-subpass VkRenderPass (the target's format,
// 1 sample, load + store, COLOR_ATTACHMENT_OPTIMAL in and out) and makes a framebuffer per target
// image view on first use.
//
// Per frame, on the thread that renders:
//   layer.newFrame(extent, adjust);   // backend new-frames, io.DisplaySize, adjust(io),
//   ImGui::NewFrame
//   ... ImGui:: widgets ...
//   layer.render();                   // ImGui::Render (+ sRGB -> linear vertex colours)
//   renderer.render(scene, views, target, &layer);  // records the draw data over the scene
// A frame without render() since the last newFrame() draws nothing.
//
// sRGB: ImGui's colours are sRGB-encoded values meant for a UNORM framebuffer, and the targets
// are _SRGB (the hardware encodes on write). render() therefore converts the R, G, B bytes of
// every vertex colour from sRGB to linear (exact 256-entry table, alpha kept), so a style or
// IM_COL32 colour lands on the target as the same sRGB byte (dark values below ~13/255 quantise
// to the nearest representable step). Blending (window alpha, anti-aliased edges and text) then
// happens in linear space, as it does for the scene. The font atlas is white with alpha coverage,
// so it needs no conversion.
#pragma once

#include <vulkan/vulkan.h>

#include <cstdint>
#include <functional>
#include <vector>

#include "vrmall/engine/overlay.h"

struct GLFWwindow;
struct ImGuiContext;
struct ImGuiIO;

namespace vrmall::engine {

class Context;

class ImGuiLayer final : public Overlay {
 public:
  // `window`: the GLFW window to take input from (ImGui_ImplGlfw_InitForVulkan with callbacks
  // installed, chaining the callbacks already set on the window: install the app's own callbacks
  // before making the layer). nullptr: no platform backend (offscreen, tests, VR): the caller
  // feeds input through newFrame's `adjust`. `format`: the target's format (the render pass is
  // made for it; record() throws for another). `imageCount`: at least the renderer's frames in
  // flight (vertex/index buffers are a ring of this size, reused imageCount frames later).
  // Creates and owns an ImGui context (made current; io.IniFilename = nullptr: no imgui.ini).
  // The Context (and the window) must outlive the layer. ImGui's GLFW callbacks act on the
  // *current* ImGui context: with more than one layer alive, make the window's layer current
  // (ImGui::SetCurrentContext(layer.imguiContext())) before polling events. All calls on the
  // thread that renders.
  ImGuiLayer(Context& context, GLFWwindow* window, VkFormat format, uint32_t imageCount = 2);
  // Waits for the device to idle (frames in flight use the pipeline and buffers).
  ~ImGuiLayer() override;
  ImGuiLayer(const ImGuiLayer&) = delete;
  ImGuiLayer& operator=(const ImGuiLayer&) = delete;

  // Start a frame: makes the layer's ImGui context current, runs the backends' NewFrame
  // (Vulkan; GLFW with a window: it sets DisplaySize, DeltaTime, mouse and keys), without a
  // window sets io.DisplaySize = extent and io.DeltaTime from a steady clock, then calls
  // `adjust(io)` when given (scripted input: MousePos, MouseDown, DeltaTime for determinism),
  // then ImGui::NewFrame(). Build widgets after it.
  void newFrame(VkExtent2D extent, const std::function<void(ImGuiIO&)>& adjust = {});
  // ImGui::Render() and the sRGB -> linear conversion of this frame's vertex colours.
  void render();
  // Overlay: RenderDrawData of the last render() inside the layer's render pass.
  void record(VkCommandBuffer cmd, const OverlayTarget& target) override;

  // io.WantCaptureMouse / WantCaptureKeyboard after the last newFrame: the UI has the input and
  // the app should not also act on it.
  bool wantsMouse() const;
  bool wantsKeyboard() const;

  ImGuiContext* imguiContext() const { return imgui_; }
  VkRenderPass renderPass() const { return renderPass_; }
  // Framebuffers cached now (one per target image view of the current target generation).
  size_t framebufferCount() const { return framebuffers_.size(); }

 private:
  struct CachedFramebuffer {
    VkImageView view;
    VkExtent2D extent;
    VkFramebuffer framebuffer;
  };
  VkFramebuffer framebufferFor(const OverlayTarget& target);
  void release();

  Context& context_;
  GLFWwindow* window_;
  VkFormat format_;
  ImGuiContext* imgui_ = nullptr;
  VkDescriptorPool pool_ = VK_NULL_HANDLE;
  VkRenderPass renderPass_ = VK_NULL_HANDLE;
  bool vulkanBackend_ = false;
  bool glfwBackend_ = false;
  bool haveDrawData_ = false;  // render() ran since the last newFrame()
  double lastTime_ = -1.0;
  uint64_t generation_ = 0;  // target image generation the cached framebuffers belong to
  std::vector<CachedFramebuffer> framebuffers_;
};

}  // namespace vrmall::engine
