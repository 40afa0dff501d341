// The OpenXR instance and the head-mounted system, reached through the system loader
// (libopenxr-loader1, so whatever runtime XR_RUNTIME_JSON or the active_runtime.json names).
// Rendering goes through XR_KHR_vulkan_enable2 only: the runtime creates the Vulkan instance and
// device from the engine's own create-infos (vulkanCreation() plugs into ContextOptions), so it
// can add what its compositor needs. XR_KHR_vulkan_enable (v1) is not used: it asks the app to
// enable extensions by name, which software Vulkan may not have.
//
// Construction throws XrError naming the failing call: XR_ERROR_RUNTIME_UNAVAILABLE (no runtime
// installed), XR_ERROR_FORM_FACTOR_UNAVAILABLE (no headset connected),
// XR_ERROR_EXTENSION_NOT_PRESENT (a runtime without Vulkan enable2). The app turns that into one
// line and the next mode.
#pragma once

#include <vulkan/vulkan.h>
// clang-format off
#define XR_USE_GRAPHICS_API_VULKAN
#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>
// clang-format on

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "vrmall/engine/context.h"

namespace vrmall::engine::xr {

struct RuntimeOptions {
  std::string applicationName = "vrmall";
  bool eyeGaze = true;        // enable XR_EXT_eye_gaze_interaction when advertised
  bool depthLayer = true;     // enable XR_KHR_composition_layer_depth when advertised
  bool printMessages = true;  // echo XR_EXT_debug_utils warnings/errors (validation) to stderr
};

// Messages the runtime and API layers (the core validation layer) sent through
// XR_EXT_debug_utils, by severity.
struct XrMessageCounts {
  uint32_t info = 0;
  uint32_t warning = 0;
  uint32_t error = 0;
};

class Runtime {
 public:
  explicit Runtime(const RuntimeOptions& options = {});
  ~Runtime();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  XrInstance instance() const { return instance_; }
  XrSystemId system() const { return system_; }
  const std::string& runtimeName() const { return runtimeName_; }
  std::string runtimeVersion() const;  // "25.1.0"
  const std::string& systemName() const { return systemName_; }

  // xrGetSystem again, after a session was lost: XR_ERROR_FORM_FACTOR_UNAVAILABLE (thrown) while
  // the headset is away; the system id may change when it comes back.
  void refreshSystem();

  bool extensionEnabled(const char* name) const;
  bool eyeGazeEnabled() const { return eyeGaze_; }
  // The system reports an eye tracker (XrSystemEyeGazeInteractionPropertiesEXT).
  bool eyeGazeSupported() const { return eyeGazeSupported_; }
  bool depthLayerEnabled() const { return depthLayer_; }
  bool localFloorEnabled() const { return localFloor_; }

  // Primary stereo: the two views' recommended and maximum sizes.
  const std::vector<XrViewConfigurationView>& views() const { return views_; }
  XrEnvironmentBlendMode blendMode() const { return blendMode_; }

  // For ContextOptions::external: xrCreateVulkanInstanceKHR, xrGetVulkanGraphicsDevice2KHR and
  // xrCreateVulkanDeviceKHR. The Vulkan version is checked against the runtime's minimum.
  ExternalCreation vulkanCreation();

  XrPath path(const std::string& text) const;
  std::string pathString(XrPath path) const;

  // A pending event, or false when the queue is empty. Throws XrError on XR_ERROR_INSTANCE_LOST.
  bool pollEvent(XrEventDataBuffer& event) const;

  XrMessageCounts messageCounts() const;
  std::vector<std::string> messages() const;  // warning/error texts (capped)

 private:
  static XrBool32 XRAPI_CALL debugCallback(XrDebugUtilsMessageSeverityFlagsEXT severity,
                                           XrDebugUtilsMessageTypeFlagsEXT types,
                                           const XrDebugUtilsMessengerCallbackDataEXT* data,
                                           void* user);
  template <class Fn>
  Fn proc(const char* name) const;

  XrInstance instance_ = XR_NULL_HANDLE;
  XrSystemId system_ = XR_NULL_SYSTEM_ID;
  XrDebugUtilsMessengerEXT messenger_ = XR_NULL_HANDLE;
  std::string runtimeName_;
  XrVersion runtimeVersion_ = 0;
  std::string systemName_;
  std::vector<std::string> enabled_;
  bool eyeGaze_ = false, eyeGazeSupported_ = false, depthLayer_ = false, localFloor_ = false;
  std::vector<XrViewConfigurationView> views_;
  XrEnvironmentBlendMode blendMode_ = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
  bool printMessages_ = true;
  mutable std::mutex messageMutex_;
  XrMessageCounts counts_;
  std::vector<std::string> messages_;
};

}  // namespace vrmall::engine::xr
