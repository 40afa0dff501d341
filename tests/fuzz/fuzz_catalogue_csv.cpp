// The items / users CSV reader (RFC 4180 quoting, UTF-8 checks, typed columns) and the
// interactions reader, on arbitrary bytes.
#include <stdexcept>

#include "fuzz_input.h"
#include "vrmall/rec/data/attribute_table.h"
#include "vrmall/rec/data/data_error.h"
#include "vrmall/rec/data/interaction.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string csv = vrmall::fuzz::text(data, size);
  try {
    vrmall::rec::IdMap ids;
    const auto table = vrmall::rec::AttributeTable::fromCsvText(csv, "fuzz.csv", "ITEM_ID", ids);
    for (int32_t i = 0; i < ids.size() && i < 8; ++i) (void)table.value(i, "PRICE");
  } catch (const vrmall::rec::DataError&) {
  }
  try {
    vrmall::rec::IdMap users, items;
    (void)vrmall::rec::parseInteractions(csv, "fuzz.csv", users, items);
  } catch (const vrmall::rec::DataError&) {
  }
  return 0;
}
