// Window tests: a real GLFW window and swapchain on an X display (ctest runs this executable under
// xvfb-run). Skipped when there is no display. Any validation warning or error fails a test.
#include <GLFW/glfw3.h>
#include <gtest/gtest.h>
#include <imgui.h>

#include <memory>

#include "engine_test_env.h"
#include "overlay_test_scene.h"
#include "vrmall/engine/context.h"
#include "vrmall/engine/imgui_layer.h"
#include "vrmall/engine/offscreen_target.h"
#include "vrmall/engine/renderer.h"
#include "vrmall/engine/window_target.h"

namespace vrmall::engine::test {
namespace {

// One context with the window's instance extensions and VK_KHR_swapchain, or null without a
// display.
Context* windowContext() {
  static std::unique_ptr<Context> context = []() -> std::unique_ptr<Context> {
    std::vector<const char*> extensions = WindowTarget::requiredInstanceExtensions();
    if (extensions.empty()) return nullptr;
    ContextOptions options;
    options.validation = true;
    options.requireValidation = true;
    options.instanceExtensions = extensions;
    options.deviceExtensions = {VK_KHR_SWAPCHAIN_EXTENSION_NAME};
    return std::make_unique<Context>(options);
  }();
  return context.get();
}

class WindowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (windowContext() == nullptr) GTEST_SKIP() << "no display (run under xvfb-run)";
    windowContext()->resetValidation();
  }
  void TearDown() override {
    if (windowContext() == nullptr) return;
    const ValidationCounts counts = windowContext()->validationCounts();
    std::string messages;
    for (const auto& m : windowContext()->validationMessages()) messages += "\n  " + m;
    EXPECT_EQ(counts.warning + counts.error, 0U)
        << counts.error << " validation error(s), " << counts.warning << " warning(s):" << messages;
  }
  Context& context() { return *windowContext(); }
};

RgbaImage renderOffscreen(Renderer& renderer, const SmallScene& s, VkExtent2D extent,
                          ImGuiLayer* layer = nullptr) {
  OffscreenTarget target(*windowContext(), extent);
  for (int frame = 0; frame < 2; ++frame) {
    if (layer != nullptr) {
      layer->newFrame(extent, fixedInput);
      buildTestUi();
      layer->render();
    }
    renderer.render(s.scene, std::span<const View>(&s.view, 1), target, layer);
  }
  renderer.waitIdle();
  return {extent.width, extent.height, target.readPixels(target.lastIndex())};
}

// The ImGui layer with the GLFW platform backend over a swapchain, a few frames.
TEST_F(WindowTest, ImGuiOverSwapchain) {
  Renderer renderer(context());
  SmallScene s(renderer);
  WindowTarget window(context(), 320, 240, "vrmall imgui test");
  {
    ImGuiLayer layer(context(), window.window(), window.format(), 2);
    for (int frame = 0; frame < 4; ++frame) {
      window.pollEvents();
      layer.newFrame(window.extent());
      ImGui::SetNextWindowPos(ImVec2(10.0F, 10.0F), ImGuiCond_Always);
      ImGui::Begin("vrmall");
      ImGui::Text("frame %d", frame);
      ImGui::End();
      layer.render();
      renderer.render(s.scene, std::span<const View>(&s.view, 1), window, &layer);
    }
    EXPECT_GE(layer.framebufferCount(), 1U);
    renderer.waitIdle();
  }
}

// F12-style screenshot: the captured swapchain image (B8G8R8A8 swizzled to RGBA) is the image an
// offscreen target gets for the same frame.
TEST_F(WindowTest, CaptureMatchesOffscreenRender) {
  Renderer renderer(context());
  SmallScene s(renderer);
  WindowTarget window(context(), 256, 256, "vrmall capture test");
  ASSERT_TRUE(window.captureSupported());
  EXPECT_FALSE(window.takeCapture().has_value()) << "nothing requested";
  window.requestCapture();
  EXPECT_TRUE(window.capturePending());
  EXPECT_FALSE(window.takeCapture().has_value()) << "requested, not rendered yet";
  for (int frame = 0; frame < 3; ++frame) {
    window.pollEvents();
    renderer.render(s.scene, std::span<const View>(&s.view, 1), window);
  }
  // Taken two frames later: its frame is known done without waiting.
  std::optional<RgbaImage> capture = window.takeCapture();
  ASSERT_TRUE(capture.has_value());
  EXPECT_FALSE(window.takeCapture().has_value()) << "returned once";
  ASSERT_EQ(capture->width, 256U);
  ASSERT_EQ(capture->height, 256U);
  const RgbaImage offscreen = renderOffscreen(renderer, s, {256, 256});
  EXPECT_LE(compareImages(*capture, offscreen, 0).maxChannelDiff, 1);
  expectMatchesGolden(*capture, "window_capture", 8, 0.005);

  // Taken right after the frame (still in flight): takeCapture waits for it.
  window.requestCapture();
  renderer.render(s.scene, std::span<const View>(&s.view, 1), window);
  capture = window.takeCapture();
  ASSERT_TRUE(capture.has_value());
  EXPECT_LE(compareImages(*capture, offscreen, 0).maxChannelDiff, 1);
  renderer.waitIdle();
}

// The capture includes the overlay: with the GLFW backend (mouse overridden) the window shows the
// same UI as the offscreen golden.
TEST_F(WindowTest, CaptureIncludesImGuiOverlay) {
  Renderer renderer(context());
  SmallScene s(renderer);
  WindowTarget window(context(), 256, 256, "vrmall capture imgui");
  ImGuiLayer layer(context(), window.window(), window.format(), 2);
  for (int frame = 0; frame < 2; ++frame) {
    window.pollEvents();
    layer.newFrame(window.extent(), fixedInput);
    buildTestUi();
    layer.render();
    if (frame == 1) window.requestCapture();
    renderer.render(s.scene, std::span<const View>(&s.view, 1), window, &layer);
  }
  const std::optional<RgbaImage> capture = window.takeCapture();
  ASSERT_TRUE(capture.has_value());
  expectMatchesGolden(*capture, "imgui_overlay", 8, 0.01);
  renderer.waitIdle();
}

// A resize recreates the swapchain at the new size (new image generation); the renderer follows.
TEST_F(WindowTest, ResizeRecreatesSwapchain) {
  Renderer renderer(context());
  SmallScene s(renderer);
  WindowTarget window(context(), 256, 256, "vrmall resize test");
  ImGuiLayer layer(context(), window.window(), window.format(), 2);
  auto frame = [&] {
    window.pollEvents();
    layer.newFrame(window.extent(), fixedInput);
    buildTestUi();
    layer.render();
    renderer.render(s.scene, std::span<const View>(&s.view, 1), window, &layer);
  };
  frame();
  const uint64_t generation = window.imageGeneration();
  glfwSetWindowSize(window.window(), 200, 150);
  for (int i = 0; i < 20 && window.extent().width != 200; ++i) frame();
  ASSERT_EQ(window.extent().width, 200U);
  ASSERT_EQ(window.extent().height, 150U);
  EXPECT_GE(window.recreateCount(), 1U);
  EXPECT_NE(window.imageGeneration(), generation);
  window.requestCapture();
  frame();
  frame();
  const std::optional<RgbaImage> capture = window.takeCapture();
  ASSERT_TRUE(capture.has_value());
  EXPECT_EQ(capture->width, 200U);
  EXPECT_EQ(capture->height, 150U);
  {
    // The same UI offscreen needs a layer of the offscreen format. ImGui's GLFW callbacks use the
    // current ImGui context: make the window's layer current again before events are polled.
    ImGuiLayer offscreenLayer(context(), nullptr, VK_FORMAT_R8G8B8A8_SRGB, 2);
    const RgbaImage offscreen = renderOffscreen(renderer, s, {200, 150}, &offscreenLayer);
    EXPECT_LE(compareImages(*capture, offscreen, 0).fractionOver, 0.01);
  }
  ImGui::SetCurrentContext(layer.imguiContext());
  renderer.waitIdle();
}

}  // namespace
}  // namespace vrmall::engine::test
