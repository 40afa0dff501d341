// A saved guide (vrmall-rec train --out): versioned, checksummed binary. Corrupt, truncated,
// foreign and future files must be errors, never reads past the end or huge allocations.
#include "fuzz_input.h"
#include "vrmall/rec/data/data_error.h"
#include "vrmall/rec/service/recommender.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto file = vrmall::fuzz::asFile(data, size, "guide.bin");
  try {
    (void)vrmall::rec::Recommender::load(file.string());
  } catch (const vrmall::rec::DataError&) {
  }
  return 0;
}
