#pragma once
// The guide's view of assets/store/layout.json: which slots exist, what they may hold, how
// visible they are, what they show now, and the promo signs. Geometry stays with the app.
#include <string>
#include <vector>

#include "vrmall/rec/data/dataset.h"
#include "vrmall/rec/guide/shelf_plan.h"

namespace vrmall::rec {

struct StoreSlots {
  std::vector<SlotSpec> slots;
  std::vector<SlotState> state;  // current items (item index, -1 if unknown id)
  std::vector<std::string> promo_signs;
};

// Reads the "For you" wall, the mannequins and the showcase stage (and, with `shelves`, every
// shelf slot too).
// Throws DataError naming the file and the JSON path of anything malformed.
StoreSlots loadStoreSlots(const std::string& layout_path, const IdMap& items, bool shelves = false);

}  // namespace vrmall::rec
