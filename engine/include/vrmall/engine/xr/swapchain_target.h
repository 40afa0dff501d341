// The renderer's target for OpenXR: a colour swapchain (two array layers: both eyes, drawn with
// multiview or the renderer's per-view loop; one layer: a quad panel) and, when depth is
// submitted (XR_KHR_composition_layer_depth), a depth swapchain of the same shape that the
// renderer writes the frame's depth into. acquire() acquires and waits for both; present()
// releases both after the frame's submit. Images are left as the spec wants them at release:
// colour in COLOR_ATTACHMENT_OPTIMAL, depth in DEPTH_STENCIL_ATTACHMENT_OPTIMAL.
//
// requestCapture(): the next frame's recordFinish also copies every layer into a host buffer
// (the swapchain needs TRANSFER_SRC usage); takeCapture() returns them as RGBA8 per layer (for
// left.png / right.png: what each eye was shown).
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "vrmall/engine/gpu_buffer.h"
#include "vrmall/engine/image_file.h"
#include "vrmall/engine/render_target.h"
#include "vrmall/engine/xr/xr_swapchain.h"

namespace vrmall::engine::xr {

class SwapchainTarget final : public RenderTarget {
 public:
  // `depth` may be null (no depth submission).
  SwapchainTarget(const Context& context, std::unique_ptr<Swapchain> color,
                  std::unique_ptr<Swapchain> depth);

  VkExtent2D extent() const override { return color_->desc().extent; }
  VkFormat format() const override { return color_->desc().format; }
  uint32_t viewCount() const override { return color_->desc().layers; }
  TargetImage acquire() override;
  void recordFinish(VkCommandBuffer cmd, const TargetImage& image) override;
  void present(const TargetImage& image) override;

  const Swapchain& color() const { return *color_; }
  const Swapchain* depth() const { return depth_.get(); }

  void requestCapture() { captureRequested_ = true; }
  // One RGBA8 image per layer of the captured frame (waits for the queue when the frame may still
  // run); empty when none was captured.
  std::vector<RgbaImage> takeCapture();

 private:
  const Context& context_;
  std::unique_ptr<Swapchain> color_;
  std::unique_ptr<Swapchain> depth_;
  bool captureRequested_ = false;
  bool captureRecorded_ = false;
  GpuBuffer captureBuffer_;
};

}  // namespace vrmall::engine::xr
