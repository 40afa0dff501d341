// Saves the shopper's state off the render thread: a save is an fsync (milliseconds on a busy
// disk), so the session hands the newest snapshot over and a worker writes it; snapshots that
// arrive while one is being written are coalesced into the next write. flush() waits for the
// newest to be on disk (quitting, tests); forget() drops what is pending and deletes the files.
#pragma once

#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "shopper_store.h"

namespace vrmall::app {

class ShopperSaver {
 public:
  explicit ShopperSaver(ShopperStore store);
  ~ShopperSaver();  // flushes
  ShopperSaver(const ShopperSaver&) = delete;
  ShopperSaver& operator=(const ShopperSaver&) = delete;

  const ShopperStore& store() const { return store_; }
  void submit(SavedShopper snapshot, int64_t now);
  void flush();
  // Deletes the saved file and its backups (after any write in progress); returns files removed.
  size_t forget();
  // The last save's error ("" when it worked).
  std::string lastError() const;
  size_t saves() const;

 private:
  void run();

  ShopperStore store_;
  mutable std::mutex mutex_;
  std::condition_variable wake_, done_;
  std::optional<std::pair<SavedShopper, int64_t>> pending_;
  bool writing_ = false, stop_ = false;
  std::string error_;
  size_t saves_ = 0;
  std::thread worker_;
};

}  // namespace vrmall::app
