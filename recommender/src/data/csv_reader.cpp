#include "vrmall/rec/data/csv_reader.h"

#include <fstream>
#include <sstream>

#include "vrmall/rec/data/data_error.h"

namespace vrmall::rec {

bool isValidUtf8(std::string_view s, size_t* bad_offset) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t extra = 0;
    if (c < 0x80) {
      extra = 0;
    } else if ((c & 0xE0) == 0xC0 && c >= 0xC2) {
      extra = 1;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
    } else if ((c & 0xF8) == 0xF0 && c <= 0xF4) {
      extra = 3;
    } else {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    for (size_t k = 1; k <= extra; ++k) {
      if (i + k >= s.size() || (static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) {
        if (bad_offset) *bad_offset = i;
        return false;
      }
    }
    i += extra + 1;
  }
  return true;
}

CsvReader::CsvReader(std::string text, std::string name)
    : text_(std::move(text)), name_(std::move(name)) {
  if (text_.size() >= 3 && text_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;
}

CsvReader CsvReader::fromFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError(path, 0, 0, "cannot open file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return CsvReader(buffer.str(), path);
}

CsvReader CsvReader::fromString(std::string text, std::string name) {
  return CsvReader(std::move(text), std::move(name));
}

void CsvReader::skipLine() {
  // After a bad record, resume at the next line so --skip-bad-rows can go on.
  while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
  if (pos_ < text_.size()) {
    ++pos_;
    ++line_;
  }
}

bool CsvReader::next(std::vector<std::string>& fields) {
  fields.clear();
  // Skip blank lines between records.
  while (pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r')) {
    if (text_[pos_] == '\n') ++line_;
    ++pos_;
  }
  if (pos_ >= text_.size()) return false;
  record_line_ = line_;

  std::string field;
  bool in_quotes = false;
  bool was_quoted = false;
  int64_t quote_line = 0;
  const auto finish_field = [&] {
    size_t bad = 0;
    if (!isValidUtf8(field, &bad)) {
      const int64_t line = line_;
      skipLine();
      throw DataError(name_, line, static_cast<int>(fields.size() + 1),
                      "invalid UTF-8 (byte " + std::to_string(bad + 1) + " of the field)");
    }
    fields.push_back(std::move(field));
    field.clear();
    was_quoted = false;
  };
  while (pos_ < text_.size()) {
    const char c = text_[pos_++];
    if (in_quotes) {
      if (c == '"') {
        if (pos_ < text_.size() && text_[pos_] == '"') {
          field += '"';
          ++pos_;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line_;
        field += c;
      }
      continue;
    }
    if (c == ',') {
      finish_field();
    } else if (c == '"') {
      // A quote inside an unquoted field (`3.5" Short`) is taken literally, as Python's csv
      // and spreadsheet programs do; only a field that starts with a quote is quoted.
      if (!field.empty() || was_quoted) {
        if (was_quoted) skipLine();
        if (was_quoted) {
          throw DataError(name_, line_ - 1, static_cast<int>(fields.size() + 1),
                          "text after a closing quote");
        }
        field += c;
        continue;
      }
      in_quotes = true;
      was_quoted = true;
      quote_line = line_;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
      ++line_;
      finish_field();
      return true;
    } else {
      if (was_quoted) {
        const int64_t line = line_;
        skipLine();
        throw DataError(name_, line, static_cast<int>(fields.size() + 1),
                        "text after a closing quote");
      }
      field += c;
    }
  }
  if (in_quotes) {
    throw DataError(name_, quote_line, static_cast<int>(fields.size() + 1),
                    "quoted field is never closed");
  }
  finish_field();
  return true;
}

}  // namespace vrmall::rec
