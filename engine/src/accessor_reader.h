// Bounds-checked reading of glTF accessors. Every accessor is validated against its buffer view
// and buffer (offsets, alignment, stride, count, sparse indices) before a byte is read, so a
// hostile file cannot make us read out of bounds or allocate without limit.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "gltf_diagnostics.h"

namespace tinygltf {
class Model;
}

namespace vrmall::engine {

class AccessorReader {
 public:
  // `unavailable`: buffers without data here; accessors in them get reference checks only.
  AccessorReader(const tinygltf::Model& model, const std::set<int>& unusable,
                 const std::set<int>& unavailable, size_t maxCount, GltfDiagnostics& diag);

  // Checks accessor `index`; records an error naming `where` and returns false when unusable.
  bool validate(int index, const std::string& where);
  // Element count and component count of a validated accessor.
  size_t count(int index) const;
  int components(int index) const;
  // Reads as floats (normalized integers mapped to 0..1 / -1..1), `components` per element,
  // including sparse substitution. Returns false (with an error) when the accessor is bad.
  bool readFloats(int index, const std::string& where, std::vector<float>& out);
  // Reads an unsigned integer scalar accessor (indices).
  bool readIndices(int index, const std::string& where, std::vector<uint32_t>& out);

 private:
  bool checkView(int view, size_t offset, size_t bytes, const std::string& where, const char* what);
  double component(const uint8_t* p, int componentType, bool normalized) const;

  const tinygltf::Model& model_;
  bool inUnavailableBuffer(int view) const;

  const std::set<int>& unusable_;
  const std::set<int>& unavailable_;
  size_t maxCount_;
  GltfDiagnostics& diag_;
  std::map<int, bool> checked_;
};

}  // namespace vrmall::engine
