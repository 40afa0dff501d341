// PNG files and image comparison, for screenshots and golden-image tests.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace vrmall::engine {

struct RgbaImage {
  uint32_t width = 0;
  uint32_t height = 0;
  std::vector<uint8_t> pixels;  // RGBA8, rows top to bottom
  bool empty() const { return pixels.empty(); }
};

bool writePng(const std::filesystem::path& path, const RgbaImage& image);
// Empty image when the file is missing or not a PNG.
RgbaImage readPng(const std::filesystem::path& path);

struct ImageDiff {
  bool sameSize = false;
  int maxChannelDiff = 0;        // 0..255
  double meanChannelDiff = 0.0;  // over all RGB channels
  double fractionOver = 0.0;     // pixels whose largest channel diff exceeds the threshold
  RgbaImage diff;                // |a-b| amplified, for failure reports
};

// Per-channel comparison (alpha ignored); `threshold` decides which pixels count as different.
ImageDiff compareImages(const RgbaImage& a, const RgbaImage& b, int threshold);

}  // namespace vrmall::engine
