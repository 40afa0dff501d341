// Window tests: a real GLFW window and swapchain on an X display (ctest runs this executable under
// xvfb-run). Skipped when there is no display. Any validation warning or error fails a test.
#include <GLFW/glfw3.h>
#include <gtest/gtest.h>
#include <imgui.h>

#include <glm/gtc/matrix_transform.hpp>
#include <memory>

#include "vrmall/engine/context.h"
#include "vrmall/engine/imgui_layer.h"
#include "vrmall/engine/procedural.h"
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

struct SmallScene {
  Scene scene;
  View view = View::lookAt({0.0F, 1.2F, 2.2F}, {0, 0.4F, 0}, glm::radians(50.0F), 4.0F / 3.0F);
  explicit SmallScene(Renderer& renderer) {
    const ModelId floor = renderer.addModel(makePlane(6.0F, {0.55F, 0.5F, 0.45F, 1.0F}));
    const ModelId ball =
        renderer.addModel(makeSphere(0.4F, {0.2F, 0.5F, 0.9F, 1.0F}, 0.0F, 0.4F, 24));
    scene.add(Instance{floor, glm::mat4(1.0F), -1, true});
    scene.add(Instance{ball, glm::translate(glm::mat4(1.0F), {0.5F, 0.4F, 0.0F}), -1, true});
  }
};

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

}  // namespace
}  // namespace vrmall::engine::test
