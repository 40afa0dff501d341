#pragma once
// CsvReader: RFC 4180 records from a file or a string. Quoted fields may hold separators, quotes
// ("") and line breaks; CRLF and LF both end a record; a UTF-8 byte-order mark is skipped and
// invalid UTF-8 is reported with its line and column.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vrmall::rec {

class CsvReader {
 public:
  // Reads the whole file into memory (catalogues are megabytes, not gigabytes).
  static CsvReader fromFile(const std::string& path);
  static CsvReader fromString(std::string text, std::string name = "<string>");

  // Next record into `fields`; false at end of input. Throws DataError on malformed quoting or
  // bad UTF-8. Blank lines are skipped.
  bool next(std::vector<std::string>& fields);

  // Line on which the last record returned by next() starts (1-based).
  int64_t recordLine() const { return record_line_; }
  const std::string& name() const { return name_; }

 private:
  CsvReader(std::string text, std::string name);
  void skipLine();

  std::string text_;
  std::string name_;
  size_t pos_ = 0;
  int64_t line_ = 1;
  int64_t record_line_ = 0;
};

// True if `s` is well-formed UTF-8; on failure `bad_offset` is the first bad byte.
bool isValidUtf8(std::string_view s, size_t* bad_offset = nullptr);

}  // namespace vrmall::rec
