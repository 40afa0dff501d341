#include "vrmall/rec/data/event_weights.h"

#include <algorithm>
#include <vector>

namespace vrmall::rec {

float EventWeights::weight(const Interaction& event) const {
  if (event.value < threshold) return 0.0f;
  switch (event.type) {
    case EventType::Rating:
      return rating;
    case EventType::GazeDwell:
      return std::min(gaze_cap, gaze_per_second * event.value / 1000.0f);
    case EventType::View:
      return view;
    case EventType::PickUp:
      return pick_up;
    case EventType::TryOn:
      return try_on;
    case EventType::AddToCart:
      return add_to_cart;
    case EventType::Purchase:
      return purchase;
    case EventType::Other:
      return other * std::max(event.value, 0.0f);
  }
  return 0.0f;
}

SparseMatrix buildUserItemMatrix(std::span<const Interaction> events, int32_t users, int32_t items,
                                 const EventWeights& weights) {
  std::vector<Eigen::Triplet<float, int32_t>> triplets;
  triplets.reserve(events.size());
  for (const auto& e : events) {
    if (e.user < 0 || e.item < 0 || e.user >= users || e.item >= items) continue;
    const float w = weights.weight(e);
    if (w > 0.0f) triplets.emplace_back(e.user, e.item, w);
  }
  SparseMatrix m(users, items);
  m.setFromTriplets(triplets.begin(), triplets.end());  // duplicates are summed
  m.makeCompressed();
  return m;
}

}  // namespace vrmall::rec
