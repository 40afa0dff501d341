#pragma once
// ShelfPlanner: fills the "For you" wall, the mannequins and the promo signs for one shopper from
// one pass of the guide's scores. Slots are filled best-visible first; a candidate's score is
// discounted by its likeness to what its group already shows (no wall of near-identical items),
// no item appears twice, sizes the avatar does not wear are skipped, slots in view keep their
// item, and a slot only changes when the newcomer is clearly better (no flicker).
#include <memory>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "vrmall/rec/guide/shelf_plan.h"
#include "vrmall/rec/guide/trending.h"
#include "vrmall/rec/service/recommender.h"

namespace vrmall::rec {

class OutfitBuilder;

struct PlanOptions {
  float diversity = 0.5f;       // z-score units lost per shared attribute with the group
  float change_margin = 0.25f;  // a slot changes only when the newcomer beats it by this (z)
  size_t reasons = 2;
  size_t candidates_per_slot = 4;
  std::vector<std::string> promo_signs;  // sign ids to fill with personalised offers
  // The showcase stage: what is trending, re-ranked for this shopper (trend z + personal * the
  // guide's z among the trending), shown a stage-full at a time, the next stage-full every
  // rotation_s of the shopper's clock, over `rounds` stage-fulls.
  float showcase_personal = 0.6f;
  int64_t showcase_rotation_s = 45;
  size_t showcase_rounds = 3;
  size_t showcase_pool = 40;  // how far down the trending list the re-ranking may reach
};

class ShelfPlanner {
 public:
  ShelfPlanner(const Recommender& recommender, std::vector<SlotSpec> slots,
               const TrendOptions& trend = {});

  // `state` has one entry per slot, in the order of the constructor's slots.
  ShelfPlan plan(const UserContext& user, std::span<const SlotState> state,
                 const PlanOptions& options) const;

  const std::vector<SlotSpec>& slots() const { return slots_; }
  const TrendingItems& trending() const { return *trending_; }
  // The showcase's ranking for a shopper whose guide scores (standardised) are `z`: trending
  // items re-ranked, best first.
  std::vector<std::pair<int32_t, float>> showcaseRanking(std::span<const float> z,
                                                         const std::vector<uint8_t>& blocked,
                                                         const PlanOptions& options) const;

 private:
  struct Candidate {
    int32_t item;
    float z;
  };
  struct GroupShown;
  struct Theme {
    std::string key;  // "style category", as the sign shows it
    float score = 0.0f;
    std::vector<int32_t> items;
  };
  // Items the shopper's sizes rule out; depends on the avatar alone, so kept for the last few.
  std::shared_ptr<const std::vector<uint8_t>> sizeExcluded(
      const std::unordered_map<std::string, std::string>& attributes) const;
  struct SizeCache;
  float likeness(const GroupShown& group, int32_t item) const;
  void show(GroupShown& group, int32_t item) const;
  struct SlotRule;
  bool fits(size_t slot, int32_t item) const;
  bool fitsRule(const SlotRule& rule, int32_t item) const;
  // The best few of every CATEGORY_L1 among items not blocked, best first by (z, then item).
  std::vector<Candidate> bestPerKind(std::span<const float> z,
                                     const std::vector<uint8_t>& blocked) const;
  int32_t bestOutsidePool(size_t slot, std::span<const float> z,
                          const std::vector<uint8_t>& excluded, const std::vector<uint8_t>& used,
                          const std::vector<int32_t>* taken = nullptr) const;
  // What the shopper engaged with lately (newest first), and how a reason names it.
  struct Anchor {
    int32_t item;
    std::string phrase;  // "the khaki chinos you picked up"
  };
  std::vector<Anchor> recentAnchors(const UserContext& user) const;
  // Mannequins wear complete looks built around those anchors; `pairing` gets, per slot, the
  // reason its piece goes with the look.
  void planOutfits(const UserContext& user, const std::vector<std::vector<Candidate>>& fitting,
                   std::span<const float> z, std::span<const SlotState> state,
                   const std::vector<uint8_t>& excluded, std::vector<uint8_t>& used,
                   std::vector<PlannedSlot>& out, std::vector<Reason>& pairing,
                   const PlanOptions& options) const;
  // The stage's slots from showcaseRanking; `lead` gets each stage slot's trending reason.
  void planShowcase(const UserContext& user, std::span<const float> z,
                    std::span<const SlotState> state, const std::vector<uint8_t>& excluded,
                    std::vector<uint8_t>& used, std::vector<PlannedSlot>& out,
                    std::vector<Reason>& lead, const PlanOptions& options) const;

  const Recommender& rec_;
  std::vector<SlotSpec> slots_;
  const Column* category_ = nullptr;
  const Column* category_l2_ = nullptr;
  const Column* color_ = nullptr;
  const Column* brand_ = nullptr;
  const Column* style_ = nullptr;
  const Column* gender_ = nullptr;
  const Column* season_ = nullptr;
  // Per item: first code of CATEGORY_L1, CATEGORY_L2, COLOR, BRAND, GENDER (-1 when missing).
  std::vector<int32_t> l1_, l2_, colour_, brand_code_, gender_code_;
  std::vector<std::vector<int32_t>> items_of_kind_;  // per CATEGORY_L1 code: its items, in order
  int32_t unisex_ = -2;
  std::vector<int32_t> theme_of_item_;   // per item: its promotion theme (style + category)
  std::vector<std::string> theme_keys_;  // per theme: "style category", as the sign shows it
  struct SlotRule {
    std::vector<int32_t> kinds;  // CATEGORY_L1 codes the slot takes
    bool any_kind = true;
    int32_t gender = -1;  // -1: any
  };
  std::vector<SlotRule> rules_;
  std::vector<size_t> rule_class_;  // per slot: its rule class (slots with equal rules share one)
  std::vector<size_t> rule_owner_;  // per rule class: that first slot
  std::vector<uint64_t> fit_mask_;  // per item: bit c set when it fits rule class c (<= 64 classes)
  std::shared_ptr<SizeCache> size_cache_;
  std::shared_ptr<const OutfitBuilder> outfits_;   // what goes with what, for the mannequins
  std::shared_ptr<const TrendingItems> trending_;  // for the showcase stage
  size_t stage_size_ = 0;  // slots on the showcase stage (fixed by the layout)
};

}  // namespace vrmall::rec
