#include "vrmall/rec/data/attribute_table.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "vrmall/rec/data/csv_reader.h"
#include "vrmall/rec/data/data_error.h"
#include "vrmall/rec/data/text_util.h"

namespace vrmall::rec {
namespace {

constexpr size_t kMaxReportedProblems = 20;

// Columns the schema says are numeric: a non-number there is an error, never a silent category.
bool isKnownNumberColumn(std::string_view name) {
  static const std::set<std::string, std::less<>> names = {
      "PRICE", "BUDGET", "HEIGHT_CM", "AGE", "EVENT_VALUE", "TIMESTAMP", "WEIGHT_KG", "YEAR"};
  return names.count(name) > 0;
}

bool isKnownTextColumn(std::string_view name) {
  static const std::set<std::string, std::less<>> names = {"NAME", "TITLE", "DESCRIPTION",
                                                           "PRODUCTDISPLAYNAME", "PRODUCT_NAME"};
  return names.count(name) > 0;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

ColumnType inferType(const std::string& name, const std::vector<std::vector<std::string>>& rows,
                     size_t column) {
  if (isKnownNumberColumn(name)) return ColumnType::Number;
  if (isKnownTextColumn(name)) return ColumnType::Text;
  size_t non_empty = 0, numeric = 0, with_pipe = 0, words = 0;
  std::set<std::string_view> distinct;
  for (const auto& row : rows) {
    if (column >= row.size()) continue;
    const std::string_view v = trim(row[column]);
    if (v.empty()) continue;
    ++non_empty;
    if (parseNumber(v)) ++numeric;
    if (v.find('|') != std::string_view::npos) ++with_pipe;
    words += static_cast<size_t>(std::count(v.begin(), v.end(), ' ')) + 1;
    distinct.insert(v);
  }
  if (non_empty == 0) return ColumnType::Category;
  if (numeric == non_empty) return ColumnType::Number;
  if (with_pipe > 0) return ColumnType::Set;
  const double mean_words = static_cast<double>(words) / static_cast<double>(non_empty);
  const double distinct_ratio =
      static_cast<double>(distinct.size()) / static_cast<double>(non_empty);
  if (mean_words >= 3.0 && distinct_ratio > 0.5) return ColumnType::Text;
  return ColumnType::Category;
}

}  // namespace

const char* toString(ColumnType type) {
  switch (type) {
    case ColumnType::Number:
      return "number";
    case ColumnType::Category:
      return "category";
    case ColumnType::Set:
      return "set";
    case ColumnType::Text:
      return "text";
  }
  return "?";
}

std::optional<ColumnType> columnTypeFromString(std::string_view name) {
  const std::string n = toLower(trim(name));
  if (n == "number" || n == "num" || n == "numeric") return ColumnType::Number;
  if (n == "category" || n == "cat") return ColumnType::Category;
  if (n == "set" || n == "multi") return ColumnType::Set;
  if (n == "text") return ColumnType::Text;
  return std::nullopt;
}

std::optional<int32_t> Column::findCode(std::string_view value) const {
  if (auto it = code_of.find(toLower(trim(value))); it != code_of.end()) return it->second;
  return std::nullopt;
}

int32_t Column::internCode(std::string_view value) {
  std::string key = toLower(trim(value));
  if (auto it = code_of.find(key); it != code_of.end()) return it->second;
  const auto code = static_cast<int32_t>(dictionary.size());
  dictionary.push_back(key);
  code_of.emplace(std::move(key), code);
  return code;
}

bool appendCell(Column& column, std::string_view raw) {
  column.raw.emplace_back(raw);
  const std::string_view v = trim(raw);
  if (column.type == ColumnType::Number) {
    if (v.empty()) {
      column.numbers.push_back(std::numeric_limits<double>::quiet_NaN());
      return true;
    }
    const auto number = parseNumber(v);
    column.numbers.push_back(number.value_or(std::numeric_limits<double>::quiet_NaN()));
    return number.has_value();
  }
  if (column.type == ColumnType::Text) {
    for (const auto& token : wordTokens(v)) column.codes.push_back(column.internCode(token));
  } else if (column.type == ColumnType::Set) {
    for (const auto part : split(v, '|')) {
      if (!trim(part).empty()) column.codes.push_back(column.internCode(part));
    }
  } else if (!v.empty()) {
    column.codes.push_back(column.internCode(v));
  }
  column.offsets.push_back(static_cast<uint32_t>(column.codes.size()));
  return true;
}

namespace {

// Puts a bag column's row `row` at the end position, filling gaps with empty rows.
void padColumn(Column& column, size_t rows) {
  while (column.raw.size() < rows) {
    column.raw.emplace_back();
    if (column.type == ColumnType::Number) {
      column.numbers.push_back(std::numeric_limits<double>::quiet_NaN());
    } else {
      column.offsets.push_back(static_cast<uint32_t>(column.codes.size()));
    }
  }
}

AttributeTable parseTable(CsvReader reader, const std::string& id_column, IdMap& ids,
                          const LoadOptions& options, LoadReport* report) {
  std::vector<std::string> header;
  if (!reader.next(header))
    throw DataError(reader.name(), 1, 0, "empty file: expected a header row");
  const int64_t header_line = reader.recordLine();

  // Header names may carry a ":type" suffix that pins the column's type.
  std::vector<std::string> names;
  std::vector<std::optional<ColumnType>> pinned;
  int id_index = -1;
  for (size_t c = 0; c < header.size(); ++c) {
    std::string name = upper(trim(header[c]));
    std::optional<ColumnType> type;
    if (const auto colon = name.find(':'); colon != std::string::npos) {
      type = columnTypeFromString(name.substr(colon + 1));
      if (!type) {
        throw DataError(reader.name(), header_line, static_cast<int>(c + 1),
                        "unknown column type '" + name.substr(colon + 1) +
                            "' (use number, category, set or text)");
      }
      name.resize(colon);
    }
    if (name.empty()) {
      throw DataError(reader.name(), header_line, static_cast<int>(c + 1), "empty column name");
    }
    if (std::find(names.begin(), names.end(), name) != names.end()) {
      throw DataError(reader.name(), header_line, static_cast<int>(c + 1),
                      "duplicate column '" + name + "'");
    }
    if (name == id_column) id_index = static_cast<int>(c);
    names.push_back(name);
    pinned.push_back(type);
  }
  if (id_index < 0) {
    throw DataError(reader.name(), header_line, 0, "no " + id_column + " column in the header");
  }

  // First pass: structurally valid records, so types can be inferred from all values.
  struct Record {
    int64_t line;
    std::vector<std::string> fields;
  };
  std::vector<Record> records;
  std::vector<std::string> fields;
  LoadReport local;
  const auto reject = [&](const DataError& error) {
    if (!options.skip_bad_rows) throw error;
    ++local.skipped;
    if (local.problems.size() < kMaxReportedProblems) local.problems.push_back(error.what());
  };
  std::set<std::string> seen_ids;
  while (true) {
    try {
      if (!reader.next(fields)) break;
    } catch (const DataError& error) {
      // The reader resumed at the next line; an unclosed quote consumed the rest of the file.
      reject(error);
      continue;
    }
    const int64_t line = reader.recordLine();
    if (fields.size() != names.size()) {
      const int column = static_cast<int>(std::min(fields.size(), names.size()) + 1);
      reject(DataError(reader.name(), line, column,
                       "expected " + std::to_string(names.size()) + " fields, found " +
                           std::to_string(fields.size()) +
                           (fields.size() > names.size()
                                ? " (an unquoted comma? quote fields that contain commas)"
                                : "")));
      continue;
    }
    const std::string id(trim(fields[static_cast<size_t>(id_index)]));
    if (id.empty()) {
      reject(DataError(reader.name(), line, id_index + 1, "empty " + id_column));
      continue;
    }
    if (!seen_ids.insert(id).second) {
      reject(
          DataError(reader.name(), line, id_index + 1, "duplicate " + id_column + " '" + id + "'"));
      continue;
    }
    records.push_back({line, fields});
  }

  AttributeTable table;
  std::vector<std::vector<std::string>> all_fields;
  all_fields.reserve(records.size());
  for (const auto& r : records) all_fields.push_back(r.fields);
  std::vector<int> column_of(names.size(), -1);
  for (size_t c = 0; c < names.size(); ++c) {
    if (static_cast<int>(c) == id_index) continue;
    column_of[c] = static_cast<int>(table.columns().size());
    table.addColumn(names[c], pinned[c] ? *pinned[c] : inferType(names[c], all_fields, c));
  }

  // Second pass: typed values; a non-number in a number column rejects the row.
  std::vector<std::pair<int32_t, std::unordered_map<std::string, std::string>>> rows;
  for (const auto& record : records) {
    bool bad = false;
    for (size_t c = 0; c < names.size() && !bad; ++c) {
      if (column_of[c] < 0) continue;
      const Column& column = table.columns()[static_cast<size_t>(column_of[c])];
      if (column.type == ColumnType::Number && !trim(record.fields[c]).empty() &&
          !parseNumber(record.fields[c])) {
        reject(
            DataError(reader.name(), record.line, static_cast<int>(c + 1),
                      "expected a number in " + names[c] + ", found '" + record.fields[c] + "'"));
        bad = true;
      }
    }
    if (bad) continue;
    const int32_t row = ids.add(trim(record.fields[static_cast<size_t>(id_index)]));
    std::unordered_map<std::string, std::string> values;
    for (size_t c = 0; c < names.size(); ++c) {
      if (column_of[c] >= 0) values.emplace(names[c], record.fields[c]);
    }
    rows.emplace_back(row, std::move(values));
    ++local.rows;
  }
  // Ids already in the map (from another file) may come out of order; rows are stored by index.
  std::sort(rows.begin(), rows.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [row, values] : rows) table.setRow(row, values);
  table.resize(static_cast<size_t>(ids.size()));
  if (report) *report = local;
  return table;
}

}  // namespace

AttributeTable AttributeTable::load(const std::string& path, const std::string& id_column,
                                    IdMap& ids, const LoadOptions& options, LoadReport* report) {
  return parseTable(CsvReader::fromFile(path), id_column, ids, options, report);
}

AttributeTable AttributeTable::fromCsvText(const std::string& text, const std::string& name,
                                           const std::string& id_column, IdMap& ids,
                                           const LoadOptions& options, LoadReport* report) {
  return parseTable(CsvReader::fromString(text, name), id_column, ids, options, report);
}

void AttributeTable::addColumn(std::string name, ColumnType type) {
  Column column;
  column.name = std::move(name);
  column.type = type;
  padColumn(column, rows_);
  columns_.push_back(std::move(column));
}

void AttributeTable::resize(size_t rows) {
  if (rows < rows_) return;
  rows_ = rows;
  listed_.resize(rows, 0);
  for (auto& column : columns_) padColumn(column, rows);
}

void AttributeTable::setRow(int32_t row,
                            const std::unordered_map<std::string, std::string>& values) {
  const auto r = static_cast<size_t>(row);
  if (r < rows_) {
    // Rows are written once, in index order, by the loaders; rewriting would need compaction.
    throw DataError("attribute row " + std::to_string(row) + " is already set");
  }
  resize(r);
  for (auto& column : columns_) {
    const auto it = values.find(column.name);
    appendCell(column, it == values.end() ? std::string_view{} : std::string_view{it->second});
  }
  rows_ = r + 1;
  listed_.resize(rows_, 0);
  listed_[r] = 1;
}

const Column* AttributeTable::column(std::string_view name) const {
  const int index = columnIndex(name);
  return index < 0 ? nullptr : &columns_[static_cast<size_t>(index)];
}

int AttributeTable::columnIndex(std::string_view name) const {
  const std::string key = upper(name);
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i].name == key) return static_cast<int>(i);
  }
  return -1;
}

std::string AttributeTable::value(int32_t row, std::string_view name) const {
  const Column* c = column(name);
  if (!c || row < 0 || static_cast<size_t>(row) >= c->raw.size()) return {};
  return std::string(trim(c->raw[static_cast<size_t>(row)]));
}

}  // namespace vrmall::rec
