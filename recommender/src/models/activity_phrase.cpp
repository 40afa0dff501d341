#include "vrmall/rec/models/activity_phrase.h"

#include "vrmall/rec/data/text_util.h"

namespace vrmall::rec {
namespace {
int strength(EventType t) {
  switch (t) {
    case EventType::Purchase:
      return 6;
    case EventType::AddToCart:
      return 5;
    case EventType::TryOn:
      return 4;
    case EventType::PickUp:
      return 3;
    case EventType::Rating:
      return 2;
    case EventType::GazeDwell:
      return 1;
    default:
      return 0;
  }
}
}  // namespace

std::string becauseYou(const UserContext& user, int32_t item, const Dataset& data) {
  const std::string name = data.itemName(item);
  const Interaction* best = nullptr;
  float dwell_ms = 0.0f;
  for (const auto& e : user.events) {
    if (e.item != item) continue;
    if (e.type == EventType::GazeDwell) dwell_ms += e.value;
    if (!best || strength(e.type) > strength(best->type)) best = &e;
  }
  if (!best) return "because you liked " + name;
  switch (best->type) {
    case EventType::Purchase:
      return "because you bought " + name;
    case EventType::AddToCart:
      return "because you added " + name + " to your cart";
    case EventType::TryOn:
      return "because you tried on " + name;
    case EventType::PickUp:
      return "because you picked up " + name;
    case EventType::GazeDwell:
      return "because you looked at " + name + " for " + formatSeconds(dwell_ms / 1000.0);
    case EventType::View:
      return "because you viewed " + name;
    default:
      return "because you liked " + name;
  }
}

}  // namespace vrmall::rec
