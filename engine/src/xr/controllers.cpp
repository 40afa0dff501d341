#include "vrmall/engine/xr/controllers.h"

#include <cstring>

#include "vrmall/engine/xr/xr_check.h"
#include "vrmall/engine/xr/xr_math.h"
#include "vrmall/engine/xr/xr_session.h"
#include "vrmall/engine/xr/xr_struct.h"

namespace vrmall::engine::xr {
namespace {

XrActionType typeOf(ShopAction a) {
  switch (a) {
    case ShopAction::Select:
    case ShopAction::Grab:
    case ShopAction::Menu:
      return XR_ACTION_TYPE_BOOLEAN_INPUT;
    case ShopAction::Stick:
      return XR_ACTION_TYPE_VECTOR2F_INPUT;
    case ShopAction::Aim:
      return XR_ACTION_TYPE_POSE_INPUT;
    case ShopAction::Haptic:
      return XR_ACTION_TYPE_VIBRATION_OUTPUT;
  }
  return XR_ACTION_TYPE_BOOLEAN_INPUT;
}

const char* localizedName(ShopAction a) {
  switch (a) {
    case ShopAction::Select:
      return "Select";
    case ShopAction::Grab:
      return "Pick up";
    case ShopAction::Stick:
      return "Teleport and turn";
    case ShopAction::Menu:
      return "Show panels";
    case ShopAction::Aim:
      return "Pointer";
    case ShopAction::Haptic:
      return "Tick";
  }
  return "";
}

void copyName(char* dst, size_t size, const std::string& src) {
  std::strncpy(dst, src.c_str(), size - 1);
  dst[size - 1] = '\0';
}

constexpr const char* kEyeProfile = "/interaction_profiles/ext/eye_gaze_interaction";
constexpr const char* kEyePath = "/user/eyes_ext/input/gaze_ext/pose";

}  // namespace

Controllers::Controllers(Runtime& runtime) : runtime_(runtime) {
  auto setInfo = xrStruct<XrActionSetCreateInfo>(XR_TYPE_ACTION_SET_CREATE_INFO);
  copyName(setInfo.actionSetName, sizeof setInfo.actionSetName, "shopping");
  copyName(setInfo.localizedActionSetName, sizeof setInfo.localizedActionSetName, "Shopping");
  setInfo.priority = 0;
  VRM_XR_CHECK(xrCreateActionSet(runtime.instance(), &setInfo, &set_));

  handPaths_ = {runtime.path("/user/hand/left"), runtime.path("/user/hand/right")};
  for (ShopAction a : kShopActions) {
    auto info = xrStruct<XrActionCreateInfo>(XR_TYPE_ACTION_CREATE_INFO);
    info.actionType = typeOf(a);
    copyName(info.actionName, sizeof info.actionName, std::string(actionName(a)));
    copyName(info.localizedActionName, sizeof info.localizedActionName, localizedName(a));
    info.countSubactionPaths = 2;
    info.subactionPaths = handPaths_.data();
    VRM_XR_CHECK(xrCreateAction(set_, &info, &actions_[static_cast<size_t>(a)]));
  }

  // One suggestion call per profile: a runtime may not know a profile (or reject one path of it);
  // that profile's bindings are lost, the others still stand.
  for (const ProfileBindings& p : suggestedBindings()) {
    std::vector<XrActionSuggestedBinding> bindings;
    for (const Binding& b : p.bindings) {
      bindings.push_back({action(b.action), runtime.path(std::string(b.path))});
    }
    auto suggested = xrStruct<XrInteractionProfileSuggestedBinding>(
        XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING);
    suggested.interactionProfile = runtime.path(std::string(p.profile));
    suggested.countSuggestedBindings = static_cast<uint32_t>(bindings.size());
    suggested.suggestedBindings = bindings.data();
    const XrResult r = xrSuggestInteractionProfileBindings(runtime.instance(), &suggested);
    if (XR_FAILED(r)) {
      warnings_.push_back("the runtime rejected the bindings for " + std::string(p.profile) + " (" +
                          resultName(r) + ")");
    } else {
      accepted_.emplace_back(p.profile);
    }
  }

  // Eye gaze only where the system has an eye tracker: the extension alone says nothing (runtimes
  // advertise it on systems without one).
  if (runtime.eyeGazeSupported()) {
    auto info = xrStruct<XrActionCreateInfo>(XR_TYPE_ACTION_CREATE_INFO);
    info.actionType = XR_ACTION_TYPE_POSE_INPUT;
    copyName(info.actionName, sizeof info.actionName, "eye_gaze");
    copyName(info.localizedActionName, sizeof info.localizedActionName, "Eye gaze");
    VRM_XR_CHECK(xrCreateAction(set_, &info, &eyeGaze_));
    XrActionSuggestedBinding binding{eyeGaze_, runtime.path(kEyePath)};
    auto suggested = xrStruct<XrInteractionProfileSuggestedBinding>(
        XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING);
    suggested.interactionProfile = runtime.path(kEyeProfile);
    suggested.countSuggestedBindings = 1;
    suggested.suggestedBindings = &binding;
    const XrResult r = xrSuggestInteractionProfileBindings(runtime.instance(), &suggested);
    if (XR_FAILED(r)) {
      warnings_.push_back(std::string("the runtime rejected the eye gaze binding (") +
                          resultName(r) + "): head gaze only");
      xrDestroyAction(eyeGaze_);
      eyeGaze_ = XR_NULL_HANDLE;
    }
  }
  eyeSample_.systemSupports = eyeGaze_ != XR_NULL_HANDLE;
}

Controllers::~Controllers() {
  detach();
  if (set_ != XR_NULL_HANDLE) xrDestroyActionSet(set_);  // destroys its actions too
}

void Controllers::attach(Session& session) {
  detach();
  for (int h = 0; h < 2; ++h) {
    auto info = xrStruct<XrActionSpaceCreateInfo>(XR_TYPE_ACTION_SPACE_CREATE_INFO);
    info.action = action(ShopAction::Aim);
    info.subactionPath = handPaths_[static_cast<size_t>(h)];
    info.poseInActionSpace = identityPose();
    VRM_XR_CHECK(xrCreateActionSpace(session.handle(), &info, &aimSpaces_[static_cast<size_t>(h)]));
  }
  if (eyeGaze_ != XR_NULL_HANDLE) {
    auto info = xrStruct<XrActionSpaceCreateInfo>(XR_TYPE_ACTION_SPACE_CREATE_INFO);
    info.action = eyeGaze_;
    info.poseInActionSpace = identityPose();
    VRM_XR_CHECK(xrCreateActionSpace(session.handle(), &info, &eyeSpace_));
  }
  auto attachInfo =
      xrStruct<XrSessionActionSetsAttachInfo>(XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO);
  attachInfo.countActionSets = 1;
  attachInfo.actionSets = &set_;
  VRM_XR_CHECK(xrAttachSessionActionSets(session.handle(), &attachInfo));
  profiles_ = {"", ""};
  hands_ = {};
}

void Controllers::detach() {
  for (XrSpace& s : aimSpaces_) {
    if (s != XR_NULL_HANDLE) xrDestroySpace(s);
    s = XR_NULL_HANDLE;
  }
  if (eyeSpace_ != XR_NULL_HANDLE) xrDestroySpace(eyeSpace_);
  eyeSpace_ = XR_NULL_HANDLE;
}

void Controllers::sync(Session& session, XrTime time, bool focused) {
  hands_ = {};
  eyeSample_.actionActive = false;
  eyeSample_.flags = 0;
  if (!focused) return;

  XrActiveActionSet active{set_, XR_NULL_PATH};
  auto syncInfo = xrStruct<XrActionsSyncInfo>(XR_TYPE_ACTIONS_SYNC_INFO);
  syncInfo.countActiveActionSets = 1;
  syncInfo.activeActionSets = &active;
  // XR_SESSION_NOT_FOCUSED is a success code: the states then read inactive.
  VRM_XR_CHECK(xrSyncActions(session.handle(), &syncInfo));

  for (int h = 0; h < 2; ++h) {
    HandState& s = hands_[static_cast<size_t>(h)];
    const XrPath sub = handPaths_[static_cast<size_t>(h)];
    const auto boolean = [&](ShopAction a, bool& held) {
      auto info = xrStruct<XrActionStateGetInfo>(XR_TYPE_ACTION_STATE_GET_INFO);
      info.action = action(a);
      info.subactionPath = sub;
      auto state = xrStruct<XrActionStateBoolean>(XR_TYPE_ACTION_STATE_BOOLEAN);
      VRM_XR_CHECK(xrGetActionStateBoolean(session.handle(), &info, &state));
      held = state.isActive == XR_TRUE && state.currentState == XR_TRUE;
      if (state.isActive == XR_TRUE) s.active = true;
      return state.isActive == XR_TRUE && state.changedSinceLastSync == XR_TRUE &&
             state.currentState == XR_TRUE;
    };
    s.selectPressed = boolean(ShopAction::Select, s.select);
    s.grabPressed = boolean(ShopAction::Grab, s.grab);
    bool menuHeld = false;
    s.menuPressed = boolean(ShopAction::Menu, menuHeld);

    auto stickInfo = xrStruct<XrActionStateGetInfo>(XR_TYPE_ACTION_STATE_GET_INFO);
    stickInfo.action = action(ShopAction::Stick);
    stickInfo.subactionPath = sub;
    auto stick = xrStruct<XrActionStateVector2f>(XR_TYPE_ACTION_STATE_VECTOR2F);
    VRM_XR_CHECK(xrGetActionStateVector2f(session.handle(), &stickInfo, &stick));
    if (stick.isActive == XR_TRUE) {
      s.active = true;
      s.stickX = stick.currentState.x;
      s.stickY = stick.currentState.y;
    }

    auto poseInfo = xrStruct<XrActionStateGetInfo>(XR_TYPE_ACTION_STATE_GET_INFO);
    poseInfo.action = action(ShopAction::Aim);
    poseInfo.subactionPath = sub;
    auto pose = xrStruct<XrActionStatePose>(XR_TYPE_ACTION_STATE_POSE);
    VRM_XR_CHECK(xrGetActionStatePose(session.handle(), &poseInfo, &pose));
    if (pose.isActive == XR_TRUE) {
      s.active = true;
      s.aimValid = session.locate(aimSpaces_[static_cast<size_t>(h)], time, s.aim);
    }
  }

  if (eyeGaze_ != XR_NULL_HANDLE) {
    auto info = xrStruct<XrActionStateGetInfo>(XR_TYPE_ACTION_STATE_GET_INFO);
    info.action = eyeGaze_;
    auto pose = xrStruct<XrActionStatePose>(XR_TYPE_ACTION_STATE_POSE);
    VRM_XR_CHECK(xrGetActionStatePose(session.handle(), &info, &pose));
    eyeSample_.actionActive = pose.isActive == XR_TRUE;
    if (eyeSample_.actionActive) {
      XrSpaceLocationFlags flags = 0;
      session.locate(eyeSpace_, time, eyePose_, &flags);
      eyeSample_.flags = flags;
    }
  }
}

void Controllers::tick(Session& session, Hand h) {
  auto vibration = xrStruct<XrHapticVibration>(XR_TYPE_HAPTIC_VIBRATION);
  vibration.amplitude = 0.5F;
  vibration.duration = 15'000'000;  // 15 ms: a tick, not a buzz
  vibration.frequency = XR_FREQUENCY_UNSPECIFIED;
  auto info = xrStruct<XrHapticActionInfo>(XR_TYPE_HAPTIC_ACTION_INFO);
  info.action = action(ShopAction::Haptic);
  info.subactionPath = handPaths_[static_cast<size_t>(h)];
  VRM_XR_CHECK(xrApplyHapticFeedback(session.handle(), &info,
                                     reinterpret_cast<const XrHapticBaseHeader*>(&vibration)));
}

void Controllers::readProfiles(Session& session) {
  for (int h = 0; h < 2; ++h) {
    auto state = xrStruct<XrInteractionProfileState>(XR_TYPE_INTERACTION_PROFILE_STATE);
    VRM_XR_CHECK(xrGetCurrentInteractionProfile(session.handle(),
                                                handPaths_[static_cast<size_t>(h)], &state));
    profiles_[static_cast<size_t>(h)] = runtime_.pathString(state.interactionProfile);
  }
}

}  // namespace vrmall::engine::xr
