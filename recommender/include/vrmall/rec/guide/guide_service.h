#pragma once
// GuideService: the shopping guide on its own thread. The render thread posts events and reads
// the newest finished plan; it never waits for scoring. Each batch of events updates the
// shopper's context (history, session, avatar) and produces a new ShelfPlan, published with an
// atomic pointer swap. Everything stays in this process: gaze data never leaves the device, and
// forgetMe() drops all of it.
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "vrmall/rec/guide/shelf_planner.h"

namespace vrmall::rec {

class GuideService {
 public:
  GuideService(std::shared_ptr<const Recommender> recommender, std::vector<SlotSpec> slots,
               UserContext shopper, PlanOptions options = {});
  ~GuideService();
  GuideService(const GuideService&) = delete;
  GuideService& operator=(const GuideService&) = delete;

  // Render-thread calls: each takes a short lock to hand data over, nothing more.
  void post(const Interaction& event);
  void setSlotState(std::vector<SlotState> state);
  void setAttributes(std::unordered_map<std::string, std::string> attributes);
  void setGazeTracking(bool enabled);  // off: gaze events are dropped, past ones forgotten
  void forgetMe();                     // privacy: history, session and gaze data are cleared

  // The newest finished plan (nullptr before the first); lock-free for the render thread.
  std::shared_ptr<const ShelfPlan> latest() const { return std::atomic_load(&latest_); }
  // Blocks until everything posted so far is reflected in latest() (tests, the headless tour).
  void flush();

  const ShelfPlanner& planner() const { return planner_; }
  UserContext shopperSnapshot() const;

 private:
  void run();

  std::shared_ptr<const Recommender> rec_;
  ShelfPlanner planner_;
  PlanOptions options_;

  mutable std::mutex mutex_;
  std::condition_variable wake_, idle_;
  std::vector<Interaction> inbox_;
  std::vector<SlotState> state_;
  std::unordered_map<std::string, std::string> attributes_;
  bool attributes_changed_ = false, dirty_ = true, forget_ = false, stop_ = false;
  bool gaze_tracking_ = true, gaze_purge_ = false;
  uint64_t posted_ = 0, planned_ = 0;

  UserContext shopper_;  // the current context; written by the worker under mutex_
  // Worker-only: the stored profile the session started from, this session's events, the avatar.
  UserContext base_;
  std::vector<Interaction> session_;
  std::unordered_map<std::string, std::string> avatar_;
  std::shared_ptr<const ShelfPlan> latest_;
  std::thread worker_;
};

}  // namespace vrmall::rec
