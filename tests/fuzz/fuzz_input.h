// Helpers for the fuzz targets: the bytes as text, or as a file for parsers that read paths.
// Every target accepts the project's own documented errors (DataError, std::runtime_error with
// a message) and nothing else: a crash, a sanitizer report, a hang or any other exception is a
// finding.
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

namespace vrmall::fuzz {

inline std::string text(const uint8_t* data, size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

// A file of these bytes, reused by each run of this process (named after the target).
inline std::filesystem::path asFile(const uint8_t* data, size_t size, const std::string& name) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("vrmall-fuzz-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const std::filesystem::path file = dir / name;
  std::ofstream(file, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return file;
}

}  // namespace vrmall::fuzz
