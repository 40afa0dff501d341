#include "vrmall/rec/data/binary_io.h"

namespace vrmall::rec {

void BinaryWriter::putString(const std::string& s) {
  put<uint64_t>(s.size());
  bytes_.insert(bytes_.end(), s.begin(), s.end());
}

void BinaryWriter::putStrings(const std::vector<std::string>& v) {
  put<uint64_t>(v.size());
  for (const auto& s : v) putString(s);
}

std::string BinaryReader::getString() {
  const auto n = get<uint64_t>();
  if (n > size_ - pos_) fail("string of " + std::to_string(n) + " bytes");
  std::string s(reinterpret_cast<const char*>(data_ + pos_), static_cast<size_t>(n));
  pos_ += static_cast<size_t>(n);
  return s;
}

std::vector<std::string> BinaryReader::getStrings() {
  const auto n = get<uint64_t>();
  // Each string costs at least its 8-byte length, which bounds a hostile count.
  if (n > (size_ - pos_) / 8) fail("list of " + std::to_string(n) + " strings");
  std::vector<std::string> v;
  v.reserve(static_cast<size_t>(n));
  for (uint64_t i = 0; i < n; ++i) v.push_back(getString());
  return v;
}

void BinaryReader::fail(const std::string& what) const {
  throw DataError(name_ + ": model file is truncated or corrupt: " + what + " at byte " +
                  std::to_string(pos_) + " runs past the end (" + std::to_string(size_) +
                  " bytes)");
}

uint64_t checksum64(const uint8_t* data, size_t size) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < size; ++i) {
    h ^= data[i];
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace vrmall::rec
