// The Khronos glTF-Validator test files: each has the validator's expected report beside it.
// Files the validator passes (numErrors == 0) must load and render; files with errors must be
// rejected with a message naming one of the validator's error codes; none may crash or hang.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "engine_test_env.h"
#include "vrmall/engine/gltf_loader.h"

namespace vrmall::engine::test {
namespace {

namespace fs = std::filesystem;

fs::path validatorDir() {
  const fs::path dir = sharedDir();
  return dir.empty() ? fs::path{} : dir / "gltf-samples" / "glTF-Validator-testdata";
}

std::vector<std::string> validatorFiles() {
  std::vector<std::string> files;
  const fs::path dir = validatorDir();
  std::error_code ec;
  if (dir.empty() || !fs::is_directory(dir, ec)) return files;
  for (const auto& f : fs::recursive_directory_iterator(dir)) {
    const auto ext = f.path().extension();
    if ((ext == ".gltf" || ext == ".glb") && fs::exists(f.path().string() + ".report.json")) {
      files.push_back(fs::relative(f.path(), dir).string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

struct Expected {
  int errors = 0;
  std::vector<std::string> errorCodes;
};

Expected readReport(const fs::path& asset) {
  std::ifstream in(asset.string() + ".report.json");
  const auto report = nlohmann::json::parse(in);
  Expected e;
  e.errors = report["issues"]["numErrors"].get<int>();
  for (const auto& m : report["issues"]["messages"]) {
    if (m["severity"].get<int>() == 0) e.errorCodes.push_back(m["code"].get<std::string>());
  }
  return e;
}

std::string testName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  for (char& c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0) c = '_';
  }
  return name;
}

TEST(GltfValidatorFiles, SharedDirPresent) {
  if (validatorFiles().empty()) {
    GTEST_SKIP() << "no glTF-Validator test files under VRMALL_SHARED_DIR (" << VRMALL_SHARED_DIR
                 << "); set -DVRMALL_SHARED_DIR=... to run them";
  }
  EXPECT_GE(validatorFiles().size(), 100U);
}

class GltfValidatorFile : public EngineTest, public ::testing::WithParamInterface<std::string> {};

TEST_P(GltfValidatorFile, MatchesValidatorVerdict) {
  const fs::path path = validatorDir() / GetParam();
  const Expected expected = readReport(path);
  const GltfLoadResult result = GltfLoader().load(path);
  std::string codes;
  for (const auto& c : expected.errorCodes) codes += c + " ";
  if (expected.errors == 0) {
    ASSERT_TRUE(result.ok) << "the validator accepts this file, we reject it: " << result.error;
    Renderer renderer(context());
    const ModelId id = renderer.addModel(result.model);
    const RgbaImage image = renderModel(renderer, id, 64);
    EXPECT_EQ(image.pixels.size(), 64U * 64U * 4U);
  } else {
    EXPECT_FALSE(result.ok) << "the validator reports " << expected.errors << " error(s) (" << codes
                            << ") but the file loaded";
    if (!result.ok) {
      // The message must name the problem: one of the validator's error codes.
      bool named = false;
      for (const auto& c : expected.errorCodes)
        named = named || result.error.find(c) != std::string::npos;
      EXPECT_TRUE(named) << "expected one of: " << codes << "\ngot: " << result.error;
      std::cout << "  expected: " << codes << "\n  got: " << result.error << "\n";
    }
  }
}

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(GltfValidatorFile);
INSTANTIATE_TEST_SUITE_P(Khronos, GltfValidatorFile, ::testing::ValuesIn(validatorFiles()),
                         testName);

}  // namespace
}  // namespace vrmall::engine::test
