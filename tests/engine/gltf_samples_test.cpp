// Every Khronos sample model in VRMALL_SHARED_DIR/gltf-samples loads and renders (Draco: a clear
// error), with zero validation messages. Renders go to the test output folder for inspection.
#include <gtest/gtest.h>

#include <algorithm>

#include "engine_test_env.h"
#include "vrmall/engine/gltf_loader.h"

namespace vrmall::engine::test {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> sampleFiles() {
  std::vector<std::string> files;
  const fs::path dir = sharedDir();
  if (dir.empty() || !fs::is_directory(dir / "gltf-samples")) return files;
  for (const auto& model : fs::directory_iterator(dir / "gltf-samples")) {
    if (!model.is_directory() || model.path().filename() == "glTF-Validator-testdata") continue;
    for (const auto& variant : fs::directory_iterator(model.path())) {
      if (!variant.is_directory() || variant.path().filename() == "screenshot") continue;
      for (const auto& f : fs::directory_iterator(variant.path())) {
        const auto ext = f.path().extension();
        if (ext == ".gltf" || ext == ".glb") {
          files.push_back(fs::relative(f.path(), dir / "gltf-samples").string());
        }
      }
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string testName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  for (char& c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0) c = '_';
  }
  return name;
}

bool hasForeground(const RgbaImage& image) {
  // The clear colour fills the corners; anything differing from it counts as drawn.
  const uint8_t* bg = image.pixels.data();
  size_t drawn = 0;
  for (size_t i = 0; i + 3 < image.pixels.size(); i += 4) {
    if (std::abs(int{image.pixels[i]} - int{bg[0]}) +
            std::abs(int{image.pixels[i + 1]} - int{bg[1]}) +
            std::abs(int{image.pixels[i + 2]} - int{bg[2]}) >
        12) {
      ++drawn;
    }
  }
  return drawn > image.pixels.size() / 4 / 50;  // at least 2% of the frame
}

TEST(GltfSamples, SharedDirPresent) {
  if (sampleFiles().empty()) {
    GTEST_SKIP() << "no glTF samples under VRMALL_SHARED_DIR (" << VRMALL_SHARED_DIR
                 << "/gltf-samples); set -DVRMALL_SHARED_DIR=... to run the sample-model tests";
  }
  EXPECT_GE(sampleFiles().size(), 17U);
}

class GltfSample : public EngineTest, public ::testing::WithParamInterface<std::string> {};

TEST_P(GltfSample, LoadsAndRenders) {
  const fs::path path = sharedDir() / "gltf-samples" / GetParam();
  const GltfLoadResult result = GltfLoader().load(path);
  for (const auto& w : result.model.warnings) std::cout << "  warning: " << w << "\n";
  if (GetParam().find("Draco") != std::string::npos) {
    EXPECT_FALSE(result.ok);
    EXPECT_NE(result.error.find("Draco"), std::string::npos) << result.error;
    return;
  }
  ASSERT_TRUE(result.ok) << result.error;
  EXPECT_FALSE(result.model.placements.empty());
  Renderer renderer(context());
  const ModelId id = renderer.addModel(result.model);
  const RgbaImage image = renderModel(renderer, id, 128);
  EXPECT_TRUE(hasForeground(image)) << "nothing visible in the render of " << GetParam();
  writePng(testOutputDir() / "samples" / (testName({GetParam(), 0}) + ".png"), image);
}

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(GltfSample);
INSTANTIATE_TEST_SUITE_P(Khronos, GltfSample, ::testing::ValuesIn(sampleFiles()), testName);

}  // namespace
}  // namespace vrmall::engine::test
