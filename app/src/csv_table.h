// A small RFC 4180 CSV reader (docs/data-formats.md): header row, quoted fields, BOM, CRLF.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace vrmall::app {

class CsvTable {
 public:
  // Throws std::runtime_error naming the file when it cannot be read.
  static CsvTable read(const std::filesystem::path& path);

  // Column index for a header name; a type suffix ("PRICE:number") is ignored.
  std::optional<size_t> column(const std::string& name) const;
  const std::vector<std::vector<std::string>>& rows() const { return rows_; }

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace vrmall::app
