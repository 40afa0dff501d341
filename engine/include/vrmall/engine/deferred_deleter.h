// Deferred destruction for GPU objects that a frame in flight may still read. retire() parks an
// object in the current frame slot; when the renderer has waited on that slot's fence again
// (framesInFlight frames later) collect() destroys it. Nothing is freed under the GPU's feet.
#pragma once

#include <memory>
#include <utility>
#include <vector>

namespace vrmall::engine {

class DeferredDeleter {
 public:
  explicit DeferredDeleter(size_t framesInFlight) : slots_(framesInFlight) {}

  // Keep `object` alive until slot `frameSlot` comes round again.
  template <typename T>
  void retire(size_t frameSlot, T&& object) {
    slots_[frameSlot % slots_.size()].push_back(
        std::make_unique<Holder<std::decay_t<T>>>(std::forward<T>(object)));
  }
  // Call after waiting on frameSlot's fence: everything retired there is now unused.
  void collect(size_t frameSlot) { slots_[frameSlot % slots_.size()].clear(); }
  // Call after vkDeviceWaitIdle.
  void collectAll() {
    for (auto& slot : slots_) slot.clear();
  }
  size_t pending() const {
    size_t n = 0;
    for (const auto& slot : slots_) n += slot.size();
    return n;
  }

 private:
  struct Retired {
    virtual ~Retired() = default;
  };
  template <typename T>
  struct Holder final : Retired {
    explicit Holder(T&& o) : object(std::move(o)) {}
    T object;
  };
  std::vector<std::vector<std::unique_ptr<Retired>>> slots_;
};

}  // namespace vrmall::engine
