#include "vrmall/rec/data/data_error.h"

namespace vrmall::rec {
namespace {
std::string format(const std::string& file, int64_t line, int column, const std::string& message) {
  std::string out = file;
  if (line > 0) out += ":" + std::to_string(line);
  if (column > 0) out += ": column " + std::to_string(column);
  return out + ": " + message;
}
}  // namespace

DataError::DataError(std::string file, int64_t line, int column, const std::string& message)
    : std::runtime_error(format(file, line, column, message)),
      file_(std::move(file)),
      line_(line),
      column_(column) {}

DataError::DataError(const std::string& message) : std::runtime_error(message) {}

}  // namespace vrmall::rec
