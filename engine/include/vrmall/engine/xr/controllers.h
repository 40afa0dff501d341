// The shopper's hands and eyes as OpenXR actions: one action set ("shopping") with select, grab,
// stick, menu, aim pose and haptic for both hands (suggested for every profile in
// controller_bindings.h) and, where the system really tracks eyes, the eye gaze pose of
// XR_EXT_eye_gaze_interaction. Read once per frame with sync(); states are only live while the
// session is FOCUSED (otherwise every action reads inactive).
#pragma once

#include <array>
#include <string>
#include <vector>

#include "vrmall/engine/xr/controller_bindings.h"
#include "vrmall/engine/xr/gaze_source.h"
#include "vrmall/engine/xr/xr_runtime.h"

namespace vrmall::engine::xr {

class Session;

enum Hand : int { kLeft = 0, kRight = 1 };

struct HandState {
  bool active = false;    // some action of this hand is bound and live
  bool aimValid = false;  // aim pose located (orientation and position valid)
  XrPosef aim{};          // in the app space, at the frame's predicted display time
  bool select = false, selectPressed = false;  // held / pressed this frame
  bool grab = false, grabPressed = false;
  bool menuPressed = false;
  float stickX = 0.0F, stickY = 0.0F;  // -1..1; +y pushed forward
};

class Controllers {
 public:
  // Creates the action set and actions and suggests the bindings; rejected profiles become
  // warnings().
  explicit Controllers(Runtime& runtime);
  ~Controllers();
  Controllers(const Controllers&) = delete;
  Controllers& operator=(const Controllers&) = delete;

  // A new session: action spaces made for it and the action set attached (once per session).
  void attach(Session& session);
  void detach();  // before the session is destroyed

  // xrSyncActions and every state of this frame; `focused`: the session is FOCUSED (input only
  // reaches a focused session; otherwise all states read inactive without asking).
  void sync(Session& session, XrTime time, bool focused);
  const HandState& hand(Hand h) const { return hands_[h]; }
  // The eye-gaze pose and what chooseGazeSource needs to know about it this frame.
  const EyeGazeSample& eyeSample() const { return eyeSample_; }
  const XrPosef& eyePose() const { return eyePose_; }

  // A short tick on that hand's haptic output.
  void tick(Session& session, Hand h);

  // After XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED: xrGetCurrentInteractionProfile.
  void readProfiles(Session& session);
  // "/interaction_profiles/khr/simple_controller", or "" while none is bound.
  const std::string& profile(Hand h) const { return profiles_[h]; }
  const std::vector<std::string>& warnings() const { return warnings_; }
  // The profiles whose suggestion the runtime accepted.
  const std::vector<std::string>& acceptedProfiles() const { return accepted_; }

 private:
  XrAction action(ShopAction a) const { return actions_[static_cast<size_t>(a)]; }

  Runtime& runtime_;
  XrActionSet set_ = XR_NULL_HANDLE;
  std::array<XrAction, kShopActions.size()> actions_{};
  XrAction eyeGaze_ = XR_NULL_HANDLE;
  std::array<XrPath, 2> handPaths_{};
  std::array<XrSpace, 2> aimSpaces_{};
  XrSpace eyeSpace_ = XR_NULL_HANDLE;
  std::array<HandState, 2> hands_{};
  EyeGazeSample eyeSample_;
  XrPosef eyePose_{};
  std::array<std::string, 2> profiles_;
  std::vector<std::string> warnings_;
  std::vector<std::string> accepted_;
};

}  // namespace vrmall::engine::xr
