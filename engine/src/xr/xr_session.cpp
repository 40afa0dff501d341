#include "vrmall/engine/xr/xr_session.h"

#include <algorithm>
#include <cmath>

#include "vrmall/engine/renderer.h"
#include "vrmall/engine/vk_check.h"
#include "vrmall/engine/xr/xr_check.h"
#include "vrmall/engine/xr/xr_math.h"
#include "vrmall/engine/xr/xr_struct.h"
#include "xr_extensions.h"

namespace vrmall::engine::xr {
namespace {

// The renderer writes linear colour: an _SRGB format encodes it on write and the compositor
// decodes it, a float format keeps it linear. A UNORM format would show it a second time
// gamma-decoded (too dark), so it is never picked.
const std::vector<VkFormat> kColorPreference = {VK_FORMAT_R8G8B8A8_SRGB, VK_FORMAT_B8G8R8A8_SRGB,
                                                VK_FORMAT_R16G16B16A16_SFLOAT};

std::vector<XrReferenceSpaceType> referenceSpaces(XrSession session) {
  uint32_t count = 0;
  VRM_XR_CHECK(xrEnumerateReferenceSpaces(session, 0, &count, nullptr));
  std::vector<XrReferenceSpaceType> spaces(count);
  VRM_XR_CHECK(xrEnumerateReferenceSpaces(session, count, &count, spaces.data()));
  return spaces;
}

XrSpace createReferenceSpace(XrSession session, XrReferenceSpaceType type) {
  auto info = xrStruct<XrReferenceSpaceCreateInfo>(XR_TYPE_REFERENCE_SPACE_CREATE_INFO);
  info.referenceSpaceType = type;
  info.poseInReferenceSpace = identityPose();
  XrSpace space = XR_NULL_HANDLE;
  VRM_XR_CHECK(xrCreateReferenceSpace(session, &info, &space));
  return space;
}

}  // namespace

std::string referenceSpaceName(ReferenceSpaceKind kind) {
  switch (kind) {
    case ReferenceSpaceKind::Stage:
      return "STAGE";
    case ReferenceSpaceKind::LocalFloor:
      return "LOCAL_FLOOR";
    case ReferenceSpaceKind::Local:
      return "LOCAL";
  }
  return "LOCAL";
}

Session::Session(Runtime& runtime, const Context& context, const SessionOptions& options)
    : runtime_(runtime), context_(context), options_(options) {
  // xrGetVulkanGraphicsRequirements2KHR was called when the instance was made (the Context's
  // external creation), as the spec requires before xrCreateSession.
  auto binding = xrStruct<XrGraphicsBindingVulkan2KHR>(XR_TYPE_GRAPHICS_BINDING_VULKAN2_KHR);
  binding.instance = context.instance();
  binding.physicalDevice = context.physicalDevice();
  binding.device = context.device();
  binding.queueFamilyIndex = context.queueFamily();
  binding.queueIndex = 0;
  auto info = xrStruct<XrSessionCreateInfo>(XR_TYPE_SESSION_CREATE_INFO);
  info.next = &binding;
  info.systemId = runtime.system();
  VRM_XR_CHECK(xrCreateSession(runtime.instance(), &info, &session_));
  try {
    // STAGE (the room's floor, its origin at the play area's centre) where offered, else
    // LOCAL_FLOOR, else LOCAL (origin at the head's start: the app adds a standing height).
    const auto spaces = referenceSpaces(session_);
    const auto offered = [&](XrReferenceSpaceType t) {
      return std::find(spaces.begin(), spaces.end(), t) != spaces.end();
    };
    XrReferenceSpaceType type = XR_REFERENCE_SPACE_TYPE_LOCAL;
    spaceKind_ = ReferenceSpaceKind::Local;
    if (offered(XR_REFERENCE_SPACE_TYPE_STAGE)) {
      type = XR_REFERENCE_SPACE_TYPE_STAGE;
      spaceKind_ = ReferenceSpaceKind::Stage;
    } else if (runtime.localFloorEnabled() && offered(kReferenceSpaceLocalFloor)) {
      type = kReferenceSpaceLocalFloor;
      spaceKind_ = ReferenceSpaceKind::LocalFloor;
    }
    appSpace_ = createReferenceSpace(session_, type);
    viewSpace_ = createReferenceSpace(session_, XR_REFERENCE_SPACE_TYPE_VIEW);

    formats_ = Swapchain::formats(session_);
    colorFormat_ = Swapchain::choose(formats_, kColorPreference);
    if (colorFormat_ == VK_FORMAT_UNDEFINED) {
      throwXrError(XR_ERROR_SWAPCHAIN_FORMAT_UNSUPPORTED,
                   "xrEnumerateSwapchainFormats (no R8G8B8A8_SRGB, B8G8R8A8_SRGB or "
                   "R16G16B16A16_SFLOAT)",
                   __FILE__, __LINE__);
    }
    // Both eyes in one array swapchain, each the recommended size times the render scale.
    const XrViewConfigurationView& v = runtime.views()[0];
    recommended_ = {v.recommendedImageRectWidth, v.recommendedImageRectHeight};
    const auto scaled = [&](uint32_t size, uint32_t max) {
      const auto s =
          static_cast<uint32_t>(std::lround(static_cast<float>(size) * options.renderScale));
      return std::clamp<uint32_t>(s, 16U, std::max(16U, max));
    };
    SwapchainDesc color;
    color.extent = {scaled(v.recommendedImageRectWidth, v.maxImageRectWidth),
                    scaled(v.recommendedImageRectHeight, v.maxImageRectHeight)};
    color.format = colorFormat_;
    color.layers = 2;
    // TRANSFER_SRC: eye captures (left.png / right.png); TRANSFER_DST: the renderer's per-view
    // MSAA resolve copies into the image.
    color.usage = XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_TRANSFER_SRC_BIT |
                  XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT;
    auto colorChain = std::make_unique<Swapchain>(session_, context, color);
    std::unique_ptr<Swapchain> depthChain;
    const bool depthOffered =
        std::find(formats_.begin(), formats_.end(), static_cast<int64_t>(Renderer::kDepthFormat)) !=
        formats_.end();
    if (options.submitDepth && runtime.depthLayerEnabled() && depthOffered) {
      SwapchainDesc depth = color;
      depth.format = Renderer::kDepthFormat;
      depth.depth = true;
      depth.usage = XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT;
      try {
        depthChain = std::make_unique<Swapchain>(session_, context, depth);
      } catch (const XrError&) {
        depthChain.reset();  // depth is optional: the colour layer alone is still correct
      }
    }
    eyes_ =
        std::make_unique<SwapchainTarget>(context, std::move(colorChain), std::move(depthChain));
  } catch (...) {
    destroy();
    throw;
  }
}

Session::~Session() {
  destroy();
}

void Session::destroy() {
  eyes_.reset();
  if (viewSpace_ != XR_NULL_HANDLE) xrDestroySpace(viewSpace_);
  if (appSpace_ != XR_NULL_HANDLE) xrDestroySpace(appSpace_);
  viewSpace_ = appSpace_ = XR_NULL_HANDLE;
  if (session_ != XR_NULL_HANDLE) xrDestroySession(session_);
  session_ = XR_NULL_HANDLE;
}

std::unique_ptr<Swapchain> Session::createSwapchain(const SwapchainDesc& desc) const {
  return std::make_unique<Swapchain>(session_, context_, desc);
}

void Session::begin() {
  auto info = xrStruct<XrSessionBeginInfo>(XR_TYPE_SESSION_BEGIN_INFO);
  info.primaryViewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
  VRM_XR_CHECK(xrBeginSession(session_, &info));
}

void Session::end() {
  VRM_XR_CHECK(xrEndSession(session_));
}

void Session::requestExit() {
  VRM_XR_CHECK(xrRequestExitSession(session_));
}

FrameState Session::waitFrame() {
  auto waitInfo = xrStruct<XrFrameWaitInfo>(XR_TYPE_FRAME_WAIT_INFO);
  auto state = xrStruct<XrFrameState>(XR_TYPE_FRAME_STATE);
  VRM_XR_CHECK(xrWaitFrame(session_, &waitInfo, &state));
  return {state.predictedDisplayTime, state.predictedDisplayPeriod, state.shouldRender == XR_TRUE};
}

void Session::beginFrame() {
  auto info = xrStruct<XrFrameBeginInfo>(XR_TYPE_FRAME_BEGIN_INFO);
  VRM_XR_CHECK(xrBeginFrame(session_, &info));
}

bool Session::locateViews(XrTime time, std::array<XrView, 2>& views) {
  auto info = xrStruct<XrViewLocateInfo>(XR_TYPE_VIEW_LOCATE_INFO);
  info.viewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
  info.displayTime = time;
  info.space = appSpace_;
  auto state = xrStruct<XrViewState>(XR_TYPE_VIEW_STATE);
  views.fill(xrStruct<XrView>(XR_TYPE_VIEW));
  uint32_t count = 0;
  VRM_XR_CHECK(xrLocateViews(session_, &info, &state, 2, &count, views.data()));
  constexpr XrViewStateFlags kValid =
      XR_VIEW_STATE_ORIENTATION_VALID_BIT | XR_VIEW_STATE_POSITION_VALID_BIT;
  return count == 2 && (state.viewStateFlags & kValid) == kValid;
}

bool Session::locate(XrSpace space, XrTime time, XrPosef& pose, XrSpaceLocationFlags* flags) {
  auto location = xrStruct<XrSpaceLocation>(XR_TYPE_SPACE_LOCATION);
  VRM_XR_CHECK(xrLocateSpace(space, appSpace_, time, &location));
  if (flags != nullptr) *flags = location.locationFlags;
  constexpr XrSpaceLocationFlags kValid =
      XR_SPACE_LOCATION_ORIENTATION_VALID_BIT | XR_SPACE_LOCATION_POSITION_VALID_BIT;
  if ((location.locationFlags & kValid) != kValid) return false;
  pose = location.pose;
  return true;
}

const XrCompositionLayerBaseHeader* Session::projectionLayer(const std::array<XrView, 2>& views) {
  const VkExtent2D extent = eyes_->extent();
  for (uint32_t eye = 0; eye < 2; ++eye) {
    XrCompositionLayerProjectionView& pv = projViews_[eye];
    pv = xrStruct<XrCompositionLayerProjectionView>(XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW);
    // The pose and fov the image was rendered with, as located.
    pv.pose = views[eye].pose;
    pv.fov = views[eye].fov;
    pv.subImage.swapchain = eyes_->color().handle();
    pv.subImage.imageRect = {
        {0, 0}, {static_cast<int32_t>(extent.width), static_cast<int32_t>(extent.height)}};
    pv.subImage.imageArrayIndex = eye;
    if (eyes_->depth() != nullptr) {
      XrCompositionLayerDepthInfoKHR& d = depthInfos_[eye];
      d = xrStruct<XrCompositionLayerDepthInfoKHR>(XR_TYPE_COMPOSITION_LAYER_DEPTH_INFO_KHR);
      d.subImage.swapchain = eyes_->depth()->handle();
      d.subImage.imageRect = pv.subImage.imageRect;
      d.subImage.imageArrayIndex = eye;
      d.minDepth = 0.0F;
      d.maxDepth = 1.0F;
      d.nearZ = options_.zNear;
      d.farZ = options_.zFar;
      pv.next = &d;
    }
  }
  projection_ = xrStruct<XrCompositionLayerProjection>(XR_TYPE_COMPOSITION_LAYER_PROJECTION);
  projection_.space = appSpace_;
  projection_.viewCount = 2;
  projection_.views = projViews_.data();
  return reinterpret_cast<const XrCompositionLayerBaseHeader*>(&projection_);
}

void Session::endFrame(XrTime displayTime,
                       std::span<const XrCompositionLayerBaseHeader* const> layers) {
  auto info = xrStruct<XrFrameEndInfo>(XR_TYPE_FRAME_END_INFO);
  info.displayTime = displayTime;
  info.environmentBlendMode = runtime_.blendMode();
  info.layerCount = static_cast<uint32_t>(layers.size());
  info.layers = layers.empty() ? nullptr : layers.data();
  VRM_XR_CHECK(xrEndFrame(session_, &info));
  ++framesEnded_;
}

}  // namespace vrmall::engine::xr
