// The shopper's avatar as the avatar editor shows it, and as the guide reads it: the same
// attribute names as the store's users.csv (HEIGHT_CM, BUILD, SIZE, SKIN_TONE, GENDER, STYLE,
// BUDGET), so a new shopper is described exactly like the shoppers the guide was trained on.
#pragma once

#include <exception>
#include <set>
#include <string>
#include <unordered_map>

namespace vrmall::app {

struct AvatarProfile {
  int heightCm = 168;
  std::string build = "average";
  std::string size = "M";
  std::string skinTone = "medium";
  std::string gender = "women";  // gender presentation: women, men, or "" (show everything)
  std::set<std::string> styles;  // style preferences; empty = no preference
  int budget = 150;              // per item, in the store's currency; 0 = no limit

  std::unordered_map<std::string, std::string> toAttributes() const {
    std::unordered_map<std::string, std::string> a;
    a["HEIGHT_CM"] = std::to_string(heightCm);
    a["BUILD"] = build;
    a["SIZE"] = size;
    a["SKIN_TONE"] = skinTone;
    if (!gender.empty()) a["GENDER"] = gender;
    std::string joined;
    for (const auto& s : styles) joined += (joined.empty() ? "" : "|") + s;
    if (!joined.empty()) a["STYLE"] = joined;
    if (budget > 0) a["BUDGET"] = std::to_string(budget);
    return a;
  }
  // The profile with the attributes in `a` applied (users.csv's names; unknown keys and
  // unreadable numbers leave a field as it was), e.g. a tour step's avatar.
  AvatarProfile with(const std::unordered_map<std::string, std::string>& a) const {
    AvatarProfile p = *this;
    const auto number = [&](const char* key, int& field) {
      if (auto it = a.find(key); it != a.end()) {
        try {
          field = std::stoi(it->second);
        } catch (const std::exception&) {
        }
      }
    };
    number("HEIGHT_CM", p.heightCm);
    number("BUDGET", p.budget);
    const auto text = [&](const char* key, std::string& field) {
      if (auto it = a.find(key); it != a.end()) field = it->second;
    };
    text("BUILD", p.build);
    text("SIZE", p.size);
    text("SKIN_TONE", p.skinTone);
    text("GENDER", p.gender);
    return p;
  }
  bool operator==(const AvatarProfile&) const = default;
};

}  // namespace vrmall::app
