#include "vrmall/rec/guide/guide_service.h"

#include <algorithm>
#include <chrono>

namespace vrmall::rec {

GuideService::GuideService(std::shared_ptr<const Recommender> recommender,
                           std::vector<SlotSpec> slots, UserContext shopper, PlanOptions options)
    : rec_(std::move(recommender)),
      planner_(*rec_, std::move(slots)),
      options_(std::move(options)),
      state_(planner_.slots().size()),
      shopper_(std::move(shopper)) {
  base_ = shopper_;
  avatar_ = shopper_.attributes;
  worker_ = std::thread([this] { run(); });
}

GuideService::~GuideService() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  worker_.join();
}

void GuideService::post(const Interaction& event) {
  {
    std::lock_guard lock(mutex_);
    if (event.type == EventType::GazeDwell && !gaze_tracking_) return;
    inbox_.push_back(event);
    ++posted_;
    dirty_ = true;
  }
  wake_.notify_one();
}

void GuideService::setSlotState(std::vector<SlotState> state) {
  {
    std::lock_guard lock(mutex_);
    state_ = std::move(state);
    state_.resize(planner_.slots().size());
    ++posted_;
    dirty_ = true;
  }
  wake_.notify_one();
}

void GuideService::setAttributes(std::unordered_map<std::string, std::string> attributes) {
  {
    std::lock_guard lock(mutex_);
    attributes_ = std::move(attributes);
    attributes_changed_ = true;
    ++posted_;
    dirty_ = true;
  }
  wake_.notify_one();
}

void GuideService::setGazeTracking(bool enabled) {
  {
    std::lock_guard lock(mutex_);
    gaze_tracking_ = enabled;
    if (!enabled) {
      inbox_.erase(
          std::remove_if(inbox_.begin(), inbox_.end(),
                         [](const Interaction& e) { return e.type == EventType::GazeDwell; }),
          inbox_.end());
      gaze_purge_ = true;
    }
    ++posted_;
    dirty_ = true;
  }
  wake_.notify_one();
}

void GuideService::forgetMe() {
  {
    std::lock_guard lock(mutex_);
    inbox_.clear();
    forget_ = true;
    ++posted_;
    dirty_ = true;
  }
  wake_.notify_one();
}

void GuideService::flush() {
  std::unique_lock lock(mutex_);
  const uint64_t target = posted_;
  idle_.wait(lock, [&] { return planned_ >= target && !dirty_; });
}

UserContext GuideService::shopperSnapshot() const {
  std::lock_guard lock(mutex_);
  return shopper_;
}

void GuideService::run() {
  uint64_t version = 0;
  while (true) {
    std::vector<Interaction> events;
    std::vector<SlotState> state;
    bool forget = false, purge = false;
    std::unordered_map<std::string, std::string> attributes;
    bool new_attributes = false;
    uint64_t batch_end = 0;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stop_ || dirty_; });
      if (stop_) return;
      events.swap(inbox_);
      state = state_;
      forget = std::exchange(forget_, false);
      purge = std::exchange(gaze_purge_, false);
      new_attributes = std::exchange(attributes_changed_, false);
      if (new_attributes) attributes = attributes_;
      dirty_ = false;
      batch_end = posted_;
    }
    // The worker owns the session and is the only writer of shopper_: it updates it in place
    // under the lock (readers copy it under the lock) and plans from it without the lock.
    if (forget) {
      base_ = UserContext{};  // forget me: the stored history goes too, only the avatar stays
      session_.clear();
    }
    if (purge) {
      session_.erase(
          std::remove_if(session_.begin(), session_.end(),
                         [](const Interaction& e) { return e.type == EventType::GazeDwell; }),
          session_.end());
    }
    if (new_attributes) avatar_ = std::move(attributes);
    {
      std::lock_guard lock(mutex_);
      if (forget || purge) {
        shopper_ = base_;  // rebuilt from what is left
        rec_->addEvents(shopper_, session_);
      }
      if (!events.empty()) rec_->addEvents(shopper_, events);
      // The avatar is set again only when it changed or the context was rebuilt.
      if ((new_attributes || forget || purge) && (!avatar_.empty() || forget))
        shopper_.attributes = avatar_;
    }
    session_.insert(session_.end(), events.begin(), events.end());

    auto plan = std::make_shared<ShelfPlan>(planner_.plan(shopper_, state, options_));
    plan->version = ++version;
    {
      std::lock_guard lock(mutex_);
      plan->published_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                               std::chrono::steady_clock::now().time_since_epoch())
                               .count();
      std::atomic_store(&latest_, std::shared_ptr<const ShelfPlan>(std::move(plan)));
      planned_ = batch_end;
    }
    idle_.notify_all();
  }
}

}  // namespace vrmall::rec
