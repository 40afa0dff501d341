// Renderer basics on procedural models: something is drawn, instancing batches, culling culls,
// two views (multiview) work, and the deferred deleter keeps removed models alive long enough.
#include <gtest/gtest.h>

#include <glm/gtc/matrix_transform.hpp>

#include "engine_test_env.h"
#include "vrmall/engine/offscreen_target.h"
#include "vrmall/engine/procedural.h"

namespace vrmall::engine::test {
namespace {

class RendererTest : public EngineTest {};

TEST_F(RendererTest, DrawsABox) {
  Renderer renderer(context());
  const ModelId box = renderer.addModel(makeBox({1, 1, 1}, {0.8F, 0.2F, 0.2F, 1.0F}));
  const RgbaImage image = renderModel(renderer, box, 128);
  ASSERT_EQ(image.pixels.size(), 128U * 128U * 4U);
  // The centre pixel is the box (reddish), a corner is the clear colour.
  const size_t centre = (64 * 128 + 64) * 4;
  EXPECT_GT(image.pixels[centre], image.pixels[centre + 1] + 40) << "box should be red";
  EXPECT_NEAR(image.pixels[0], image.pixels[4], 2);
  writePng(testOutputDir() / "box.png", image);
}

TEST_F(RendererTest, InstancesShareDrawCallsAndCullingWorks) {
  Renderer renderer(context());
  const ModelId box = renderer.addModel(makeBox({0.5F, 0.5F, 0.5F}, {0.2F, 0.6F, 0.9F, 1.0F}));
  const ModelId ball = renderer.addModel(makeSphere(0.3F, {0.9F, 0.8F, 0.2F, 1.0F}, 1.0F, 0.3F));
  Scene scene;
  for (int i = 0; i < 600; ++i) {
    Instance inst;
    inst.model = i % 2 == 0 ? box : ball;
    inst.transform =
        glm::translate(glm::mat4(1.0F), glm::vec3((i % 30) - 15.0F, 0.0F, -(i / 30) * 1.0F - 2.0F));
    scene.add(inst);
  }
  OffscreenTarget target(context(), {160, 90});
  const View view = View::lookAt({0, 3, 4}, {0, 0, -8}, glm::radians(60.0F), 160.0F / 90.0F);
  const FrameStats stats = renderer.render(scene, std::span<const View>(&view, 1), target);
  EXPECT_EQ(stats.drawCommands, 2U);  // one per (mesh, material)
  EXPECT_EQ(stats.drawCalls, 1U);     // merged into one multi-draw indirect call
  EXPECT_LT(stats.instancesDrawn, 600U) << "some boxes are outside the 60 degree view";
  EXPECT_GT(stats.instancesDrawn, 50U);
  // Looking away: nothing drawn.
  const View away = View::lookAt({0, 3, 4}, {0, 3, 20}, glm::radians(60.0F), 160.0F / 90.0F);
  const FrameStats none = renderer.render(scene, std::span<const View>(&away, 1), target);
  EXPECT_EQ(none.instancesDrawn, 0U);
  EXPECT_EQ(none.drawCalls, 0U);
  renderer.waitIdle();
}

// The store case: every product its own glTF (distinct meshes), hundreds of them.
TEST_F(RendererTest, FiveHundredDistinctProductsInFewDrawCalls) {
  Renderer renderer(context());
  Scene scene;
  for (int i = 0; i < 500; ++i) {
    const float f = static_cast<float>(i % 7) * 0.05F;
    const ModelId id = renderer.addModel(
        makeBox({0.3F + f, 0.4F - f * 0.5F, 0.3F}, {0.2F + f, 0.5F, 0.8F - f, 1.0F}));
    Instance inst;
    inst.model = id;
    inst.transform = glm::translate(
        glm::mat4(1.0F), glm::vec3((i % 25) * 0.6F - 7.5F, 0.0F, -(i / 25) * 0.6F - 1.0F));
    scene.add(inst);
  }
  OffscreenTarget target(context(), {128, 72});
  const View view = View::lookAt({0, 6, 4}, {0, 0, -6}, glm::radians(70.0F), 128.0F / 72.0F);
  const FrameStats stats = renderer.render(scene, std::span<const View>(&view, 1), target);
  renderer.waitIdle();
  EXPECT_GE(stats.instancesDrawn, 400U);
  EXPECT_LE(stats.drawCalls, 50U);
  EXPECT_EQ(stats.drawCalls, 1U) << "untextured opaque products share one indirect call";
}

// The renderer keeps each instance's world matrices while it stands still: an instance that moves,
// or whose model changes, must be drawn where and as it is now, exactly as a fresh renderer
// draws it.
TEST_F(RendererTest, MovedInstanceIsDrawnWhereItIsNow) {
  const auto frame = [&](Renderer& renderer, const Scene& scene, OffscreenTarget& target) {
    const View view = View::lookAt({0, 1, 5}, {0, 0, 0}, glm::radians(60.0F), 1.0F);
    renderer.render(scene, std::span<const View>(&view, 1), target);
    renderer.waitIdle();
    return target.readPixels(target.lastIndex());
  };
  const auto place = [](Scene& scene, ModelId model, glm::vec3 at, float turn) {
    Instance& inst = scene.instance(0);
    inst.model = model;
    inst.transform = glm::rotate(glm::translate(glm::mat4(1.0F), at), turn, {0, 1, 0});
  };
  Renderer kept(context());
  const ModelId box = kept.addModel(makeBox({1, 0.6F, 0.4F}, {0.8F, 0.3F, 0.2F, 1.0F}));
  const ModelId ball = kept.addModel(makeSphere(0.5F, {0.2F, 0.7F, 0.3F, 1.0F}, 0.0F, 0.5F));
  Scene scene;
  scene.add({});
  OffscreenTarget target(context(), {96, 96});
  place(scene, box, {-1.0F, 0.0F, 0.0F}, 0.0F);
  const auto before = frame(kept, scene, target);
  place(scene, box, {1.0F, 0.3F, 0.0F}, 0.7F);  // moved and turned
  const auto moved = frame(kept, scene, target);
  place(scene, ball, {1.0F, 0.3F, 0.0F}, 0.7F);  // same place, another model
  const auto swapped = frame(kept, scene, target);

  Renderer fresh(context());
  const ModelId freshBox = fresh.addModel(makeBox({1, 0.6F, 0.4F}, {0.8F, 0.3F, 0.2F, 1.0F}));
  const ModelId freshBall = fresh.addModel(makeSphere(0.5F, {0.2F, 0.7F, 0.3F, 1.0F}, 0.0F, 0.5F));
  OffscreenTarget freshTarget(context(), {96, 96});
  place(scene, freshBox, {1.0F, 0.3F, 0.0F}, 0.7F);
  EXPECT_EQ(moved, frame(fresh, scene, freshTarget));
  EXPECT_NE(moved, before);
  place(scene, freshBall, {1.0F, 0.3F, 0.0F}, 0.7F);
  EXPECT_EQ(swapped, frame(fresh, scene, freshTarget));
  EXPECT_NE(swapped, moved);
}

TEST_F(RendererTest, TwoViewsWithMultiview) {
  Renderer renderer(context());
  const ModelId box = renderer.addModel(makeBox({1, 1, 1}, {0.9F, 0.9F, 0.9F, 1.0F}));
  Scene scene;
  scene.add(Instance{box, glm::mat4(1.0F), -1, true});
  OffscreenTarget target(context(), {96, 96}, 2);
  const View views[2] = {View::lookAt({-0.6F, 0.5F, 3}, {0, 0, 0}, 1.0F, 1.0F),
                         View::lookAt({0.6F, 0.5F, 3}, {0, 0, 0}, 1.0F, 1.0F)};
  renderer.render(scene, views, target);
  renderer.waitIdle();
  const auto left = target.readPixels(target.lastIndex(), 0);
  const auto right = target.readPixels(target.lastIndex(), 1);
  EXPECT_NE(left, right) << "the two eyes see the box from different places";
  const size_t centre = (48 * 96 + 48) * 4;
  EXPECT_GT(left[centre], 100);
  EXPECT_GT(right[centre], 100);
}

TEST_F(RendererTest, RemovedModelIsFreedAfterFramesInFlight) {
  Renderer renderer(context());
  const ModelId box = renderer.addModel(makeBox({1, 1, 1}, {1, 1, 1, 1}));
  Scene scene;
  scene.add(Instance{box, glm::mat4(1.0F), -1, true});
  OffscreenTarget target(context(), {64, 64});
  const View view = View::lookAt({0, 0, 3}, {0, 0, 0}, 1.0F, 1.0F);
  renderer.render(scene, std::span<const View>(&view, 1), target);
  renderer.removeModel(box);  // the frame above may still be reading its buffers
  for (int i = 0; i < 3; ++i) {
    const FrameStats s = renderer.render(scene, std::span<const View>(&view, 1), target);
    EXPECT_EQ(s.drawCalls, 0U);
  }
  renderer.waitIdle();
}

TEST_F(RendererTest, ProceduralSceneMatchesGolden) {
  Renderer renderer(context());
  const ModelId floor = renderer.addModel(makePlane(6.0F, {0.55F, 0.5F, 0.45F, 1.0F}));
  const ModelId box = renderer.addModel(makeBox({0.6F, 0.6F, 0.6F}, {0.8F, 0.1F, 0.1F, 1.0F}));
  const ModelId metal =
      renderer.addModel(makeSphere(0.4F, {0.95F, 0.8F, 0.4F, 1.0F}, 1.0F, 0.25F, 32));
  const ModelId plastic =
      renderer.addModel(makeSphere(0.4F, {0.1F, 0.3F, 0.9F, 1.0F}, 0.0F, 0.5F, 32));
  Scene scene;
  scene.add(Instance{floor, glm::mat4(1.0F), -1, true});
  scene.add(Instance{box, glm::translate(glm::mat4(1.0F), {-1.0F, 0.3F, 0.0F}), -1, true});
  scene.add(Instance{metal, glm::translate(glm::mat4(1.0F), {0.0F, 0.4F, 0.0F}), -1, true});
  scene.add(Instance{plastic, glm::translate(glm::mat4(1.0F), {1.0F, 0.4F, 0.0F}), -1, true});
  OffscreenTarget target(context(), {256, 256});
  const View view = View::lookAt({0.0F, 1.6F, 3.2F}, {0.0F, 0.3F, 0.0F}, glm::radians(45.0F), 1.0F);
  renderer.render(scene, std::span<const View>(&view, 1), target);
  renderer.waitIdle();
  RgbaImage image{256, 256, target.readPixels(target.lastIndex())};
  expectMatchesGolden(image, "procedural_scene", 6, 0.002);
}

// Guards the guard: a deliberate invalid call must be counted, or "0 validation messages" would
// mean nothing.
TEST(ValidationLayer, CountsErrors) {
  Context& ctx = sharedContext();
  ASSERT_TRUE(ctx.validationEnabled());
  ctx.resetValidation();
  VkBufferCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO;
  info.size = 0;  // VUID-VkBufferCreateInfo-size-00912
  info.usage = VK_BUFFER_USAGE_VERTEX_BUFFER_BIT;
  VkBuffer buffer = VK_NULL_HANDLE;
  if (vkCreateBuffer(ctx.device(), &info, nullptr, &buffer) == VK_SUCCESS &&
      buffer != VK_NULL_HANDLE) {
    vkDestroyBuffer(ctx.device(), buffer, nullptr);
  }
  EXPECT_GE(ctx.validationCounts().error, 1U);
  ctx.resetValidation();
}

}  // namespace
}  // namespace vrmall::engine::test
