#pragma once
// DataError: bad input named by file, line and column, so a QA engineer can open the file at the
// exact place. Thrown by every loader; the CLI prints what() and exits non-zero.
#include <cstdint>
#include <stdexcept>
#include <string>

namespace vrmall::rec {

class DataError : public std::runtime_error {
 public:
  DataError(std::string file, int64_t line, int column, const std::string& message);
  // For problems that are not tied to one place in a text file (model files, option values).
  explicit DataError(const std::string& message);

  const std::string& file() const { return file_; }
  int64_t line() const { return line_; }  // 1-based; 0 when unknown
  int column() const { return column_; }  // 1-based field number; 0 when unknown

 private:
  std::string file_;
  int64_t line_ = 0;
  int column_ = 0;
};

}  // namespace vrmall::rec
