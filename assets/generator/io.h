// Writing the generated files: byte-exact (binary mode, LF line ends) so reruns compare equal.
#pragma once

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace storegen {

inline void write_file(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace storegen
