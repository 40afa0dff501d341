#include "dwell_tracker.h"

#include <algorithm>

namespace vrmall::app {

void DwellTracker::leave(std::vector<Event>& out) {
  if (target_ >= 0) out.push_back({Kind::Leave, target_, dwell_});
  target_ = -1;
  dwell_ = 0.0F;
  away_ = 0.0F;
  interestFired_ = false;
  selectFired_ = false;
}

std::vector<DwellTracker::Event> DwellTracker::update(int32_t target, float dt) {
  std::vector<Event> out;
  dt = std::max(0.0F, dt);
  if (target != target_ && target_ >= 0) {
    // Off the product: within the grace period nothing happens yet.
    away_ += dt;
    if (away_ < config_.graceSeconds && target < 0) return out;
    leave(out);
  }
  if (target < 0) return out;
  if (target != target_) {
    target_ = target;
    dwell_ = 0.0F;
    out.push_back({Kind::Enter, target_, 0.0F});
    return out;  // the first frame on a product only enters; dwell counts from here
  }
  away_ = 0.0F;
  dwell_ += dt;
  if (!interestFired_ && dwell_ >= config_.interestSeconds) {
    interestFired_ = true;
    out.push_back({Kind::Interest, target_, dwell_});
  }
  if (!selectFired_ && dwell_ >= config_.selectSeconds) {
    selectFired_ = true;
    out.push_back({Kind::Select, target_, dwell_});
  }
  return out;
}

std::vector<DwellTracker::Event> DwellTracker::reset() {
  std::vector<Event> out;
  leave(out);
  return out;
}

float DwellTracker::selectProgress() const {
  if (target_ < 0 || config_.selectSeconds <= 0.0F) return 0.0F;
  return std::clamp(dwell_ / config_.selectSeconds, 0.0F, 1.0F);
}

}  // namespace vrmall::app
