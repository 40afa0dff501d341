#pragma once
// The shelf planner's vocabulary: the store's slots as the guide sees them (no geometry), what the
// shopper can see right now, and the plan the render thread applies at a frame boundary.
#include <cstdint>
#include <string>
#include <vector>

#include "vrmall/rec/models/model.h"

namespace vrmall::rec {

struct SlotSpec {
  std::string id;                  // e.g. "FY-L3-1", "MQ1-top"
  std::string group;               // slots planned together: "for-you", "MQ1", a shelf id
  std::vector<std::string> kinds;  // CATEGORY_L1 values the slot can hold; empty = any
  float visibility = 1.0f;         // 0..1, eye level and main aisle highest
  std::string outfit_role;         // mannequins: top, bottom, shoes, bag, hat; else empty
  std::string gender;              // mannequins: women / men; else empty
  bool showcase = false;           // on the showcase stage: shows what is trending
};

struct SlotState {
  int32_t item = -1;     // what the slot shows now
  bool in_view = false;  // inside the shopper's view: must not change under their eyes
};

struct PlannedSlot {
  std::string slot_id;
  int32_t item = -1;
  std::string item_id;
  float score = 0.0f;
  std::vector<Reason> reasons;
  bool changed = false;  // differs from the slot's current item (the app animates it in)
  bool held = false;     // kept because it was in view
};

struct Promotion {
  std::string sign_id;
  std::string text;            // e.g. "Boho dresses picked for you: 15% off today"
  std::vector<int32_t> items;  // the items the offer is about, best first
  std::string reason;
};

struct ShelfPlan {
  uint64_t version = 0;
  std::vector<PlannedSlot> slots;
  std::vector<Promotion> promotions;
  double compute_us = 0.0;
  // The planning thread's own CPU time for it: compute_us less any time the thread was not
  // running (preempted by other threads or processes on a loaded machine).
  double compute_cpu_us = 0.0;
  // When GuideService made it available through latest() (steady clock, ns since its epoch).
  int64_t published_ns = 0;
};

}  // namespace vrmall::rec
