// The shopper's own data on this device: the avatar, the consent to gaze tracking, the shopping
// history (dwell events, never raw gaze samples) and the cart, in one versioned JSON file saved
// atomically (atomic_file.h), so a crash or a kill at any instant loses nothing saved before.
// A file that cannot be read (corrupt, truncated, from a newer vrmall) is reported with its name
// and the place, moved aside as a backup, and the shopper starts afresh: the app always starts.
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "avatar_profile.h"

namespace vrmall::app {

struct SavedEvent {
  std::string type;  // rec::toString: gaze_dwell, pick_up, try_on, add_to_cart, purchase
  std::string item;  // ITEM_ID
  int64_t timestamp = 0;
  float value = 0.0F;  // gaze_dwell: milliseconds
  bool operator==(const SavedEvent&) const = default;
};

struct SavedCartLine {
  std::string item, name, size, colourway;
  double price = 0.0;
  bool operator==(const SavedCartLine&) const = default;
};

struct SavedShopper {
  AvatarProfile avatar;
  std::optional<bool> gazeConsent;  // unset: not asked yet (first start)
  std::vector<SavedEvent> history;
  std::vector<SavedCartLine> cart;
  bool operator==(const SavedShopper&) const = default;
};

struct LoadedShopper {
  SavedShopper shopper;
  bool existed = false;                         // a saved file was read
  std::string problem;                          // why the file could not be used ("" when it could)
  std::optional<std::filesystem::path> backup;  // where the unusable file was moved
};

class ShopperStore {
 public:
  static constexpr int kFormatVersion = 1;
  // How long the history is kept: older events are dropped when saving.
  static constexpr int64_t kHistoryDays = 90;

  explicit ShopperStore(std::filesystem::path dir);
  // $VRMALL_DATA_DIR, else $XDG_DATA_HOME/vrmall, else ~/.local/share/vrmall.
  static std::filesystem::path defaultDir();

  const std::filesystem::path& file() const { return file_; }
  // Never throws for the file's contents (see LoadedShopper); throws only when an unusable file
  // cannot be moved aside (then nothing is overwritten either).
  LoadedShopper load() const;
  // Atomic; throws std::runtime_error naming the file when it cannot be written (the previous
  // save stays intact).
  void save(const SavedShopper& shopper, int64_t now) const;
  // "Forget me": the file and its backups are deleted. Returns how many files went.
  size_t erase() const;

  static nlohmann::json toJson(const SavedShopper& shopper);
  // Throws std::runtime_error naming `where` and the JSON pointer of what is wrong.
  static SavedShopper fromJson(const nlohmann::json& j, const std::string& where);

 private:
  std::filesystem::path dir_, file_;
};

}  // namespace vrmall::app
