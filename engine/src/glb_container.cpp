#include "glb_container.h"

#include <cstring>
#include <sstream>

namespace vrmall::engine {
namespace {

constexpr uint32_t kMagic = 0x46546C67;  // "glTF"
constexpr uint32_t kJson = 0x4E4F534A;   // "JSON"
constexpr uint32_t kBin = 0x004E4942;    // "BIN\0"

uint32_t readU32(std::span<const uint8_t> bytes, size_t offset) {
  uint32_t v = 0;
  std::memcpy(&v, bytes.data() + offset, 4);
  return v;  // GLB is little-endian, as is every platform we build for
}

std::string hex(uint32_t v) {
  std::ostringstream s;
  s << "0x" << std::hex << v;
  return s.str();
}

}  // namespace

std::string parseGlb(std::span<const uint8_t> bytes, GlbChunks& out) {
  if (bytes.size() < 12) {
    return "GLB_UNEXPECTED_END_OF_HEADER: file is " + std::to_string(bytes.size()) +
           " bytes, a GLB header needs 12";
  }
  if (readU32(bytes, 0) != kMagic) {
    return "GLB_INVALID_MAGIC: first four bytes are " + hex(readU32(bytes, 0)) + ", not 'glTF'";
  }
  const uint32_t version = readU32(bytes, 4);
  if (version != 2)
    return "GLB_INVALID_VERSION: GLB version " + std::to_string(version) + ", need 2";
  const uint32_t length = readU32(bytes, 8);
  if (length > bytes.size()) {
    // The validator reports where the data runs out; keep its wording for the common case.
    if (length >= 20 && bytes.size() >= 20 && readU32(bytes, 12) + size_t{20} > bytes.size()) {
      return "GLB_UNEXPECTED_END_OF_CHUNK_DATA: header says " + std::to_string(length) +
             " bytes, file has " + std::to_string(bytes.size());
    }
    return "GLB_LENGTH_MISMATCH: header says " + std::to_string(length) + " bytes, file has " +
           std::to_string(bytes.size());
  }
  if (length <= 12) {
    return "GLB_LENGTH_TOO_SMALL: header length " + std::to_string(length) +
           " leaves no room for a JSON chunk";
  }
  if (length < bytes.size()) {
    out.warnings.push_back("GLB_EXTRA_DATA: " + std::to_string(bytes.size() - length) +
                           " bytes after the GLB stream ignored");
  }
  out.length = length;
  bool haveJson = false;
  size_t offset = 12;
  size_t index = 0;
  while (offset < length) {
    if (length - offset < 8 && bytes.size() - offset >= 8) {
      // The chunk is in the file but not inside the declared length: the length field lies.
      return "GLB_CHUNK_TOO_BIG: chunk " + std::to_string(index) +
             " does not fit the declared GLB length " + std::to_string(length) +
             " (GLB_LENGTH_MISMATCH: the file has " + std::to_string(bytes.size()) + " bytes)";
    }
    if (length - offset < 8) {
      return "GLB_UNEXPECTED_END_OF_CHUNK_HEADER: chunk " + std::to_string(index) +
             " header truncated at byte " + std::to_string(offset);
    }
    const uint32_t chunkLength = readU32(bytes, offset);
    const uint32_t type = readU32(bytes, offset + 4);
    if (chunkLength % 4 != 0) {
      return "GLB_CHUNK_LENGTH_UNALIGNED: chunk " + std::to_string(index) + " length " +
             std::to_string(chunkLength) + " is not a multiple of 4";
    }
    if (chunkLength > length - offset - 8) {
      const bool pastFile = offset + 8 + size_t{chunkLength} > bytes.size();
      return std::string(pastFile ? "GLB_UNEXPECTED_END_OF_CHUNK_DATA" : "GLB_CHUNK_TOO_BIG") +
             ": chunk " + std::to_string(index) + " of " + std::to_string(chunkLength) +
             " bytes overruns the GLB length " + std::to_string(length);
    }
    const auto data = bytes.subspan(offset + 8, chunkLength);
    if (index == 0 && type != kJson) {
      return "GLB_UNEXPECTED_FIRST_CHUNK: first chunk must be JSON, found type " + hex(type);
    }
    if (type == kJson) {
      if (haveJson)
        return "GLB_DUPLICATE_CHUNK: a second JSON chunk at byte " + std::to_string(offset);
      if (chunkLength == 0) return "GLB_EMPTY_CHUNK: the JSON chunk is empty";
      out.json = data;
      haveJson = true;
    } else if (type == kBin) {
      if (out.hasBin)
        return "GLB_DUPLICATE_CHUNK: a second BIN chunk at byte " + std::to_string(offset);
      if (index != 1)
        return "GLB_UNEXPECTED_BIN_CHUNK: BIN chunk must directly follow the JSON chunk";
      out.bin = data;
      out.hasBin = true;
    } else {
      out.warnings.push_back("GLB_UNKNOWN_CHUNK_TYPE: chunk type " + hex(type) + " ignored");
    }
    offset += 8 + size_t{chunkLength};
    ++index;
  }
  if (!haveJson) return "GLB_UNEXPECTED_END_OF_CHUNK_HEADER: no JSON chunk";
  return {};
}

}  // namespace vrmall::engine
