#include "vrmall/engine/xr/session_lifecycle.h"

namespace vrmall::engine::xr {

void SessionLifecycle::sessionCreated() {
  state_ = XR_SESSION_STATE_UNKNOWN;
  running_ = false;
}

LifecycleAction SessionLifecycle::onStateChanged(XrSessionState state) {
  state_ = state;
  history_.push_back(state);
  switch (state) {
    case XR_SESSION_STATE_READY:
      // An exit asked for before the session ran still begins it: the runtime only moves a
      // running session on to STOPPING (the app then calls xrRequestExitSession).
      return running_ ? LifecycleAction::None : LifecycleAction::BeginSession;
    case XR_SESSION_STATE_STOPPING:
      return running_ ? LifecycleAction::EndSession : LifecycleAction::None;
    case XR_SESSION_STATE_LOSS_PENDING:
      ++recreations_;
      running_ = false;
      return exitRequested_ ? LifecycleAction::DestroyAndQuit : LifecycleAction::RecreateSession;
    case XR_SESSION_STATE_EXITING:
      running_ = false;
      return LifecycleAction::DestroyAndQuit;
    default:
      return LifecycleAction::None;
  }
}

LifecycleAction SessionLifecycle::onInstanceLost() {
  instanceLost_ = true;
  running_ = false;
  return LifecycleAction::Quit;
}

LifecycleAction SessionLifecycle::onSessionLost() {
  return onStateChanged(XR_SESSION_STATE_LOSS_PENDING);
}

bool SessionLifecycle::requestExit() {
  const bool first = !exitRequested_;
  exitRequested_ = true;
  return first && running_;
}

std::string SessionLifecycle::stateName(XrSessionState state) {
  switch (state) {
    case XR_SESSION_STATE_IDLE:
      return "IDLE";
    case XR_SESSION_STATE_READY:
      return "READY";
    case XR_SESSION_STATE_SYNCHRONIZED:
      return "SYNCHRONIZED";
    case XR_SESSION_STATE_VISIBLE:
      return "VISIBLE";
    case XR_SESSION_STATE_FOCUSED:
      return "FOCUSED";
    case XR_SESSION_STATE_STOPPING:
      return "STOPPING";
    case XR_SESSION_STATE_LOSS_PENDING:
      return "LOSS_PENDING";
    case XR_SESSION_STATE_EXITING:
      return "EXITING";
    default:
      return "UNKNOWN";
  }
}

}  // namespace vrmall::engine::xr
