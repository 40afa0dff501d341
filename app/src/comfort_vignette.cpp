#include "comfort_vignette.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "vrmall/engine/context.h"
#include "vrmall/engine/gpu_image.h"
#include "vrmall/engine/xr/xr_math.h"

namespace vrmall::app {
namespace {

constexpr uint32_t kSize = 128;
constexpr int kLevels = 4;
// Half a metre ahead, 2.4 m across: wider than any headset's field of view at that distance.
constexpr float kDistance = 0.5F, kWidth = 2.4F;

}  // namespace

ComfortVignette::ComfortVignette(engine::xr::Session& session, const engine::Context& context)
    : session_(session), context_(context) {
  engine::xr::SwapchainDesc desc;
  desc.extent = {kSize, kSize};
  // Black with alpha: any 8-bit RGBA/BGRA format the runtime offers will do (black is 0 in sRGB
  // and UNORM alike, alpha is linear in both).
  desc.format = engine::xr::Swapchain::choose(
      session.offeredFormats(),
      {session.colorFormat(), VK_FORMAT_R8G8B8A8_SRGB, VK_FORMAT_B8G8R8A8_SRGB,
       VK_FORMAT_R8G8B8A8_UNORM, VK_FORMAT_B8G8R8A8_UNORM});
  if (desc.format == VK_FORMAT_R16G16B16A16_SFLOAT) {
    desc.format = engine::xr::Swapchain::choose(
        session.offeredFormats(), {VK_FORMAT_R8G8B8A8_SRGB, VK_FORMAT_B8G8R8A8_SRGB,
                                   VK_FORMAT_R8G8B8A8_UNORM, VK_FORMAT_B8G8R8A8_UNORM});
  }
  if (desc.format == VK_FORMAT_UNDEFINED) {
    throw std::runtime_error("the runtime offers no 8-bit RGBA swapchain format");
  }
  desc.layers = 1;
  desc.usage = XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT;
  swapchain_ = session.createSwapchain(desc);
  staging_ =
      engine::GpuBuffer(context, VkDeviceSize{kSize} * kSize * 4, VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
                        engine::GpuBuffer::Memory::HostVisible);
}

void ComfortVignette::write(int level) {
  // Black with premultiplied alpha rising from a clear centre to the rim.
  const float strength = static_cast<float>(level) / static_cast<float>(kLevels);
  auto* px = static_cast<uint8_t*>(staging_.mapped());
  for (uint32_t y = 0; y < kSize; ++y) {
    for (uint32_t x = 0; x < kSize; ++x) {
      const float u = (static_cast<float>(x) + 0.5F) / kSize * 2.0F - 1.0F;
      const float v = (static_cast<float>(y) + 0.5F) / kSize * 2.0F - 1.0F;
      const float r = std::sqrt(u * u + v * v);
      // Clear inside 35% of the half-width, fully dark (at this strength) past 70%.
      const float t = std::clamp((r - 0.35F) / 0.35F, 0.0F, 1.0F);
      const float a = strength * t * t * (3.0F - 2.0F * t);
      uint8_t* p = px + (size_t{y} * kSize + x) * 4;
      p[0] = p[1] = p[2] = 0;
      p[3] = static_cast<uint8_t>(std::lround(a * 255.0F));
    }
  }
  const uint32_t index = swapchain_->acquire();
  const VkImage image = swapchain_->image(index);
  context_.submitAndWait([&](VkCommandBuffer cmd) {
    engine::transitionImage(cmd, image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                            VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                            VK_PIPELINE_STAGE_2_TOP_OF_PIPE_BIT, 0,
                            VK_PIPELINE_STAGE_2_TRANSFER_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT);
    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.imageExtent = {kSize, kSize, 1};
    vkCmdCopyBufferToImage(cmd, staging_.handle(), image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1,
                           &region);
    engine::transitionImage(cmd, image, VK_IMAGE_ASPECT_COLOR_BIT,
                            VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                            VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                            VK_PIPELINE_STAGE_2_TRANSFER_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT,
                            VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT, VK_ACCESS_2_MEMORY_READ_BIT);
  });
  swapchain_->release();
  level_ = level;
  written_ = true;
}

const XrCompositionLayerBaseHeader* ComfortVignette::layer(float strength) {
  const int level = std::clamp(static_cast<int>(std::lround(strength * kLevels)), 0, kLevels);
  if (level == 0) {
    level_ = 0;
    return nullptr;
  }
  if (!written_ || level != level_) write(level);
  quad_ = engine::xr::xrStruct<XrCompositionLayerQuad>(XR_TYPE_COMPOSITION_LAYER_QUAD);
  quad_.layerFlags = XR_COMPOSITION_LAYER_BLEND_TEXTURE_SOURCE_ALPHA_BIT;
  quad_.space = session_.viewSpace();  // head-locked
  quad_.eyeVisibility = XR_EYE_VISIBILITY_BOTH;
  quad_.subImage.swapchain = swapchain_->handle();
  quad_.subImage.imageRect = {{0, 0}, {static_cast<int32_t>(kSize), static_cast<int32_t>(kSize)}};
  quad_.pose = engine::xr::identityPose();
  quad_.pose.position = {0.0F, 0.0F, -kDistance};
  quad_.size = {kWidth, kWidth};
  return reinterpret_cast<const XrCompositionLayerBaseHeader*>(&quad_);
}

}  // namespace vrmall::app
