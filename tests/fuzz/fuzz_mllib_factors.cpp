// A Spark MLlib factor part file (JSON lines, or CSV when the name says so: the first byte
// chooses), as import-als reads it.
#include "fuzz_input.h"
#include "vrmall/rec/data/data_error.h"
#include "vrmall/rec/data/mllib_factors.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const bool csv = (data[0] & 1) != 0;
  const auto part = vrmall::fuzz::asFile(
      data + 1, size - 1, "factors/part-00000-c000" + std::string(csv ? ".csv" : ".json"));
  const auto other = part.parent_path() / (csv ? "part-00000-c000.json" : "part-00000-c000.csv");
  std::filesystem::remove(other);
  std::ofstream(part.parent_path() / "_SUCCESS").close();
  try {
    (void)vrmall::rec::readMllibFactors(part.parent_path());
  } catch (const vrmall::rec::DataError&) {
  }
  return 0;
}
