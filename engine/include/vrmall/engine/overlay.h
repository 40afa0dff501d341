// A hook for drawing on top of the rendered scene (a UI layer such as ImGuiLayer, debug text),
// into the same command buffer, before the target's own final transition.
#pragma once

#include <vulkan/vulkan.h>

#include <cstddef>
#include <cstdint>

#include "vrmall/engine/render_target.h"

namespace vrmall::engine {

class DeferredDeleter;

// What Overlay::record draws into. The image is in VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL and
// the scene's writes (the resolved colour) are visible to the COLOR_ATTACHMENT_OUTPUT stage
// (reads and writes). The overlay must leave the image in COLOR_ATTACHMENT_OPTIMAL with its own
// writes done in the COLOR_ATTACHMENT_OUTPUT stage (the target's final barrier waits there).
struct OverlayTarget {
  TargetImage image;                      // image, view (2D, the target's format), index
  VkFormat format = VK_FORMAT_UNDEFINED;  // the target's (_SRGB) format
  VkExtent2D extent{0, 0};
  uint64_t imageGeneration = 0;  // RenderTarget::imageGeneration(): new when views are recreated
  // The renderer's deferred deletion: objects the frames in flight may still use (framebuffers
  // of replaced views) are retired with deleter->retire(frameSlot, object) and destroyed once
  // this frame slot's fence has been waited on again.
  DeferredDeleter* deleter = nullptr;
  size_t frameSlot = 0;
};

class Overlay {
 public:
  virtual ~Overlay() = default;
  // Record drawing commands into `cmd` (outside any render pass). Called once per rendered frame
  // from Renderer::render, on the thread that calls render.
  virtual void record(VkCommandBuffer cmd, const OverlayTarget& target) = 0;
};

}  // namespace vrmall::engine
