// Which ray the guide learns from this frame: the eyes' gaze where the system really tracks
// eyes, else the head's forward ray. Decided every frame, because an eye tracker can lose the
// eyes (blinks, a loose headset) and because runtimes advertise XR_EXT_eye_gaze_interaction on
// systems with no eye tracker at all (Monado's simulated HMD does).
#pragma once

#include <openxr/openxr.h>

#include <string_view>

namespace vrmall::engine::xr {

enum class GazeSource { Head, Eyes };

struct EyeGazeSample {
  bool systemSupports =
      false;                  // XrSystemEyeGazeInteractionPropertiesEXT::supportsEyeGazeInteraction
  bool actionActive = false;  // xrGetActionStatePose(gaze).isActive this frame
  XrSpaceLocationFlags flags = 0;  // xrLocateSpace(gaze space) at the predicted display time
};

// Eyes only when the system supports eye gaze, the gaze action is active and the located pose's
// orientation and position are both valid and tracked; Head otherwise.
GazeSource chooseGazeSource(const EyeGazeSample& sample);

std::string_view gazeSourceName(GazeSource source);  // "head", "eyes"

}  // namespace vrmall::engine::xr
