#pragma once
// AttributeTable: the typed attribute columns of items or users, one row per dense index of a
// shared IdMap (rows for ids that the file did not list stay empty). Numbers are doubles;
// categories, sets and text are all bags of dictionary codes, so the content model and the
// filters treat them alike: a category has at most one code, a set several, text its word tokens.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "vrmall/rec/data/id_map.h"

namespace vrmall::rec {

enum class ColumnType : uint8_t { Number, Category, Set, Text };
const char* toString(ColumnType type);
std::optional<ColumnType> columnTypeFromString(std::string_view name);

struct Column {
  std::string name;  // upper-case as in the header, without a ":type" suffix
  ColumnType type = ColumnType::Category;
  std::vector<double> numbers;       // Number: one per row, NaN when missing
  std::vector<uint32_t> offsets{0};  // bag types: row r's codes are codes[offsets[r]..offsets[r+1])
  std::vector<int32_t> codes;
  std::vector<std::string> dictionary;  // code -> lower-cased value (display uses raw)
  std::unordered_map<std::string, int32_t> code_of;
  std::vector<std::string> raw;  // the field as written, for display and explanations

  bool isBag() const { return type != ColumnType::Number; }
  size_t rows() const { return raw.size(); }
  double number(int32_t row) const {
    return static_cast<size_t>(row) < numbers.size() ? numbers[static_cast<size_t>(row)]
                                                     : std::numeric_limits<double>::quiet_NaN();
  }
  // Codes of a row (empty for rows the file did not list).
  std::pair<const int32_t*, const int32_t*> bag(int32_t row) const {
    const auto r = static_cast<size_t>(row);
    if (row < 0 || r + 1 >= offsets.size()) return {nullptr, nullptr};
    return {codes.data() + offsets[r], codes.data() + offsets[r + 1]};
  }
  // The row's first code, or -1 (a category's value).
  int32_t first(int32_t row) const {
    const auto [b, e] = bag(row);
    return b == e ? -1 : *b;
  }
  std::optional<int32_t> findCode(std::string_view value) const;
  int32_t internCode(std::string_view value);
};

struct LoadOptions {
  bool skip_bad_rows = false;  // skip and count bad rows instead of failing on the first
};

struct LoadReport {
  int64_t rows = 0;
  int64_t skipped = 0;
  std::vector<std::string> problems;  // the first few skipped rows' errors, file:line: column: why
};

class AttributeTable {
 public:
  // Reads a CSV whose first column named `id_column` (e.g. ITEM_ID) identifies the row; every id
  // is registered in `ids`. Throws DataError naming file, line and column for bad rows.
  static AttributeTable load(const std::string& path, const std::string& id_column, IdMap& ids,
                             const LoadOptions& options = {}, LoadReport* report = nullptr);
  static AttributeTable fromCsvText(const std::string& text, const std::string& name,
                                    const std::string& id_column, IdMap& ids,
                                    const LoadOptions& options = {}, LoadReport* report = nullptr);

  // Grows every column to `rows` rows (new ids added to the IdMap after loading).
  void resize(size_t rows);

  const std::vector<Column>& columns() const { return columns_; }
  std::vector<Column>& columns() { return columns_; }
  const Column* column(std::string_view name) const;
  int columnIndex(std::string_view name) const;  // -1 if absent
  size_t rows() const { return rows_; }
  bool hasRow(int32_t row) const {
    return row >= 0 && static_cast<size_t>(row) < listed_.size() &&
           listed_[static_cast<size_t>(row)];
  }
  // The raw text of a cell, "" when missing.
  std::string value(int32_t row, std::string_view column) const;

  // Appends one row given as column -> raw text (used for built-in demo data and avatars).
  void setRow(int32_t row, const std::unordered_map<std::string, std::string>& values);
  void addColumn(std::string name, ColumnType type);

  // Serialisation support (model files).
  std::vector<uint8_t>& listed() { return listed_; }
  const std::vector<uint8_t>& listed() const { return listed_; }
  void setRowCount(size_t rows) { rows_ = rows; }

 private:
  std::vector<Column> columns_;
  std::vector<uint8_t> listed_;  // 1 for rows present in the file
  size_t rows_ = 0;
};

// Fills one cell of a column from its raw text (numbers parsed, bags split and interned).
// Returns false when a Number column gets text that is not a number.
bool appendCell(Column& column, std::string_view raw);

}  // namespace vrmall::rec
