// One OpenXR session on the engine's Vulkan device: the reference space the store is placed in,
// the eyes' array swapchain (and depth swapchain), and the frame calls. The lifecycle decisions
// (when to begin, end, recreate) are SessionLifecycle's; this class makes the calls.
//
// Frame loop, every iteration while the session runs, whatever shouldRender says:
//   FrameState f = session.waitFrame();   // xrWaitFrame: predicted display time and period
//   session.beginFrame();                 // xrBeginFrame
//   if (f.shouldRender && session.locateViews(f.predictedDisplayTime, views)) { render; layers }
//   session.endFrame(f.predictedDisplayTime, layers);   // no layers when nothing was rendered
#pragma once

#include <array>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "vrmall/engine/context.h"
#include "vrmall/engine/xr/swapchain_target.h"
#include "vrmall/engine/xr/xr_runtime.h"

namespace vrmall::engine::xr {

enum class ReferenceSpaceKind { Stage, LocalFloor, Local };
std::string referenceSpaceName(ReferenceSpaceKind kind);  // "STAGE", "LOCAL_FLOOR", "LOCAL"

struct SessionOptions {
  float renderScale = 1.0F;            // of the runtime's recommended per-eye size
  bool submitDepth = true;             // XR_KHR_composition_layer_depth where the runtime has it
  float zNear = 0.05F, zFar = 200.0F;  // the projection's planes (also sent with the depth)
};

struct FrameState {
  XrTime predictedDisplayTime = 0;
  XrDuration predictedDisplayPeriod = 0;  // nanoseconds: the app's frame budget
  bool shouldRender = false;
};

class Session {
 public:
  // Throws XrError naming the failing call (xrCreateSession, xrCreateSwapchain, ...).
  Session(Runtime& runtime, const Context& context, const SessionOptions& options);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  XrSession handle() const { return session_; }
  XrSpace appSpace() const { return appSpace_; }
  XrSpace viewSpace() const { return viewSpace_; }
  ReferenceSpaceKind spaceKind() const { return spaceKind_; }

  SwapchainTarget& eyes() { return *eyes_; }
  VkExtent2D recommendedExtent() const { return recommended_; }
  const std::vector<int64_t>& offeredFormats() const { return formats_; }
  bool depthSubmitted() const { return eyes_->depth() != nullptr; }
  const SessionOptions& options() const { return options_; }

  // A swapchain of this session (quad panels, the comfort vignette).
  std::unique_ptr<Swapchain> createSwapchain(const SwapchainDesc& desc) const;
  // The first sRGB-correct colour format the runtime offers in the app's order of preference.
  VkFormat colorFormat() const { return colorFormat_; }

  void begin();        // xrBeginSession (primary stereo)
  void end();          // xrEndSession
  void requestExit();  // xrRequestExitSession

  FrameState waitFrame();
  void beginFrame();
  // The two views at `time` in the app space; false when the runtime has no valid pose for them
  // (then nothing is rendered this frame).
  bool locateViews(XrTime time, std::array<XrView, 2>& views);
  // A space's pose in the app space at `time`; false unless its orientation and position are
  // valid. `flags` gets the location flags either way.
  bool locate(XrSpace space, XrTime time, XrPosef& pose, XrSpaceLocationFlags* flags = nullptr);
  // The projection layer for `views` (both eyes of the swapchain image just rendered, with depth
  // where submitted); valid until the next call.
  const XrCompositionLayerBaseHeader* projectionLayer(const std::array<XrView, 2>& views);
  void endFrame(XrTime displayTime, std::span<const XrCompositionLayerBaseHeader* const> layers);

  uint64_t framesEnded() const { return framesEnded_; }

 private:
  void destroy();

  Runtime& runtime_;
  const Context& context_;
  SessionOptions options_;
  XrSession session_ = XR_NULL_HANDLE;
  XrSpace appSpace_ = XR_NULL_HANDLE;
  XrSpace viewSpace_ = XR_NULL_HANDLE;
  ReferenceSpaceKind spaceKind_ = ReferenceSpaceKind::Local;
  std::vector<int64_t> formats_;
  VkFormat colorFormat_ = VK_FORMAT_UNDEFINED;
  VkExtent2D recommended_{0, 0};
  std::unique_ptr<SwapchainTarget> eyes_;
  std::array<XrCompositionLayerProjectionView, 2> projViews_{};
  std::array<XrCompositionLayerDepthInfoKHR, 2> depthInfos_{};
  XrCompositionLayerProjection projection_{};
  uint64_t framesEnded_ = 0;
};

}  // namespace vrmall::engine::xr
