// Reading the committed store in tests: an RFC 4180 CSV reader (independent of the
// recommender's, so the two cross-check each other) and the store's path.
#pragma once

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace vrmall::assets_test {

inline std::filesystem::path store_dir() {
  return VRMALL_STORE_DIR;
}

inline std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + p.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::map<std::string, size_t> column;
  const std::string& at(size_t row, const std::string& name) const {
    return rows[row][column.at(name)];
  }
};

inline Table read_csv(const std::filesystem::path& p) {
  const std::string text = read_text(p);
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false, field_started = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"' && !field_started) {
      quoted = field_started = true;
    } else if (c == ',') {
      record.push_back(field);
      field.clear();
      field_started = false;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      record.push_back(field);
      records.push_back(record);
      record.clear();
      field.clear();
      field_started = false;
    } else {
      field += c;
      field_started = true;
    }
  }
  if (field_started || !record.empty()) {
    record.push_back(field);
    records.push_back(record);
  }
  Table t;
  if (records.empty()) return t;
  t.header = records.front();
  for (size_t i = 0; i < t.header.size(); ++i) t.column[t.header[i]] = i;
  t.rows.assign(records.begin() + 1, records.end());
  return t;
}

inline std::vector<std::string> split_set(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == '|') {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

inline std::string first_line(const std::filesystem::path& p) {
  const std::string text = read_text(p);
  return text.substr(0, text.find('\n'));
}

}  // namespace vrmall::assets_test
