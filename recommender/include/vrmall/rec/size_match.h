#pragma once
// Which of the shopper's sizes applies to an item, and whether the item is stocked in it.
// Clothing sizes (XS..XXL) come from the SIZE attribute, shoe sizes (EU numbers) from SHOE_SIZE;
// an item sold in one size ("one-size", or none listed) fits everyone.
#include <string>
#include <unordered_map>

#include "vrmall/rec/attribute_table.h"

namespace vrmall::rec {

struct SizeMatch {
  bool applies = false;  // the shopper has a size of the item's kind
  bool fits = true;      // stocked in that size (always true when it does not apply)
  std::string size;      // the shopper's size that applied
};

SizeMatch matchSize(const Column* sizes, int32_t item,
                    const std::unordered_map<std::string, std::string>& attributes);

}  // namespace vrmall::rec
