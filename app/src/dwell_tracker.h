// Turns "what the pointer ray hits, frame by frame" into what the shopping guide learns. Looking
// at a product past the short interest threshold is passive interest; past the longer select
// threshold its card opens. Neither ever buys, adds to the cart or tries on: those take a
// deliberate click or key (no "Midas touch"). When the gaze leaves a product it looked at past
// the interest threshold, one gaze_dwell event carries the whole dwell in milliseconds.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace vrmall::app {

struct DwellConfig {
  float interestSeconds = 0.5F;  // shorter glances are noise (saccades, walking past)
  float selectSeconds = 1.0F;    // a steady look opens the product card
  // A blink or a jittery ray that leaves the product for less than this keeps the dwell going.
  float graceSeconds = 0.15F;
};

class DwellTracker {
 public:
  enum class Kind : uint8_t { Enter, Interest, Select, Leave };
  struct Event {
    Kind kind;
    int32_t target;      // what the event is about (a product instance, slot, ...)
    float dwellSeconds;  // how long the gaze had rested on it
  };

  explicit DwellTracker(DwellConfig config = {}) : config_(config) {}

  // One frame: `target` is what the ray hits now (-1: nothing), dt the frame's seconds.
  // Returns the events this frame caused, in order.
  std::vector<Event> update(int32_t target, float dt);
  // Ends the current dwell now (gaze tracking turned off, the window lost focus, ...).
  std::vector<Event> reset();

  int32_t target() const { return target_; }
  float dwellSeconds() const { return dwell_; }
  // 0..1 towards the select threshold, for the progress ring; 0 when nothing is gazed at.
  float selectProgress() const;
  bool interested() const { return interestFired_; }
  const DwellConfig& config() const { return config_; }
  void setConfig(const DwellConfig& config) { config_ = config; }

 private:
  void leave(std::vector<Event>& out);

  DwellConfig config_;
  int32_t target_ = -1;
  float dwell_ = 0.0F;
  float away_ = 0.0F;  // seconds the ray has been off target_ (within the grace period)
  bool interestFired_ = false;
  bool selectFired_ = false;
};

}  // namespace vrmall::app
