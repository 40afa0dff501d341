// Whether a garment in a chosen size fits the avatar, as the fitting room shows it and says it:
// clothing sizes on the letter ladder (XS..XXL) against the avatar's size. A size under the
// avatar's is drawn narrower and shorter than the body (the body shows through: too small), one
// over wider and longer (loose: too large).
#pragma once

#include <glm/glm.hpp>
#include <string>
#include <vector>

namespace vrmall::app {

enum class FitKind { Fits, TooSmall, TooLarge, NotJudged };

struct GarmentFit {
  FitKind kind = FitKind::NotJudged;
  int steps = 0;     // chosen size minus the avatar's, in sizes
  std::string text;  // "too small: S is one size under your M"
  // The garment's scale against one fitted to the body: x and z widths, y length.
  glm::vec3 scale{1.0F};
};

// Position on the letter ladder (XXS = 0 .. XXXL = 7), or -1 for other sizes.
int letterSize(const std::string& size);

// `category` is the catalogue's CATEGORY_L1 (tops, trousers, shoes, ...).
GarmentFit judgeFit(const std::string& category, const std::string& size,
                    const std::string& avatarSize);

// The size a try-on uses when the shopper chose none: the avatar's if stocked, else the nearest
// stocked letter size, else the first listed ("" when none is).
std::string defaultSize(const std::vector<std::string>& stocked, const std::string& avatarSize);

const char* toString(FitKind kind);

}  // namespace vrmall::app
