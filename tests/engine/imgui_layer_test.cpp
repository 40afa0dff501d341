// ImGuiLayer over an offscreen render: the golden image of a scene with a UI window, colours that
// survive the _SRGB target unchanged, scripted input, framebuffers per target image, and the
// overlay rules (one view, the layer's format).
#include "vrmall/engine/imgui_layer.h"

#include <imgui.h>

#include "engine_test_env.h"
#include "overlay_test_scene.h"
#include "vrmall/engine/offscreen_target.h"
#include "vrmall/engine/vk_check.h"

namespace vrmall::engine::test {
namespace {

constexpr uint32_t kSize = 256;

const uint8_t* pixel(const RgbaImage& image, uint32_t x, uint32_t y) {
  return &image.pixels[(size_t{y} * image.width + x) * 4];
}

class ImGuiLayerTest : public EngineTest {};

TEST_F(ImGuiLayerTest, OverlayOverSceneMatchesGolden) {
  Renderer renderer(context());
  SmallScene s(renderer);
  OffscreenTarget target(context(), {kSize, kSize});
  renderer.render(s.scene, std::span<const View>(&s.view, 1), target);
  renderer.waitIdle();
  const RgbaImage plain{kSize, kSize, target.readPixels(target.lastIndex())};

  ImGuiLayer layer(context(), nullptr, target.format(), 2);
  for (int frame = 0; frame < 2; ++frame) {
    layer.newFrame(target.extent(), fixedInput);
    buildTestUi();
    layer.render();
    renderer.render(s.scene, std::span<const View>(&s.view, 1), target, &layer);
  }
  renderer.waitIdle();
  const RgbaImage image{kSize, kSize, target.readPixels(target.lastIndex())};
  expectMatchesGolden(image, "imgui_overlay", 8, 0.01);

  // The sRGB bytes ImGui was given are the bytes on the _SRGB target (no double encoding).
  const uint8_t* red = pixel(image, 44, 105);
  EXPECT_NEAR(red[0], 255, 1);
  EXPECT_NEAR(red[1], 0, 1);
  EXPECT_NEAR(red[2], 0, 1);
  const uint8_t* grey = pixel(image, 92, 105);
  for (int c = 0; c < 3; ++c) EXPECT_NEAR(grey[c], 128, 2) << "channel " << c;
  // Outside the UI window the scene is untouched.
  for (uint32_t y = 160; y < kSize; y += 7) {
    for (uint32_t x = 170; x < kSize; x += 7) {
      for (int c = 0; c < 4; ++c) ASSERT_EQ(pixel(image, x, y)[c], pixel(plain, x, y)[c]);
    }
  }
  // Inside it, the UI covers the scene.
  EXPECT_GT(compareImages(image, plain, 8).fractionOver, 0.15);
}

// Scripted input through newFrame's adjust hook: hover, press, release = a click.
TEST_F(ImGuiLayerTest, ScriptedInputClicksButton) {
  ImGuiLayer layer(context(), nullptr, VK_FORMAT_R8G8B8A8_SRGB, 2);
  ImVec2 buttonCenter{0.0F, 0.0F};
  auto frame = [&](ImVec2 mouse, bool down) {
    layer.newFrame({kSize, kSize}, [&](ImGuiIO& io) {
      io.DeltaTime = 1.0F / 60.0F;
      io.MousePos = mouse;
      io.MouseDown[0] = down;
    });
    ImGui::SetNextWindowPos(ImVec2(12.0F, 12.0F), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(150.0F, 120.0F), ImGuiCond_Always);
    ImGui::Begin("input");
    const bool pressed = ImGui::Button("Buy", ImVec2(60.0F, 30.0F));
    const ImVec2 mn = ImGui::GetItemRectMin();
    const ImVec2 mx = ImGui::GetItemRectMax();
    buttonCenter = ImVec2((mn.x + mx.x) * 0.5F, (mn.y + mx.y) * 0.5F);
    ImGui::End();
    layer.render();
    return pressed;
  };
  EXPECT_FALSE(frame({-100.0F, -100.0F}, false));
  EXPECT_FALSE(layer.wantsMouse());
  EXPECT_FALSE(frame(buttonCenter, false));
  EXPECT_FALSE(frame(buttonCenter, true));
  EXPECT_TRUE(layer.wantsMouse());
  EXPECT_TRUE(frame(buttonCenter, false)) << "released over the button: clicked";
  EXPECT_FALSE(frame({200.0F, 200.0F}, false));
  EXPECT_FALSE(layer.wantsMouse()) << "outside the window the app gets the mouse";
  EXPECT_FALSE(layer.wantsKeyboard());
}

// Framebuffers are made per target image and dropped (deferred) when the target's images change,
// even when a new target's views reuse the old handles.
TEST_F(ImGuiLayerTest, FramebuffersFollowTheTargetImages) {
  Renderer renderer(context());
  SmallScene s(renderer);
  ImGuiLayer layer(context(), nullptr, VK_FORMAT_R8G8B8A8_SRGB, 2);
  for (int round = 0; round < 3; ++round) {
    OffscreenTarget target(context(), {96 + 32U * static_cast<uint32_t>(round), 96}, 1, 2);
    for (int frame = 0; frame < 3; ++frame) {
      layer.newFrame(target.extent(), fixedInput);
      buildTestUi();
      layer.render();
      renderer.render(s.scene, std::span<const View>(&s.view, 1), target, &layer);
      EXPECT_EQ(layer.framebufferCount(), std::min(frame + 1, 2)) << "round " << round;
    }
    renderer.waitIdle();
  }
  // A frame without render() since newFrame() draws no UI (and is valid).
  OffscreenTarget target(context(), {64, 64});
  layer.newFrame(target.extent(), fixedInput);
  renderer.render(s.scene, std::span<const View>(&s.view, 1), target, &layer);
  renderer.waitIdle();
}

TEST_F(ImGuiLayerTest, OverlayRules) {
  Renderer renderer(context());
  SmallScene s(renderer);
  ImGuiLayer layer(context(), nullptr, VK_FORMAT_B8G8R8A8_SRGB, 2);
  OffscreenTarget stereo(context(), {64, 64}, 2);
  const View views[2] = {s.view, s.view};
  EXPECT_THROW(renderer.render(s.scene, views, stereo, &layer), VulkanError);
  OffscreenTarget mono(context(), {64, 64});  // R8G8B8A8_SRGB: not the layer's format
  layer.newFrame(mono.extent(), fixedInput);
  layer.render();
  EXPECT_THROW(renderer.render(s.scene, std::span<const View>(&s.view, 1), mono, &layer),
               VulkanError);
  renderer.waitIdle();
}

}  // namespace
}  // namespace vrmall::engine::test
