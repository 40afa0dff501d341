#pragma once
// Shopping intent to a ranked result list. Hard constraints filter (garment, price range, who it
// is for, the size stocked: a waist such as 32 reads as a letter size for tops and trousers);
// soft ones rank (colour, also as a colourway; material; season; style; what the occasion calls
// for; "long"), each match a reason; the shopper's own guide scores (or popularity) order the
// rest. Nothing in stock is an honest empty list with the constraint that emptied it.
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "vrmall/rec/data/dataset.h"
#include "vrmall/rec/intent/shopping_intent.h"

namespace vrmall::rec {

struct SearchHit {
  int32_t item = -1;
  std::string id, name;
  double price = 0.0;
  float score = 0.0f;
  std::vector<std::string> reasons;
};

struct SearchResults {
  std::vector<SearchHit> hits;
  std::string empty_reason;  // why nothing matches (when hits is empty)
  size_t matched = 0;        // items that passed the hard constraints
};

struct SearchOptions {
  size_t k = 10;
  // Per item: the shopper's guide scores (hybrid) or popularity; empty: catalogue order.
  std::span<const float> personal;
  // A reason for an item from the guide, shown after the intent's own (may be null).
  std::function<std::string(int32_t)> personal_reason;
};

SearchResults searchCatalogue(const Dataset& data, const ShoppingIntent& intent,
                              const SearchOptions& options);

// The letter size a numeric waist stands for (30-32: M), or "" when it is not a waist.
std::string waistToLetter(double waist);

}  // namespace vrmall::rec
