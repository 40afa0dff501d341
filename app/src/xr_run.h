// `vrmall --xr`: the store in a headset through OpenXR (XR_KHR_vulkan_enable2), on the same
// renderer, store, shopping loop and guide as the desktop preview. The gaze ray (eye gaze where
// the system really tracks eyes, else the head's forward ray) is what the guide learns from; a
// controller's aim ray selects products and presses the world panels; grab picks up, the right
// stick teleports (push, aim the arc, release) and snap-turns (flick), the left stick glides when
// smooth locomotion is on (with a comfort vignette), menu shows the panels.
//
// Without a runtime, a headset or with a runtime error at start, runXr prints one line naming
// the OpenXR result and what to do, and returns kXrUnavailable (the caller falls back).
#pragma once

#include <filesystem>

#include "dwell_tracker.h"

namespace vrmall::app {

inline constexpr int kXrUnavailable = 5;

struct XrOptions {
  std::filesystem::path storeDir;
  std::filesystem::path outDir;  // stats.json, left.png / right.png, plans.jsonl; "" = out/xr
  int frames = 0;                // 0: until the runtime ends the session (or the script quits)
  float renderScale = 1.0F;      // of the runtime's recommended per-eye size
  int msaa = 0;                  // 0: 4 on a GPU, 1 on a software rasteriser
  bool validation = true;
  bool submitDepth = true;
  std::filesystem::path inputScript;  // scripted action states per frame ("" = none)
  // With a script, wait for the guide after every posted event (the same script always gives
  // the same shelves); the frame benchmark turns this off to measure the loop as it ships.
  bool scriptSyncsGuide = true;
  DwellConfig dwell;
  float snapTurnDeg = 30.0F;
  bool smoothLocomotion = false;
  // The shopper's saved profile, as WindowOptions' (default folder only for an unscripted run
  // without --frames).
  std::filesystem::path profileDir;
  bool noProfile = false;
};

// 0 on success, kXrUnavailable when there is no usable runtime/headset, 2 bad input, 3 Vulkan or
// OpenXR validation errors, 4 a slot in view was changed.
int runXr(const XrOptions& options);

}  // namespace vrmall::app
