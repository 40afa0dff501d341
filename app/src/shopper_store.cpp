#include "shopper_store.h"

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "atomic_file.h"

namespace vrmall::app {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const char* kFormat = "vrmall-shopper";

[[noreturn]] void bad(const std::string& where, const std::string& pointer,
                      const std::string& what) {
  throw std::runtime_error(where + ": " + pointer + ": " + what);
}

const json& field(const json& j, const char* key, const std::string& where, const std::string& at,
                  json::value_t type) {
  if (!j.contains(key)) bad(where, at + "/" + key, "missing");
  const json& v = j[key];
  const bool ok = type == json::value_t::number_float ? v.is_number() : v.type() == type;
  if (!ok) bad(where, at + "/" + key, std::string("should be ") + json(type).type_name());
  return v;
}

std::string text(const json& j, const char* key, const std::string& where, const std::string& at) {
  return field(j, key, where, at, json::value_t::string).get<std::string>();
}

double number(const json& j, const char* key, const std::string& where, const std::string& at) {
  return field(j, key, where, at, json::value_t::number_float).get<double>();
}

}  // namespace

ShopperStore::ShopperStore(fs::path dir) : dir_(std::move(dir)), file_(dir_ / "shopper.json") {}

fs::path ShopperStore::defaultDir() {
  if (const char* d = std::getenv("VRMALL_DATA_DIR"); d != nullptr && *d != '\0') return d;
  if (const char* x = std::getenv("XDG_DATA_HOME"); x != nullptr && *x != '\0')
    return fs::path(x) / "vrmall";
  if (const char* h = std::getenv("HOME"); h != nullptr && *h != '\0')
    return fs::path(h) / ".local" / "share" / "vrmall";
  return fs::path(".vrmall");
}

json ShopperStore::toJson(const SavedShopper& s) {
  json styles = json::array();
  for (const auto& style : s.avatar.styles) styles.push_back(style);
  json history = json::array();
  for (const SavedEvent& e : s.history) {
    history.push_back(
        {{"type", e.type}, {"item", e.item}, {"timestamp", e.timestamp}, {"value", e.value}});
  }
  json cart = json::array();
  for (const SavedCartLine& l : s.cart) {
    cart.push_back({{"item", l.item},
                    {"name", l.name},
                    {"size", l.size},
                    {"colourway", l.colourway},
                    {"price", l.price}});
  }
  return {{"format", kFormat},
          {"version", kFormatVersion},
          {"avatar",
           {{"height_cm", s.avatar.heightCm},
            {"build", s.avatar.build},
            {"size", s.avatar.size},
            {"skin_tone", s.avatar.skinTone},
            {"gender", s.avatar.gender},
            {"styles", styles},
            {"budget", s.avatar.budget}}},
          {"gaze_consent", s.gazeConsent ? json(*s.gazeConsent) : json(nullptr)},
          {"history", history},
          {"cart", cart}};
}

SavedShopper ShopperStore::fromJson(const json& j, const std::string& where) {
  if (!j.is_object()) bad(where, "", "not a JSON object");
  if (text(j, "format", where, "") != kFormat) bad(where, "/format", "not a vrmall shopper file");
  const double version = number(j, "version", where, "");
  if (version > kFormatVersion) {
    bad(where, "/version",
        "written by a newer vrmall (format " + std::to_string(static_cast<int>(version)) +
            ", this one reads up to " + std::to_string(kFormatVersion) + ")");
  }
  SavedShopper s;
  const json& a = field(j, "avatar", where, "", json::value_t::object);
  s.avatar.heightCm = static_cast<int>(number(a, "height_cm", where, "/avatar"));
  if (s.avatar.heightCm < 50 || s.avatar.heightCm > 250)
    bad(where, "/avatar/height_cm", "outside 50..250");
  s.avatar.build = text(a, "build", where, "/avatar");
  s.avatar.size = text(a, "size", where, "/avatar");
  s.avatar.skinTone = text(a, "skin_tone", where, "/avatar");
  s.avatar.gender = text(a, "gender", where, "/avatar");
  const json& styles = field(a, "styles", where, "/avatar", json::value_t::array);
  for (size_t i = 0; i < styles.size(); ++i) {
    if (!styles[i].is_string()) bad(where, "/avatar/styles/" + std::to_string(i), "not a string");
    s.avatar.styles.insert(styles[i].get<std::string>());
  }
  s.avatar.budget = static_cast<int>(number(a, "budget", where, "/avatar"));
  if (!j.contains("gaze_consent")) bad(where, "/gaze_consent", "missing");
  if (j["gaze_consent"].is_boolean()) {
    s.gazeConsent = j["gaze_consent"].get<bool>();
  } else if (!j["gaze_consent"].is_null()) {
    bad(where, "/gaze_consent", "should be true, false or null");
  }
  const json& history = field(j, "history", where, "", json::value_t::array);
  for (size_t i = 0; i < history.size(); ++i) {
    const std::string at = "/history/" + std::to_string(i);
    if (!history[i].is_object()) bad(where, at, "not an object");
    s.history.push_back({text(history[i], "type", where, at), text(history[i], "item", where, at),
                         static_cast<int64_t>(number(history[i], "timestamp", where, at)),
                         static_cast<float>(number(history[i], "value", where, at))});
  }
  const json& cart = field(j, "cart", where, "", json::value_t::array);
  for (size_t i = 0; i < cart.size(); ++i) {
    const std::string at = "/cart/" + std::to_string(i);
    if (!cart[i].is_object()) bad(where, at, "not an object");
    s.cart.push_back({text(cart[i], "item", where, at), text(cart[i], "name", where, at),
                      text(cart[i], "size", where, at), text(cart[i], "colourway", where, at),
                      number(cart[i], "price", where, at)});
  }
  return s;
}

LoadedShopper ShopperStore::load() const {
  LoadedShopper out;
  std::error_code ec;
  // A save killed before its rename leaves its temporary file: never the saved state.
  fs::remove(temporaryFileFor(file_), ec);
  if (!fs::exists(file_, ec)) return out;
  out.existed = true;
  std::ifstream in(file_, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  try {
    if (!in) throw std::runtime_error(file_.string() + ": cannot be read");
    json j;
    try {
      j = json::parse(bytes.str());
    } catch (const json::parse_error& e) {
      // e.byte: where the JSON stops making sense (a truncated file: its end).
      throw std::runtime_error(file_.string() + ": byte " + std::to_string(e.byte) +
                               ": not valid JSON (truncated or corrupt)");
    }
    out.shopper = fromJson(j, file_.string());
  } catch (const std::exception& e) {
    out.problem = e.what();
    out.shopper = SavedShopper{};
    const auto stamp = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
    fs::path backup = file_;
    backup += ".unreadable-" + std::to_string(stamp);
    fs::rename(file_, backup, ec);
    if (ec) {
      throw std::runtime_error(out.problem + "; and it cannot be moved aside to " +
                               backup.string() + ": " + ec.message());
    }
    out.backup = backup;
  }
  return out;
}

void ShopperStore::save(const SavedShopper& shopper, int64_t now) const {
  SavedShopper kept = shopper;
  const int64_t oldest = now - kHistoryDays * 24 * 3600;
  std::erase_if(kept.history, [&](const SavedEvent& e) { return e.timestamp < oldest; });
  writeFileAtomically(file_, toJson(kept).dump(1) + "\n");
}

size_t ShopperStore::erase() const {
  size_t n = 0;
  std::error_code ec;
  if (fs::remove(file_, ec)) ++n;
  if (fs::remove(temporaryFileFor(file_), ec)) ++n;
  const std::string backups = file_.filename().string() + ".unreadable-";
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    if (entry.path().filename().string().rfind(backups, 0) == 0 && fs::remove(entry.path(), ec))
      ++n;
  }
  return n;
}

}  // namespace vrmall::app
