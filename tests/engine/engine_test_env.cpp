#include "engine_test_env.h"

#include <dlfcn.h>

#include <cstdlib>

#include "vrmall/engine/offscreen_target.h"

namespace vrmall::engine::test {

Context& sharedContext() {
  static std::unique_ptr<Context> context = [] {
    // Mesa's lavapipe keeps a few allocations reachable only from its own globals; when the
    // loader unloads it at vkDestroyInstance, LeakSanitizer (asan preset) reports them as ours.
    // Keeping the driver mapped makes them reachable again. No effect elsewhere.
    dlopen("libvulkan_lvp.so", RTLD_NOW | RTLD_NODELETE);
    ContextOptions options;
    options.validation = true;
    options.requireValidation = true;
    return std::make_unique<Context>(options);
  }();
  return *context;
}

std::filesystem::path sharedDir() {
  const std::filesystem::path dir = VRMALL_SHARED_DIR;
  std::error_code ec;
  return std::filesystem::is_directory(dir, ec) ? dir : std::filesystem::path{};
}

std::filesystem::path testOutputDir() {
  return VRMALL_TEST_OUTPUT_DIR;
}

View frameBounds(const Bounds& bounds, glm::vec3 direction, float aspect) {
  const glm::vec3 center = bounds.valid() ? bounds.center() : glm::vec3(0.0F);
  const float radius = bounds.valid() ? std::max(glm::length(bounds.size()) * 0.5F, 1e-3F) : 1.0F;
  const float fov = glm::radians(40.0F);
  const float distance = radius / std::sin(fov * 0.5F) * 1.05F;
  return View::lookAt(center + glm::normalize(direction) * distance, center, fov, aspect,
                      distance * 0.01F, distance * 10.0F);
}

RgbaImage renderModel(Renderer& renderer, ModelId model, uint32_t size, int variant,
                      glm::vec3 direction) {
  OffscreenTarget target(sharedContext(), {size, size});
  Scene scene;
  Instance inst;
  inst.model = model;
  inst.variant = variant;
  scene.add(inst);
  const View view = frameBounds(renderer.modelInfo(model).bounds, direction, 1.0F);
  renderer.render(scene, std::span<const View>(&view, 1), target);
  renderer.waitIdle();
  RgbaImage image;
  image.width = size;
  image.height = size;
  image.pixels = target.readPixels(target.lastIndex());
  return image;
}

void expectMatchesGolden(const RgbaImage& image, const std::string& name, int threshold,
                         double maxFractionOver) {
  const std::filesystem::path golden = std::filesystem::path(VRMALL_GOLDEN_DIR) / (name + ".png");
  const char* update = std::getenv("VRMALL_UPDATE_GOLDENS");
  if (update != nullptr && std::string(update) == "1") {
    ASSERT_TRUE(writePng(golden, image)) << "cannot write " << golden;
    GTEST_SKIP() << "golden updated: " << golden;
  }
  const RgbaImage expected = readPng(golden);
  ASSERT_FALSE(expected.empty()) << "missing golden " << golden
                                 << " (run with VRMALL_UPDATE_GOLDENS=1 to create it)";
  const ImageDiff diff = compareImages(image, expected, threshold);
  ASSERT_TRUE(diff.sameSize) << "size differs from " << golden;
  const bool ok = diff.fractionOver <= maxFractionOver;
  if (!ok) {
    const auto out = testOutputDir();
    writePng(out / (name + ".actual.png"), image);
    writePng(out / (name + ".diff.png"), diff.diff);
  }
  EXPECT_TRUE(ok) << name << ": " << diff.fractionOver * 100.0 << "% of pixels differ by more than "
                  << threshold << " (allowed " << maxFractionOver * 100.0 << "%), max diff "
                  << diff.maxChannelDiff << "; actual and diff PNGs in " << testOutputDir();
}

void EngineTest::SetUp() {
  sharedContext().resetValidation();
}

void EngineTest::TearDown() {
  const ValidationCounts counts = sharedContext().validationCounts();
  std::string messages;
  for (const auto& m : sharedContext().validationMessages()) messages += "\n  " + m;
  EXPECT_EQ(counts.warning + counts.error, 0U)
      << counts.error << " validation error(s), " << counts.warning << " warning(s):" << messages;
}

}  // namespace vrmall::engine::test
