// Named colours of the store, with the sRGB values their materials are built from.
#pragma once

#include <array>
#include <string>
#include <vector>

namespace storegen {

struct Colour {
  std::string name;
  unsigned rgb;  // 0xRRGGBB, sRGB
};

const Colour& colour(const std::string& name);

// glTF's baseColorFactor is linear, so sRGB swatches are converted before they are written.
std::array<float, 3> linear_rgb(const Colour& c);

// Colours that suit a style, most typical first.
const std::vector<std::string>& style_palette(const std::string& style);

}  // namespace storegen
