#include "garment_fit.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <string_view>

namespace vrmall::app {
namespace {

constexpr std::array<std::string_view, 8> kLadder = {"XXS", "XS", "S",   "M",
                                                     "L",   "XL", "XXL", "XXXL"};

bool sizedClothing(const std::string& category) {
  return category == "tops" || category == "jackets" || category == "dresses" ||
         category == "skirts" || category == "trousers";
}

std::string howMany(int steps) {
  static const char* words[] = {"", "one size", "two sizes", "three sizes"};
  const int n = std::abs(steps);
  return n < 4 ? words[n] : std::to_string(n) + " sizes";
}

}  // namespace

int letterSize(const std::string& size) {
  std::string up;
  for (char c : size) {
    if (c != ' ') up += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (up == "2XL") up = "XXL";
  if (up == "3XL") up = "XXXL";
  if (up == "2XS") up = "XXS";
  for (size_t i = 0; i < kLadder.size(); ++i) {
    if (kLadder[i] == up) return static_cast<int>(i);
  }
  return -1;
}

GarmentFit judgeFit(const std::string& category, const std::string& size,
                    const std::string& avatarSize) {
  GarmentFit f;
  if (!sizedClothing(category)) {
    f.text = category == "shoes" ? "shoes: the fit is not judged on the avatar"
                                 : "one size: fits everyone";
    return f;
  }
  const int chosen = letterSize(size), own = letterSize(avatarSize);
  if (chosen < 0 || own < 0) {
    f.text = "size " + size + ": not compared with the avatar's size " + avatarSize;
    return f;
  }
  f.steps = chosen - own;
  // Each size is a few centimetres of chest or hip: exaggerated a little so that a size off
  // reads at a glance, as it would in a mirror.
  const float s = static_cast<float>(std::clamp(f.steps, -3, 3));
  f.scale = {1.0F + 0.075F * s, 1.0F + 0.035F * s, 1.0F + 0.075F * s};
  if (f.steps == 0) {
    f.kind = FitKind::Fits;
    f.text = "fits: " + size + " is your size";
  } else if (f.steps < 0) {
    f.kind = FitKind::TooSmall;
    f.text = "too small: " + size + " is " + howMany(f.steps) + " under your " + avatarSize;
  } else {
    f.kind = FitKind::TooLarge;
    f.text = "too large: " + size + " is " + howMany(f.steps) + " over your " + avatarSize;
  }
  return f;
}

std::string defaultSize(const std::vector<std::string>& stocked, const std::string& avatarSize) {
  if (stocked.empty()) return "";
  for (const auto& s : stocked) {
    if (s == avatarSize) return s;
  }
  const int own = letterSize(avatarSize);
  std::string best = stocked.front();
  int bestDistance = 1000;
  for (const auto& s : stocked) {
    const int l = letterSize(s);
    if (l < 0 || own < 0) continue;
    // Ties go to the larger size: a garment a little loose is wearable, one too tight is not.
    const int d = std::abs(l - own) * 2 - (l > own ? 1 : 0);
    if (d < bestDistance) bestDistance = d, best = s;
  }
  return best;
}

const char* toString(FitKind kind) {
  switch (kind) {
    case FitKind::Fits:
      return "fits";
    case FitKind::TooSmall:
      return "too_small";
    case FitKind::TooLarge:
      return "too_large";
    case FitKind::NotJudged:
      break;
  }
  return "not_judged";
}

}  // namespace vrmall::app
