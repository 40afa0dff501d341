// Golden images (tests/engine/golden/*.png, 256x256). Each test has its own tolerance: the
// per-channel difference that counts a pixel as changed and the share of changed pixels allowed.
// On failure the actual and diff PNGs land in the build's test-output/engine. Regenerate with
// VRMALL_UPDATE_GOLDENS=1 after an intended change, and look at them before committing.
#include <gtest/gtest.h>

#include <glm/gtc/matrix_transform.hpp>

#include "engine_test_env.h"
#include "vrmall/engine/gltf_loader.h"
#include "vrmall/engine/offscreen_target.h"
#include "vrmall/engine/procedural.h"

namespace vrmall::engine::test {
namespace {

namespace fs = std::filesystem;

class GoldenTest : public EngineTest {
 protected:
  // Loads a sample; skips the test when the shared folder is absent.
  bool loadSample(const std::string& relative, ModelData& out) {
    if (sharedDir().empty()) return false;
    const GltfLoadResult r = GltfLoader().load(sharedDir() / "gltf-samples" / relative);
    EXPECT_TRUE(r.ok) << r.error;
    out = r.model;
    return r.ok;
  }
};

#define VRM_REQUIRE_SAMPLE(path, model)                                             \
  ModelData model;                                                                  \
  if (sharedDir().empty()) GTEST_SKIP() << "VRMALL_SHARED_DIR has no gltf-samples"; \
  ASSERT_TRUE(loadSample(path, model))

TEST_F(GoldenTest, BoxTexturedSrgb) {
  VRM_REQUIRE_SAMPLE("BoxTextured/glTF/BoxTextured.gltf", model);
  Renderer renderer(context());
  const RgbaImage image = renderModel(renderer, renderer.addModel(model), 256);
  expectMatchesGolden(image, "box_textured", 8, 0.005);
}

TEST_F(GoldenTest, WaterBottlePbr) {
  VRM_REQUIRE_SAMPLE("WaterBottle/glTF/WaterBottle.gltf", model);
  Renderer renderer(context());
  const RgbaImage image =
      renderModel(renderer, renderer.addModel(model), 256, -1, {0.3F, 0.2F, 1.0F});
  expectMatchesGolden(image, "water_bottle", 8, 0.01);
}

TEST_F(GoldenTest, TextureTransform) {
  VRM_REQUIRE_SAMPLE("TextureTransformTest/glTF/TextureTransformTest.gltf", model);
  Renderer renderer(context());
  const RgbaImage image =
      renderModel(renderer, renderer.addModel(model), 256, -1, {0.0F, 0.0F, 1.0F});
  expectMatchesGolden(image, "texture_transform", 8, 0.005);
}

// KHR_materials_variants switched at run time: same model, one instance, variant per frame.
TEST_F(GoldenTest, ShoeVariantsSwitchAtRunTime) {
  VRM_REQUIRE_SAMPLE("MaterialsVariantsShoe/glTF/MaterialsVariantsShoe.gltf", model);
  ASSERT_EQ(model.variants.size(), 3U);
  Renderer renderer(context());
  const ModelId id = renderer.addModel(model);
  std::vector<RgbaImage> images;
  for (int v = 0; v < 3; ++v) {
    images.push_back(renderModel(renderer, id, 256, v, {1.0F, 0.5F, 0.6F}));
    expectMatchesGolden(images.back(), "shoe_variant_" + model.variants[static_cast<size_t>(v)], 8,
                        0.01);
  }
  EXPECT_GT(compareImages(images[0], images[1], 8).fractionOver, 0.05);
  EXPECT_GT(compareImages(images[1], images[2], 8).fractionOver, 0.05);
}

// Two views (one multiview pass on GPUs; on lavapipe a view loop, see RendererOptions::viewLoop):
// each eye matches its golden.
TEST_F(GoldenTest, StereoPairMultiview) {
  Renderer renderer(context());
  const ModelId floor = renderer.addModel(makePlane(6.0F, {0.55F, 0.5F, 0.45F, 1.0F}));
  const ModelId ball =
      renderer.addModel(makeSphere(0.4F, {0.9F, 0.5F, 0.1F, 1.0F}, 0.0F, 0.4F, 32));
  Scene scene;
  scene.add(Instance{floor, glm::mat4(1.0F), -1, true});
  scene.add(Instance{ball, glm::translate(glm::mat4(1.0F), {0.0F, 0.4F, 0.0F}), -1, true});
  OffscreenTarget target(context(), {256, 256}, 2);
  const View views[2] = {View::lookAt({-0.1F, 1.0F, 2.0F}, {0, 0.4F, 0}, glm::radians(50.0F), 1.0F),
                         View::lookAt({0.1F, 1.0F, 2.0F}, {0, 0.4F, 0}, glm::radians(50.0F), 1.0F)};
  renderer.render(scene, views, target);
  renderer.waitIdle();
  for (uint32_t eye = 0; eye < 2; ++eye) {
    const RgbaImage image{256, 256, target.readPixels(target.lastIndex(), eye)};
    expectMatchesGolden(image, eye == 0 ? "stereo_left" : "stereo_right", 6, 0.003);
  }
}

// Textured materials through the two-view path, and the eyes agree where they should.
TEST_F(GoldenTest, TexturedModelInTwoViews) {
  VRM_REQUIRE_SAMPLE("BoxTextured/glTF-Binary/BoxTextured.glb", model);
  Renderer renderer(context());
  Scene scene;
  scene.add(Instance{renderer.addModel(model), glm::mat4(1.0F), -1, true});
  OffscreenTarget target(context(), {128, 128}, 2);
  const View views[2] = {View::lookAt({-0.03F, 1.5F, 2.5F}, {0, 0, 0}, glm::radians(45.0F), 1.0F),
                         View::lookAt({0.03F, 1.5F, 2.5F}, {0, 0, 0}, glm::radians(45.0F), 1.0F)};
  for (int frame = 0; frame < 3; ++frame) renderer.render(scene, views, target);
  renderer.waitIdle();
  const RgbaImage left{128, 128, target.readPixels(target.lastIndex(), 0)};
  const RgbaImage right{128, 128, target.readPixels(target.lastIndex(), 1)};
  const ImageDiff d = compareImages(left, right, 24);
  EXPECT_LT(d.fractionOver, 0.10) << "6 cm apart, the eyes see nearly the same image";
  EXPECT_GT(d.maxChannelDiff, 0) << "but not exactly the same";
}

// Same scene, same frame twice: bit-identical on the same device (goldens rely on it).
TEST_F(GoldenTest, RenderingIsDeterministic) {
  Renderer renderer(context());
  const ModelId box = renderer.addModel(makeSphere(0.5F, {0.3F, 0.7F, 0.4F, 1.0F}, 0.5F, 0.3F, 24));
  const RgbaImage a = renderModel(renderer, box, 128);
  const RgbaImage b = renderModel(renderer, box, 128);
  EXPECT_EQ(compareImages(a, b, 0).maxChannelDiff, 0);
}

}  // namespace
}  // namespace vrmall::engine::test
