// The shopping-intent parser (English and Chinese, numbers, prices, sizes) over the default
// store's catalogue vocabulary. It never throws: any input is a (maybe empty) intent.
#include "fuzz_input.h"
#include "vrmall/rec/data/attribute_table.h"
#include "vrmall/rec/intent/intent_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static vrmall::rec::IdMap ids;
  static const vrmall::rec::AttributeTable items =
      vrmall::rec::AttributeTable::load(VRMALL_STORE_DIR "/items.csv", "ITEM_ID", ids);
  static const vrmall::rec::IntentParser parser(items);
  (void)parser.parse(vrmall::fuzz::text(data, size));
  return 0;
}
