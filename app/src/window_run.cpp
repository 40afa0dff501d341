#include "window_run.h"

#include <GLFW/glfw3.h>

#include <chrono>
#include <cmath>
#include <iostream>

#include "store_scene.h"
#include "vrmall/engine/context.h"
#include "vrmall/engine/renderer.h"
#include "vrmall/engine/window_target.h"

namespace vrmall::app {

int runWindow(const WindowOptions& o) {
  engine::ContextOptions contextOptions;
  contextOptions.validation = o.validation;
  contextOptions.instanceExtensions = engine::WindowTarget::requiredInstanceExtensions();
  if (contextOptions.instanceExtensions.empty()) {
    std::cerr << "vrmall: no window system (is DISPLAY set? in CI use xvfb-run)\n";
    return 2;
  }
  contextOptions.deviceExtensions = {VK_KHR_SWAPCHAIN_EXTENSION_NAME};
  engine::Context context(contextOptions);
  engine::Renderer renderer(context);
  engine::Scene scene;
  StoreSummary store;
  try {
    store = StoreScene::build(o.storeDir, renderer, scene);
  } catch (const std::exception& e) {
    std::cerr << "vrmall: " << e.what() << "\n";
    return 2;
  }
  engine::WindowTarget window(context, o.width, o.height, "vrmall");

  glm::vec3 eye(store.spawn.x, store.spawn.y + store.eyeHeight, store.spawn.z);
  float yaw = store.spawnYawDeg;
  float pitch = -5.0F;
  auto last = std::chrono::steady_clock::now();
  const auto start = last;
  int frame = 0;
  double cpuSum = 0.0;
  while (!window.shouldClose() && (o.frames == 0 || frame < o.frames)) {
    window.pollEvents();
    const auto now = std::chrono::steady_clock::now();
    const float dt = std::min(0.1F, std::chrono::duration<float>(now - last).count());
    last = now;
    GLFWwindow* w = window.window();
    if (glfwGetKey(w, GLFW_KEY_ESCAPE) == GLFW_PRESS) break;
    const float turn = 90.0F * dt;
    if (glfwGetKey(w, GLFW_KEY_LEFT) == GLFW_PRESS) yaw += turn;
    if (glfwGetKey(w, GLFW_KEY_RIGHT) == GLFW_PRESS) yaw -= turn;
    if (glfwGetKey(w, GLFW_KEY_UP) == GLFW_PRESS) pitch = std::min(80.0F, pitch + turn);
    if (glfwGetKey(w, GLFW_KEY_DOWN) == GLFW_PRESS) pitch = std::max(-80.0F, pitch - turn);
    const float r = glm::radians(yaw);
    const glm::vec3 forward(std::sin(r), 0.0F, std::cos(r));
    const glm::vec3 right(-std::cos(r), 0.0F, std::sin(r));
    const float speed = 2.0F * dt;
    if (glfwGetKey(w, GLFW_KEY_W) == GLFW_PRESS) eye += forward * speed;
    if (glfwGetKey(w, GLFW_KEY_S) == GLFW_PRESS) eye -= forward * speed;
    if (glfwGetKey(w, GLFW_KEY_D) == GLFW_PRESS) eye += right * speed;
    if (glfwGetKey(w, GLFW_KEY_A) == GLFW_PRESS) eye -= right * speed;

    const VkExtent2D extent = window.extent();
    const float aspect =
        static_cast<float>(extent.width) / static_cast<float>(std::max(1U, extent.height));
    const engine::View view = engine::View::yawPitch(eye, yaw, pitch, glm::radians(65.0F), aspect);
    cpuSum += renderer.render(scene, std::span<const engine::View>(&view, 1), window).cpuMs;
    ++frame;
  }
  renderer.waitIdle();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const auto counts = context.validationCounts();
  std::cout << "window: " << frame << " frames, " << (seconds > 0 ? frame / seconds : 0.0)
            << " fps, cpu " << (frame > 0 ? cpuSum / frame : 0.0) << " ms/frame; validation errors "
            << counts.error << ", warnings " << counts.warning << "\n";
  return counts.error > 0 ? 3 : 0;
}

}  // namespace vrmall::app
