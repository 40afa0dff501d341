// layout.json as the guide reads it (the For-you wall, mannequins, showcase, shelves).
#include <stdexcept>

#include "fuzz_input.h"
#include "vrmall/rec/data/attribute_table.h"
#include "vrmall/rec/data/data_error.h"
#include "vrmall/rec/guide/store_layout.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static vrmall::rec::IdMap ids;
  static const vrmall::rec::AttributeTable items = vrmall::rec::AttributeTable::fromCsvText(
      "ITEM_ID,CATEGORY_L1\nP0001,tops\nP0002,shoes\n", "items.csv", "ITEM_ID", ids);
  const auto file = vrmall::fuzz::asFile(data, size, "layout.json");
  try {
    (void)vrmall::rec::loadStoreSlots(file.string(), ids, true);
  } catch (const vrmall::rec::DataError&) {
  }
  return 0;
}
