// GLB container checks (magic, version, lengths, chunk order) done on the raw bytes before the
// parser sees them, so tinygltf never reads past a lying length field.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace vrmall::engine {

struct GlbChunks {
  std::span<const uint8_t> json;
  std::span<const uint8_t> bin;  // empty when there is no BIN chunk
  bool hasBin = false;
  size_t length = 0;  // bytes covered by the header's length field
  std::vector<std::string> warnings;
};

// Returns an empty string and fills `out`, or an error "<CODE>: <message>".
std::string parseGlb(std::span<const uint8_t> bytes, GlbChunks& out);

}  // namespace vrmall::engine
