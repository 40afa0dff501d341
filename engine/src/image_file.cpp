#include "vrmall/engine/image_file.h"

#include <stb_image.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cstdlib>

namespace vrmall::engine {

bool writePng(const std::filesystem::path& path, const RgbaImage& image) {
  if (image.empty()) return false;
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  return stbi_write_png(path.string().c_str(), static_cast<int>(image.width),
                        static_cast<int>(image.height), 4, image.pixels.data(),
                        static_cast<int>(image.width * 4)) != 0;
}

RgbaImage readPng(const std::filesystem::path& path) {
  RgbaImage image;
  int w = 0;
  int h = 0;
  int comp = 0;
  unsigned char* data = stbi_load(path.string().c_str(), &w, &h, &comp, 4);
  if (data == nullptr) return image;
  image.width = static_cast<uint32_t>(w);
  image.height = static_cast<uint32_t>(h);
  image.pixels.assign(data, data + static_cast<size_t>(w) * static_cast<size_t>(h) * 4);
  stbi_image_free(data);
  return image;
}

ImageDiff compareImages(const RgbaImage& a, const RgbaImage& b, int threshold) {
  ImageDiff d;
  d.sameSize = a.width == b.width && a.height == b.height && !a.empty() &&
               a.pixels.size() == b.pixels.size();
  if (!d.sameSize) return d;
  d.diff.width = a.width;
  d.diff.height = a.height;
  d.diff.pixels.resize(a.pixels.size());
  const size_t pixels = size_t{a.width} * a.height;
  size_t over = 0;
  double sum = 0.0;
  for (size_t i = 0; i < pixels; ++i) {
    int worst = 0;
    for (size_t c = 0; c < 3; ++c) {
      const int diff = std::abs(int{a.pixels[i * 4 + c]} - int{b.pixels[i * 4 + c]});
      worst = std::max(worst, diff);
      sum += diff;
      d.diff.pixels[i * 4 + c] = static_cast<uint8_t>(std::min(255, diff * 8));
    }
    d.diff.pixels[i * 4 + 3] = 255;
    d.maxChannelDiff = std::max(d.maxChannelDiff, worst);
    if (worst > threshold) ++over;
  }
  d.meanChannelDiff = sum / static_cast<double>(pixels * 3);
  d.fractionOver = static_cast<double>(over) / static_cast<double>(pixels);
  return d;
}

}  // namespace vrmall::engine
