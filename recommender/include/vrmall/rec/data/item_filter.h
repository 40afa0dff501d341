#pragma once
// ItemFilter: include/exclude rules over item attributes, as a retail recommender service takes
// them: `PRICE < 300`, `CATEGORY_L1 IN (dresses, skirts)`, `COLOR NOT IN (black)`,
// `GENDER = women AND PRICE <= 120`, with OR, NOT and parentheses. Set columns match when any
// of their values does; comparisons are case-insensitive. A syntax error or an unknown column
// is a DataError that names the position in the expression.
#include <memory>
#include <string>
#include <vector>

#include "vrmall/rec/data/attribute_table.h"

namespace vrmall::rec {

class ItemFilter {
 public:
  ItemFilter();  // matches everything
  ~ItemFilter();
  ItemFilter(ItemFilter&&) noexcept;
  ItemFilter& operator=(ItemFilter&&) noexcept;

  static ItemFilter parse(const std::string& expression, const AttributeTable& items);
  bool matches(int32_t item) const;
  // mask[i] = 1 where item i does NOT pass (the form Recommender's exclusion takes).
  void excludeFailing(std::vector<uint8_t>& mask) const;
  const std::string& expression() const { return expression_; }

  struct Node;

 private:
  std::unique_ptr<Node> root_;
  std::string expression_;
};

}  // namespace vrmall::rec
