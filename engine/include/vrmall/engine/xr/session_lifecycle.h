// The OpenXR session state machine as the app must follow it (OpenXR 1.0, "Session Lifecycle"),
// kept apart from the calls so it can be driven by a scripted event sequence in tests:
//   IDLE -> READY: call xrBeginSession; frames run (wait/begin/end every frame) until STOPPING.
//   SYNCHRONIZED, VISIBLE, FOCUSED: frames run; only FOCUSED gets input, only VISIBLE and FOCUSED
//     are shown.
//   STOPPING: call xrEndSession; frames stop.
//   LOSS_PENDING: the runtime is losing the session (headset unplugged): destroy it and try to
//     make a new one (the system may come back).
//   EXITING: destroy the session and quit.
// An instance loss (XrEventDataInstanceLossPending, XR_ERROR_INSTANCE_LOST from a call) ends the
// run the same way, without another call on the lost instance.
#pragma once

#include <openxr/openxr.h>

#include <string>
#include <vector>

namespace vrmall::engine::xr {

enum class LifecycleAction {
  None,
  BeginSession,     // xrBeginSession(primary stereo)
  EndSession,       // xrEndSession
  RecreateSession,  // xrDestroySession, then create a new session (and swapchains, spaces)
  DestroyAndQuit,   // xrDestroySession, leave the frame loop
  Quit,             // the instance is gone: leave without touching it
};

class SessionLifecycle {
 public:
  // A session was (re)created: it starts IDLE.
  void sessionCreated();
  // XrEventDataSessionStateChanged for our session.
  LifecycleAction onStateChanged(XrSessionState state);
  // XrEventDataInstanceLossPending, or a call returned XR_ERROR_INSTANCE_LOST.
  LifecycleAction onInstanceLost();
  // A call returned XR_ERROR_SESSION_LOST: as LOSS_PENDING.
  LifecycleAction onSessionLost();
  // The app wants to quit. True when xrRequestExitSession must be called now (the session is
  // running); otherwise the loop may leave at once (nothing runs).
  bool requestExit();
  // The xrBeginSession / xrEndSession calls the actions asked for were made.
  void began() { running_ = true; }
  void ended() { running_ = false; }

  XrSessionState state() const { return state_; }
  // Between xrBeginSession and xrEndSession: every iteration must xrWaitFrame, xrBeginFrame and
  // xrEndFrame.
  bool running() const { return running_; }
  bool focused() const { return state_ == XR_SESSION_STATE_FOCUSED; }
  bool visible() const {
    return state_ == XR_SESSION_STATE_VISIBLE || state_ == XR_SESSION_STATE_FOCUSED;
  }
  bool exitRequested() const { return exitRequested_; }
  bool instanceLost() const { return instanceLost_; }
  // Every state reached, in order, across recreations ("IDLE", "READY", ...).
  const std::vector<XrSessionState>& history() const { return history_; }
  int recreations() const { return recreations_; }

  static std::string stateName(XrSessionState state);

 private:
  XrSessionState state_ = XR_SESSION_STATE_UNKNOWN;
  bool running_ = false;
  bool exitRequested_ = false;
  bool instanceLost_ = false;
  int recreations_ = 0;
  std::vector<XrSessionState> history_;
};

}  // namespace vrmall::engine::xr
