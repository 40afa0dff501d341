#pragma once
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace vrmall::rec::test {

inline std::string sharedDir() {
  return VRMALL_SHARED_DIR;
}
inline std::string ml100k() {
  return sharedDir() + "/datasets/ml-100k";
}
inline bool haveMl100k() {
  return std::filesystem::exists(ml100k() + "/split42/train.csv");
}

#define VRMALL_REQUIRE_ML100K()           \
  if (!::vrmall::rec::test::haveMl100k()) \
  GTEST_SKIP() << "../shared/datasets/ml-100k not found (set VRMALL_SHARED_DIR); skipping"

inline std::string tempFile(const std::string& name, const std::string& content) {
  const auto dir = std::filesystem::temp_directory_path() / "vrmall-tests";
  std::filesystem::create_directories(dir);
  const auto path = (dir / name).string();
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

}  // namespace vrmall::rec::test
