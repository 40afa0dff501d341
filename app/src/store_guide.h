// The shopping guide's side of the 3D store: training the guide at start-up on the store's own
// history, and placing the products a plan puts in a slot (assets/README.md's placement rule).
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "store_scene.h"
#include "vrmall/engine/frustum.h"
#include "vrmall/engine/renderer.h"
#include "vrmall/engine/scene.h"
#include "vrmall/rec/guide/store_layout.h"
#include "vrmall/rec/service/recommender.h"

namespace vrmall::app {

// A product model's size (union of its POSITION min/max) and the point it hangs from when worn
// or mounted (node extras vrmall.attach; the origin when absent). Throws on unreadable JSON.
struct ProductGeometry {
  glm::vec3 size{0.0F};
  glm::vec3 attach{0.0F};
};
ProductGeometry readProductGeometry(const std::filesystem::path& gltf);

struct GuideStart {
  std::shared_ptr<const rec::Recommender> recommender;
  rec::StoreSlots slots;  // the For-you wall, the mannequins, the promo signs
  double trainMs = 0.0;
  int64_t clock = 0;  // an hour after the last recorded event: "now" for live events
};

// Trains the hybrid guide (no tuning) on storeDir's interactions, items and users. Throws.
GuideStart startGuide(const std::filesystem::path& storeDir);

class SlotPlacer {
 public:
  // Reads the slots' geometry from storeDir/layout.json. Throws.
  SlotPlacer(const std::filesystem::path& storeDir, StoreSummary& store, engine::Renderer& renderer,
             engine::Scene& scene);
  ~SlotPlacer();
  // Whether the slot's box (max_size on its anchor) meets the frustum; false for unknown slots.
  bool inView(const std::string& slotId, const engine::Frustum& frustum) const;
  // The box a slot's products stand in (fixed by the layout): callers that test it every frame
  // keep it instead of looking the slot up by id each time.
  std::optional<engine::Bounds> box(const std::string& slotId) const;
  // The middle of what the slot shows (world space), for gaze picking.
  std::optional<glm::vec3> centre(const std::string& slotId) const;
  // Loads and uploads every catalogue product's model not loaded yet (and reads its geometry), so
  // a plan's swaps cost the render thread only a transform. Returns how many were loaded.
  size_t preloadAll();
  // Puts itemId's model in the slot (loading it on first use); false with `error` set otherwise.
  bool show(const std::string& slotId, const std::string& itemId, std::string& error);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vrmall::app
