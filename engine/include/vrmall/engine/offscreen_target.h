// Render target backed by plain images, read back to the CPU: headless runs, screenshots, tests.
#pragma once

#include <cstdint>
#include <vector>

#include "vrmall/engine/gpu_buffer.h"
#include "vrmall/engine/gpu_image.h"
#include "vrmall/engine/render_target.h"

namespace vrmall::engine {

class Context;

class OffscreenTarget final : public RenderTarget {
 public:
  // `imageCount` should match the renderer's frames in flight so frames do not share an image.
  OffscreenTarget(const Context& context, VkExtent2D extent, uint32_t viewCount = 1,
                  uint32_t imageCount = 2);

  VkExtent2D extent() const override { return extent_; }
  VkFormat format() const override { return VK_FORMAT_R8G8B8A8_SRGB; }
  uint32_t viewCount() const override { return viewCount_; }
  TargetImage acquire() override;
  void recordFinish(VkCommandBuffer cmd, const TargetImage& image) override;
  void present(const TargetImage& /*image*/) override {}

  // Index of the image the latest frame drew.
  uint32_t lastIndex() const { return last_; }
  // RGBA8 (sRGB-encoded) pixels of one view of an image, rows top to bottom. The frame that drew
  // it must have completed (Renderer::waitIdle).
  std::vector<uint8_t> readPixels(uint32_t index, uint32_t view = 0) const;

 private:
  struct Slot {
    GpuImage image;
    GpuBuffer readback;
  };
  VkExtent2D extent_;
  uint32_t viewCount_;
  std::vector<Slot> slots_;
  uint32_t next_ = 0;
  uint32_t last_ = 0;
};

}  // namespace vrmall::engine
