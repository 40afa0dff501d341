#pragma once
// Which of the shopper's sizes applies to an item, and whether the item is stocked in it.
// Clothing sizes (XS..XXL) come from the SIZE attribute, shoe sizes (EU numbers) from SHOE_SIZE;
// an item sold in one size ("one-size", or none listed) fits everyone.
#include <string>
#include <unordered_map>
#include <vector>

#include "vrmall/rec/data/attribute_table.h"

namespace vrmall::rec {

struct SizeMatch {
  bool applies = false;  // the shopper has a size of the item's kind
  bool fits = true;      // stocked in that size (always true when it does not apply)
  std::string size;      // the shopper's size that applied
};

SizeMatch matchSize(const Column* sizes, int32_t item,
                    const std::unordered_map<std::string, std::string>& attributes);

// The same rule for every item at once, precomputed per item so a shelf plan can filter a large
// catalogue with integer compares.
class SizeIndex {
 public:
  SizeIndex() = default;
  explicit SizeIndex(const Column* sizes);
  // excluded[i] = 1 for items the shopper's sizes rule out.
  void excludeNotFitting(const std::unordered_map<std::string, std::string>& attributes,
                         std::vector<uint8_t>& excluded) const;
  // applies[i] = 1 where the shopper gave a size of item i's kind (clothing or shoes).
  void markApplicable(const std::unordered_map<std::string, std::string>& attributes,
                      std::vector<uint8_t>& applies) const;

  // matchSize() for many items of one shopper: the shopper's sizes are read once.
  struct ShopperSizes {
    std::string size[2];         // clothing, shoes: as given (trimmed); empty: none
    int32_t code[2] = {-1, -1};  // their codes in the SIZES column (-1: nothing stocked)
  };
  struct Fit {
    bool applies = false;
    bool fits = true;
    const std::string* size = nullptr;  // into the ShopperSizes asked with
  };
  ShopperSizes shopperSizes(const std::unordered_map<std::string, std::string>& attributes) const;
  Fit fit(const ShopperSizes& shopper, int32_t item) const;

 private:
  const Column* sizes_ = nullptr;
  std::vector<int8_t> kind_;  // per item: 0 clothing, 1 shoes, -1 fits everyone
};

}  // namespace vrmall::rec
