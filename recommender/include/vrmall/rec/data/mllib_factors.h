#pragma once
// Factor matrices as Apache Spark MLlib's ALSModel writes them: `model.itemFactors` and
// `model.userFactors` are DataFrames with columns `id` (int) and `features` (array<float>), saved
// with `DataFrame.write.json(DIR)` (one JSON object per line: {"id":12,"features":[0.1,...]}) or
// `.csv(DIR)` after turning the array into text (Spark's CSV writer has no array type: id, then
// the features as "[0.1,0.2]" or separated by spaces or semicolons; a header row is optional).
// A folder holds part files (part-00000-<uuid>-c000.json ...), `_SUCCESS` when the job finished,
// and `.crc` checksums, which are skipped. Gzip-compressed part files are refused with a clear
// error (write with compression "none").
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace vrmall::rec {

struct MllibFactors {
  std::vector<std::string> ids;  // as text, in the order read
  std::vector<float> values;     // ids.size() x dims, row-major
  int dims = 0;
  std::vector<std::string> files;  // the part files read
};

// Throws DataError naming the folder, the part file and the line of anything malformed: no part
// files, no _SUCCESS (an unfinished or failed job), a missing id or features, a non-number, a
// row whose length differs from the first, a duplicate id.
MllibFactors readMllibFactors(const std::filesystem::path& dir);

}  // namespace vrmall::rec
