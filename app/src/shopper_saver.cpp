#include "shopper_saver.h"

#include <iostream>

namespace vrmall::app {

ShopperSaver::ShopperSaver(ShopperStore store)
    : store_(std::move(store)), worker_([this] { run(); }) {}

ShopperSaver::~ShopperSaver() {
  flush();
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  worker_.join();
}

void ShopperSaver::submit(SavedShopper snapshot, int64_t now) {
  {
    std::lock_guard lock(mutex_);
    pending_.emplace(std::move(snapshot), now);
  }
  wake_.notify_all();
}

void ShopperSaver::flush() {
  std::unique_lock lock(mutex_);
  done_.wait(lock, [&] { return !pending_ && !writing_; });
}

size_t ShopperSaver::forget() {
  std::unique_lock lock(mutex_);
  pending_.reset();
  done_.wait(lock, [&] { return !writing_; });
  return store_.erase();
}

std::string ShopperSaver::lastError() const {
  std::lock_guard lock(mutex_);
  return error_;
}

size_t ShopperSaver::saves() const {
  std::lock_guard lock(mutex_);
  return saves_;
}

void ShopperSaver::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stop_ || pending_.has_value(); });
    if (!pending_) {
      if (stop_) return;
      continue;
    }
    auto [snapshot, now] = std::move(*pending_);
    pending_.reset();
    writing_ = true;
    lock.unlock();
    std::string error;
    try {
      store_.save(snapshot, now);
    } catch (const std::exception& e) {
      error = e.what();
    }
    lock.lock();
    writing_ = false;
    if (!error.empty() && error != error_) std::cerr << "vrmall: warning: " << error << "\n";
    error_ = error;
    if (error.empty()) ++saves_;
    done_.notify_all();
  }
}

}  // namespace vrmall::app
