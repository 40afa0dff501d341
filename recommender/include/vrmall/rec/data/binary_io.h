#pragma once
// BinaryWriter / BinaryReader: little-endian fields for model files. The reader checks every
// length against what is left, so a truncated or hostile file is an error, never a huge
// allocation or a read past the end.
#include <Eigen/Core>
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

#include "vrmall/rec/data/data_error.h"

namespace vrmall::rec {

class BinaryWriter {
 public:
  template <typename T>
  void put(const T& value) {
    static_assert(std::is_trivially_copyable_v<T>);
    const auto* p = reinterpret_cast<const uint8_t*>(&value);
    bytes_.insert(bytes_.end(), p, p + sizeof(T));
  }
  void putString(const std::string& s);
  template <typename T>
  void putVector(const std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    put<uint64_t>(v.size());
    const auto* p = reinterpret_cast<const uint8_t*>(v.data());
    bytes_.insert(bytes_.end(), p, p + v.size() * sizeof(T));
  }
  void putStrings(const std::vector<std::string>& v);
  template <typename Derived>
  void putMatrix(const Eigen::PlainObjectBase<Derived>& m) {
    using Scalar = typename Derived::Scalar;
    put<uint64_t>(static_cast<uint64_t>(m.rows()));
    put<uint64_t>(static_cast<uint64_t>(m.cols()));
    const auto* p = reinterpret_cast<const uint8_t*>(m.data());
    bytes_.insert(bytes_.end(), p, p + static_cast<size_t>(m.size()) * sizeof(Scalar));
  }
  const std::vector<uint8_t>& bytes() const { return bytes_; }
  std::vector<uint8_t>& bytes() { return bytes_; }

 private:
  std::vector<uint8_t> bytes_;
};

class BinaryReader {
 public:
  BinaryReader(const uint8_t* data, size_t size, std::string name)
      : data_(data), size_(size), name_(std::move(name)) {}

  template <typename T>
  T get() {
    static_assert(std::is_trivially_copyable_v<T>);
    need(sizeof(T), "a field");
    T value;
    std::memcpy(&value, data_ + pos_, sizeof(T));
    pos_ += sizeof(T);
    return value;
  }
  std::string getString();
  template <typename T>
  std::vector<T> getVector() {
    const auto n = get<uint64_t>();
    if (n > (size_ - pos_) / sizeof(T)) fail("array of " + std::to_string(n) + " elements");
    std::vector<T> v(static_cast<size_t>(n));
    std::memcpy(v.data(), data_ + pos_, v.size() * sizeof(T));
    pos_ += v.size() * sizeof(T);
    return v;
  }
  std::vector<std::string> getStrings();
  template <typename MatrixType>
  void getMatrix(MatrixType& m) {
    using Scalar = typename MatrixType::Scalar;
    const auto rows = get<uint64_t>();
    const auto cols = get<uint64_t>();
    if (rows != 0 && cols > (size_ - pos_) / sizeof(Scalar) / rows) {
      fail(std::to_string(rows) + "x" + std::to_string(cols) + " matrix");
    }
    m.resize(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols));
    std::memcpy(m.data(), data_ + pos_, static_cast<size_t>(rows * cols) * sizeof(Scalar));
    pos_ += static_cast<size_t>(rows * cols) * sizeof(Scalar);
  }
  size_t remaining() const { return size_ - pos_; }
  size_t position() const { return pos_; }
  [[noreturn]] void fail(const std::string& what) const;

 private:
  void need(size_t n, const char* what) const {
    if (n > size_ - pos_) fail(what);
  }
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
  std::string name_;
};

// FNV-1a 64-bit: enough to catch corruption and truncation (not an integrity signature).
uint64_t checksum64(const uint8_t* data, size_t size);

}  // namespace vrmall::rec
