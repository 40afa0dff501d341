// Draws an Overlay alone into a render target: no scene, the image cleared to a colour first.
// For UI drawn into its own image (the headset's world panels: Dear ImGui into a quad layer's
// swapchain) rather than over a rendered scene. Frames in flight each own a command buffer and a
// fence, like the renderer's; the overlay's replaced objects are retired through its deleter.
#pragma once

#include <vulkan/vulkan.h>

#include <glm/vec4.hpp>
#include <vector>

#include "vrmall/engine/deferred_deleter.h"

namespace vrmall::engine {

class Context;
class Overlay;
class RenderTarget;

class OverlayPass {
 public:
  explicit OverlayPass(Context& context, uint32_t framesInFlight = 2);
  ~OverlayPass();  // waits for its frames
  OverlayPass(const OverlayPass&) = delete;
  OverlayPass& operator=(const OverlayPass&) = delete;

  // Acquire the target's image, clear it to `clear` (linear, premultiplied alpha), record the
  // overlay, finish, submit, present. Returns the CPU milliseconds it took (no GPU wait counted
  // beyond the frame slot's fence).
  double render(RenderTarget& target, Overlay& overlay, const glm::vec4& clear);
  void waitIdle();

 private:
  struct Slot {
    VkCommandPool pool = VK_NULL_HANDLE;
    VkCommandBuffer cmd = VK_NULL_HANDLE;
    VkFence fence = VK_NULL_HANDLE;
  };
  Context& context_;
  std::vector<Slot> slots_;
  DeferredDeleter deleter_;
  uint64_t frame_ = 0;
};

}  // namespace vrmall::engine
