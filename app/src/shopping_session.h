// The shopping loop on the render thread, for any display mode: which products are in view (the
// guide must not touch them), what the pointer ray rests on (dwell -> gaze events), the newest
// finished shelf plan applied at the frame boundary (swaps animate in), the product the shopper
// selected, the cart, the avatar and the privacy switches. The guide itself runs on its own
// thread (rec::GuideService); nothing here waits for it.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "avatar_profile.h"
#include "dwell_tracker.h"
#include "fitting_room.h"
#include "product_picker.h"
#include "shopper_saver.h"
#include "slot_animator.h"
#include "store_guide.h"
#include "store_scene.h"
#include "vrmall/engine/view.h"
#include "vrmall/rec/guide/guide_service.h"
#include "vrmall/rec/intent/intent_parser.h"
#include "vrmall/rec/intent/intent_search.h"
#include "vrmall/rec/outfits/outfit_builder.h"

namespace vrmall::app {

// One piece of the look the guide would complete around a product.
struct LookPiece {
  std::string slot;  // "bottom", "shoes", ... (rec::outfitSlotName)
  std::string itemId;
  std::string name;
  double price = 0.0;
  std::string reason;  // why it goes with the rest: "navy goes with the khaki chinos"
  int product = -1;    // the store product showing it, or -1 (not on display)
};

// One product on display, as the card shows it.
struct ProductInfo {
  std::string slotId;
  std::string itemId;
  std::string name;
  std::string brand;
  std::string category;
  std::string kind;  // CATEGORY_L1: tops, trousers, shoes, ... (how it is worn)
  double price = 0.0;
  std::vector<std::string> sizes;
  std::vector<std::pair<std::string, std::string>> attributes;  // label, value
  std::vector<std::string> colourways;  // the model's KHR_materials_variants
  int colourway = -1;                   // shown now (-1: the model's default = the first)
  std::vector<rec::Reason> reasons;     // why the guide suggests it (empty: not a suggestion)
  bool suggested = false;               // on the For-you wall or a mannequin
  std::vector<LookPiece> look;          // "complete the look": the best outfit around it
  double lookPrice = 0.0;               // the whole look, this product included

  // The colourway shown now by name (the model's default is its first), "" without any.
  std::string colourwayName() const {
    if (colourways.empty()) return "";
    const bool shown = colourway >= 0 && static_cast<size_t>(colourway) < colourways.size();
    return colourways[shown ? static_cast<size_t>(colourway) : 0];
  }
};

// A search in plain words, as the search box shows it.
struct StoreSearch {
  std::string query;
  rec::ShoppingIntent intent;
  rec::SearchResults results;
  std::vector<int> products;  // per hit: the store product showing it, or -1 (not on display)
};

struct CartLine {
  std::string itemId;
  std::string name;
  std::string size;
  std::string colourway;
  double price = 0.0;
};

struct SessionOptions {
  DwellConfig dwell;
  float maxPickDistance = 8.0F;  // metres: products further away are not "looked at"
  // Wait for the guide after every posted event before the next frame (fixed-step tests and
  // golden images: the same input always gives the same shelves).
  bool synchronousGuide = false;
  // Keep every posted event for takePostedEvents() (runs that log them: the headset's
  // events.jsonl).
  bool logEvents = false;
  // Where the shopper's avatar, consent, history and cart are kept across runs (shopper_store.h);
  // none: nothing is saved (scripted runs, tests). With one, gaze tracking waits for consent.
  std::optional<std::filesystem::path> profileDir;
};

// An event the session gave the guide, as logged.
struct PostedEvent {
  std::string type;  // rec::toString: "gaze_dwell", "pick_up", ...
  std::string slot;
  std::string item;
  float value = 0.0F;    // gaze_dwell: milliseconds
  double seconds = 0.0;  // session time
};

struct SessionCounters {
  size_t eventsPosted = 0;
  size_t plansApplied = 0;
  size_t slotsSwapped = 0;
  size_t inViewSwapsRefused = 0;
  double lastFrameMs = 0.0;    // this class's own work in the last frame (render thread)
  size_t modelsPreloaded = 0;  // catalogue models loaded at start so swaps never load on a frame
  double preloadMs = 0.0;
};

class ShoppingSession {
 public:
  // Starts the guide on the store's own history; without it (errors are printed) the store
  // still works as a plain 3D shop: picking, cards and the cart need no guide.
  ShoppingSession(const std::filesystem::path& storeDir, StoreSummary& store,
                  engine::Renderer& renderer, engine::Scene& scene, SessionOptions options = {});
  ~ShoppingSession();

  // One frame: `view` is what the shopper sees, `pointer` the ray of the active source (none when
  // it rests on the UI), dt the frame's seconds. Marks slots in view, applies the newest plan to
  // slots out of view, advances animations, feeds the dwell tracker.
  void update(const engine::View& view, const std::optional<PointerRay>& pointer, float dt);

  // Shopping intent in plain words (English or Chinese) against the store's catalogue, ordered
  // by the guide for this shopper where the words leave ties. Empty intent and results without
  // a guide (its catalogue is the guide's).
  StoreSearch search(const std::string& query, size_t k = 12) const;

  // The product a ray points at (the nearest hit within reach), or -1: in the headset the
  // controller's aim selects and picks up while the gaze ray is what update() dwells on.
  int pick(const PointerRay& ray) const;
  // The product under the pointer (index into products()), or -1.
  int hovered() const { return hovered_; }
  // The product whose card is open, or -1. A click selects; a steady look past the select
  // threshold does too.
  int selected() const { return selected_; }
  void select(int product);
  const DwellTracker& dwell() const { return dwell_; }
  const engine::Bounds& productBounds(int product) const;

  // Cached per product (see stamp_ below); the reference stays valid until the card changes.
  const ProductInfo& info(int product) const;
  // Linear RGB per colourway of a product's model (read from the file once, for the card).
  std::vector<glm::vec3> swatches(const std::string& itemId) const;
  size_t productCount() const { return slots_.size(); }

  // Shopper actions on a product: events for the guide (never from gaze alone).
  void pickUp(int product);
  // Posts try_on and dresses the avatar in the fitting area in `size` ("" = the avatar's, or
  // the nearest stocked) and the product's colourway shown now; the desktop then shows the
  // fitting view until leaveFittingView().
  void tryOn(int product, const std::string& size = "");
  // The product and the rest of its "complete the look" outfit at once.
  void tryOnLook(int product, const std::string& size = "");
  // The fitting area (nullptr when the store has none); what the avatar wears, with fit verdicts.
  const FittingRoom* fitting() const { return fitting_.get(); }
  bool fittingView() const { return fittingView_; }
  void leaveFittingView() { fittingView_ = false; }
  void showFittingView() { fittingView_ = fitting_ != nullptr; }
  void undress();
  // Why the last try-on could not dress the avatar ("" when it could).
  const std::string& fittingError() const { return fittingError_; }
  void addToCart(int product, const std::string& size);
  void setColourway(int product, int colourway);
  // Buys everything in the cart: one purchase event per line, then the cart is empty.
  void checkout();
  void removeFromCart(size_t line);
  const std::vector<CartLine>& cart() const { return cart_; }
  double cartTotal() const;
  const std::vector<std::string>& triedOn() const { return triedOn_; }

  const AvatarProfile& avatar() const { return avatar_; }
  void setAvatar(const AvatarProfile& avatar);
  bool gazeTracking() const { return gazeTracking_; }
  // Also the shopper's standing answer to gaze tracking (saved with the profile).
  void setGazeTracking(bool on);
  // Privacy: forgets this session's events, gaze data and the cart on the guide's side, and with
  // a profile also the saved profile, history and cart on disk (the avatar back to the default,
  // gaze tracking off until asked again).
  void forgetMe();
  // With a profile that has not answered yet: ask whether gaze may be tracked (first start).
  bool needsGazeConsent() const { return saver_ && !gazeConsent_; }
  // "Export my data": the profile, history and cart as JSON into the profile folder (or `file`);
  // returns the file written, or nothing (with the reason in `error`).
  std::optional<std::filesystem::path> exportMyData(std::string& error,
                                                    const std::filesystem::path& file = {});
  // The profile as loaded at start: "" when fine, else why the saved file was set aside.
  const std::string& profileProblem() const { return profileProblem_; }
  const ShopperSaver* saver() const { return saver_.get(); }
  // Waits until the newest state is on disk (quitting).
  void flushSaves() {
    if (saver_) saver_->flush();
  }

  bool guideRunning() const { return guide_ != nullptr; }
  std::string guideError() const { return guideError_; }
  double guideTrainMs() const { return start_ ? start_->trainMs : 0.0; }
  // The newest plan the render thread applied (nullptr before the first).
  const rec::ShelfPlan* appliedPlan() const { return applied_.get(); }
  // The For-you wall's products (indices into products()) in slot order, with their reasons.
  std::vector<int> forYou() const;
  const SessionCounters& counters() const { return counters_; }
  // The events posted since the last call (SessionOptions::logEvents), oldest first.
  std::vector<PostedEvent> takePostedEvents() { return std::exchange(posted_, {}); }
  // The guide's slots as held now, in the plans' slot order: the item each shows and whether it
  // is in view (for logs and tests: a slot in view must never change).
  const std::vector<rec::SlotState>& slotStates() const { return state_; }
  // The catalogue's ITEM_ID of an item index ("" when out of range or without a guide).
  std::string itemIdOf(int32_t index) const;
  // Product index for a slot id, or -1.
  int productOfSlot(const std::string& slotId) const;
  // The store product showing catalogue item `itemId`, or -1.
  int productShowing(const std::string& itemId) const;

 private:
  struct Slot {
    std::string id;
    engine::InstanceId instance = 0;
    int guideSlot = -1;  // index into the guide's slots, or -1 for ordinary shelf slots
  };
  void post(int product, rec::EventType type, float value);
  void applyPlan();
  int32_t itemIndex(const std::string& itemId) const;

  StoreSummary& store_;
  engine::Renderer& renderer_;
  engine::Scene& scene_;
  SessionOptions options_;
  std::optional<GuideStart> start_;
  std::unique_ptr<SlotPlacer> placer_;
  std::unique_ptr<rec::GuideService> guide_;
  std::string guideError_;
  std::vector<rec::SlotState> state_;  // one per guide slot
  std::vector<Slot> slots_;            // every product slot in the store
  std::vector<int> guideToProduct_;
  std::vector<std::optional<engine::Bounds>> guideSlotBoxes_;  // per guide slot, from the layout
  std::shared_ptr<const rec::ShelfPlan> applied_;
  ProductPicker picker_;
  DwellTracker dwell_;
  SlotAnimator animator_;
  SessionCounters counters_;
  int hovered_ = -1, selected_ = -1;
  double seconds_ = 0.0;
  std::vector<CartLine> cart_;
  std::vector<std::string> triedOn_;
  mutable std::map<std::string, std::vector<glm::vec3>> swatchCache_;
  // Cards are drawn every frame; their data changes only with the avatar, forget me, a checkout
  // (`stamp_`: every card), a new plan for the product's guide slot or its colourway
  // (`productStamp_`: that card alone). A card is rebuilt when either moved on. A card outside
  // the guide's slots asks the guide for its reasons when it is built (when it opens), not again
  // at every event: that is a recommender call on the render thread.
  uint64_t stamp_ = 0;
  std::vector<uint64_t> productStamp_;
  struct CachedInfo {
    uint64_t stamp = 0, productStamp = 0;
    bool valid = false;
    ProductInfo info;
  };
  mutable std::map<int, CachedInfo> infoCache_;
  ProductInfo computeInfo(int product) const;
  void completeTheLook(int32_t index, ProductInfo& out) const;
  // The catalogue's part of a product card (name, brand, price, sizes, attributes), per item:
  // it never changes, so a new plan does not look it up again.
  mutable std::map<int32_t, ProductInfo> catalogueInfo_;
  const ProductInfo& catalogueInfo(int32_t index) const;
  AvatarProfile avatar_;
  bool gazeTracking_ = true;
  std::vector<PostedEvent> posted_;
  mutable std::unique_ptr<rec::IntentParser> parser_;    // made on the first search
  mutable std::unique_ptr<rec::OutfitBuilder> outfits_;  // made when the first card opens
  std::unique_ptr<FittingRoom> fitting_;
  std::unique_ptr<ShopperSaver> saver_;
  std::optional<bool> gazeConsent_;
  std::vector<SavedEvent> history_;  // dwell events and actions, wall-clock seconds
  std::string profileProblem_;
  SavedShopper snapshot() const;
  void persist();
  void applyGazeTracking(bool on);  // without recording it as the shopper's answer
  void restoreProfile();
  bool fittingView_ = false;
  std::string fittingError_;
  void dress(const TryOnRequest& request);
};

}  // namespace vrmall::app
