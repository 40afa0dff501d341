#include "vrmall/rec/data/mllib_factors.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "vrmall/rec/data/data_error.h"
#include "vrmall/rec/data/text_util.h"

namespace vrmall::rec {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct Reader {
  MllibFactors& out;
  std::unordered_set<std::string> seen;
  std::string where;  // file:line

  [[noreturn]] void fail(const std::string& what) const { throw DataError(where + ": " + what); }

  void addRow(const std::string& id, const std::vector<float>& features) {
    if (id.empty()) fail("no id");
    if (features.empty()) fail("no features");
    for (float f : features) {
      if (!std::isfinite(f)) fail("a feature is not a finite number");
    }
    if (out.dims == 0) out.dims = static_cast<int>(features.size());
    if (static_cast<int>(features.size()) != out.dims) {
      fail("id " + id + " has " + std::to_string(features.size()) + " features, the first row " +
           std::to_string(out.dims));
    }
    if (!seen.insert(id).second) fail("id " + id + " appears twice");
    out.ids.push_back(id);
    out.values.insert(out.values.end(), features.begin(), features.end());
  }

  void jsonLine(const std::string& line) {
    const json j = json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) fail("not a JSON object");
    if (!j.contains("id")) fail("no \"id\"");
    std::string id;
    if (j["id"].is_number_integer()) {
      id = std::to_string(j["id"].get<int64_t>());
    } else if (j["id"].is_string()) {
      id = j["id"].get<std::string>();
    } else {
      fail("\"id\" is neither an integer nor a string");
    }
    if (!j.contains("features") || !j["features"].is_array()) fail("no \"features\" array");
    std::vector<float> f;
    for (const auto& v : j["features"]) {
      if (!v.is_number()) fail("a feature is not a number");
      f.push_back(v.get<float>());
    }
    addRow(id, f);
  }

  void csvLine(std::string line) {
    const size_t comma = line.find(',');
    if (comma == std::string::npos) fail("expected id,features");
    const std::string head = line.substr(0, comma), tail = line.substr(comma + 1);
    std::string id(trim(head));
    std::string rest(trim(tail));
    if (id == "id") return;  // the header
    auto unquote = [](std::string& s) {
      if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
    };
    unquote(id);
    unquote(rest);
    if (!rest.empty() && rest.front() == '[') rest.erase(0, 1);
    if (!rest.empty() && rest.back() == ']') rest.pop_back();
    std::replace_if(
        rest.begin(), rest.end(), [](char c) { return c == ';' || c == ','; }, ' ');
    std::vector<float> f;
    for (const std::string& part : splitCopy(rest, ' ')) {
      if (part.empty()) continue;
      try {
        size_t used = 0;
        f.push_back(std::stof(part, &used));
        if (used != part.size()) throw std::invalid_argument(part);
      } catch (const std::exception&) {
        fail("'" + part + "' is not a number");
      }
    }
    addRow(id, f);
  }
};

}  // namespace

MllibFactors readMllibFactors(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    throw DataError(dir.string() +
                    ": not a folder (MLlib writes factors as a folder of part files)");
  }
  std::vector<fs::path> parts;
  bool success = false;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name == "_SUCCESS") success = true;
    if (name.rfind("part-", 0) != 0 || !entry.is_regular_file()) continue;  // .crc, _SUCCESS...
    parts.push_back(entry.path());
  }
  std::sort(parts.begin(), parts.end());
  if (parts.empty()) throw DataError(dir.string() + ": no part-* files");
  if (!success) {
    throw DataError(dir.string() +
                    ": no _SUCCESS file: the Spark job that wrote it did not finish (or failed)");
  }
  MllibFactors out;
  Reader reader{out, {}, {}};
  for (const fs::path& part : parts) {
    const std::string name = part.filename().string();
    if (name.ends_with(".gz") || name.ends_with(".snappy") || name.ends_with(".bz2")) {
      throw DataError(part.string() +
                      ": compressed part files are not read; write with "
                      ".option(\"compression\", \"none\")");
    }
    const bool csv = name.ends_with(".csv");
    if (!csv && !name.ends_with(".json")) {
      throw DataError(part.string() +
                      ": neither .json nor .csv (Parquet is not read; write "
                      "the factors with .write.json)");
    }
    std::ifstream in(part);
    if (!in) throw DataError(part.string() + ": cannot be read");
    out.files.push_back(part.string());
    std::string line;
    for (size_t n = 1; std::getline(in, line); ++n) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (trim(std::string_view(line)).empty()) continue;
      reader.where = part.string() + ":" + std::to_string(n);
      if (csv) {
        reader.csvLine(line);
      } else {
        reader.jsonLine(line);
      }
    }
  }
  if (out.ids.empty()) throw DataError(dir.string() + ": the part files hold no rows");
  return out;
}

}  // namespace vrmall::rec
