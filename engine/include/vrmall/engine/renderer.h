// The forward PBR renderer. Each frame it culls the scene's instances against the view frusta,
// groups the visible ones by (primitive, material) so every group is one instanced draw, records
// one dynamic-rendering pass (multiview for two views, 4x MSAA resolved into the target) and
// submits. Frames in flight each own their command buffer, fence, uniforms and instance buffer.
#pragma once

#include <vulkan/vulkan.h>

#include <cstdint>
#include <glm/glm.hpp>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "vrmall/engine/model_data.h"
#include "vrmall/engine/scene.h"
#include "vrmall/engine/view.h"

namespace vrmall::engine {

class Context;
class Overlay;
class RenderTarget;

struct RendererOptions {
  uint32_t framesInFlight = 2;
  uint32_t samples = 4;                             // MSAA sample count (1 or 4)
  glm::vec4 clearColor{0.18F, 0.19F, 0.21F, 1.0F};  // linear
  // How two views are drawn: one multiview pass, or one pass per view (push-constant view index,
  // explicit MSAA resolve). Auto picks the loop on Mesa's llvmpipe, whose MSAA resolve into the
  // second layer loses draws, and multiview elsewhere.
  enum class TwoViews : uint8_t { Auto, Multiview, Loop };
  TwoViews twoViews = TwoViews::Auto;
};

struct FrameStats {
  uint64_t frame = 0;
  double cpuMs = 0.0;           // update + culling + command recording + submit (no GPU wait)
  double waitMs = 0.0;          // waiting for the frame slot's previous GPU work
  uint32_t drawCalls = 0;       // vkCmdDraw* calls recorded (multi-draw indirect: one per run)
  uint32_t drawCommands = 0;    // indirect draw commands in those calls (one per mesh+material)
  uint32_t instancesDrawn = 0;  // scene instances that passed culling
  uint32_t instancesTotal = 0;
  uint64_t triangles = 0;
};

struct ModelInfo {
  std::string name;
  Bounds bounds;
  std::vector<std::string> variants;
  size_t triangles = 0;
  size_t drawItems = 0;
};

class Renderer {
 public:
  // The depth format of every pass; a target's own depth image (TargetImage::depthImage) must be
  // in it.
  static constexpr VkFormat kDepthFormat = VK_FORMAT_D32_SFLOAT;

  Renderer(Context& context, const RendererOptions& options = {});
  ~Renderer();
  Renderer(const Renderer&) = delete;
  Renderer& operator=(const Renderer&) = delete;

  // Upload a model; the id is what scene instances refer to.
  ModelId addModel(const ModelData& model);
  // Drop a model; its GPU memory is freed once frames in flight no longer use it.
  void removeModel(ModelId id);
  // The model's bounds alone (modelInfo() copies names): cheap enough to ask every frame.
  const Bounds& modelBounds(ModelId id) const;
  ModelInfo modelInfo(ModelId id) const;
  size_t modelCount() const;
  // Two-view targets are drawn with one multiview pass, or with one pass per view (the driver's
  // multiview resolve is unreliable: RendererOptions::TwoViews).
  bool drawsViewsOneByOne() const;

  // Draw `scene` from `views` (as many as target.viewCount()) into `target`. With an `overlay`
  // (one-view targets only; throws for two), overlay->record is called after the scene pass and
  // its resolve, before target.recordFinish, with the image in COLOR_ATTACHMENT_OPTIMAL (see
  // overlay.h).
  FrameStats render(const Scene& scene, std::span<const View> views, RenderTarget& target,
                    Overlay* overlay = nullptr);
  // Wait for all submitted frames (before reading back pixels or tearing down).
  void waitIdle();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vrmall::engine
