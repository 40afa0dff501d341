// The --filter expression language (AND/OR/NOT, IN, comparisons) against a small catalogue.
#include "fuzz_input.h"
#include "vrmall/rec/data/attribute_table.h"
#include "vrmall/rec/data/data_error.h"
#include "vrmall/rec/data/item_filter.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static vrmall::rec::IdMap ids;
  static const vrmall::rec::AttributeTable items = vrmall::rec::AttributeTable::fromCsvText(
      "ITEM_ID,CATEGORY_L1,PRICE,COLOR,SIZES\nP1,dresses,120,red,S|M\nP2,shoes,80,black,40|41\n",
      "items.csv", "ITEM_ID", ids);
  try {
    const auto filter = vrmall::rec::ItemFilter::parse(vrmall::fuzz::text(data, size), items);
    (void)filter;
  } catch (const vrmall::rec::DataError&) {
  }
  return 0;
}
