#include "window_run.h"

#include <GLFW/glfw3.h>

#include <chrono>
#include <cmath>
#include <iostream>

#include "store_guide.h"
#include "store_scene.h"
#include "vrmall/engine/context.h"
#include "vrmall/engine/renderer.h"
#include "vrmall/engine/window_target.h"
#include "vrmall/rec/guide_service.h"

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
  auto built = StoreScene::buildOrReport(o.storeDir, renderer, scene);
  if (!built) return 2;
  StoreSummary& store = *built;
  // The shopping guide on its own thread; this loop only posts events, marks the slots in view
  // and applies the newest plan at the frame boundary. Without it the store still renders.
  std::optional<GuideStart> guideStart;
  std::unique_ptr<SlotPlacer> placer;
  std::unique_ptr<rec::GuideService> guide;
  try {
    guideStart = startGuide(o.storeDir);
    placer = std::make_unique<SlotPlacer>(o.storeDir, store, renderer, scene);
    rec::PlanOptions planOptions;
    planOptions.promo_signs = guideStart->slots.promo_signs;
    guide = std::make_unique<rec::GuideService>(guideStart->recommender, guideStart->slots.slots,
                                                rec::UserContext{}, planOptions);
  } catch (const std::exception& e) {
    std::cerr << "vrmall: warning: the shopping guide is off: " << e.what() << "\n";
    guide.reset();
  }
  std::vector<rec::SlotState> state;
  if (guide) state = guideStart->slots.state;
  uint64_t appliedVersion = 0;
  size_t plansApplied = 0, swapped = 0, eventsPosted = 0;
  int gazed = -1;  // slot index under the gaze
  float dwell = 0.0F;
  bool keyWasDown[4] = {false, false, false, false};
  const int actionKeys[4] = {GLFW_KEY_P, GLFW_KEY_T, GLFW_KEY_C, GLFW_KEY_B};
  const rec::EventType actionTypes[4] = {rec::EventType::PickUp, rec::EventType::TryOn,
                                         rec::EventType::AddToCart, rec::EventType::Purchase};

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
    if (guide) {
      const auto nowS = guideStart->clock +
                        static_cast<int64_t>(std::chrono::duration<double>(now - start).count());
      // Which slots are in view; the guide must not change them.
      const engine::Frustum frustum(view.viewProj());
      bool viewChanged = false;
      const glm::vec3 ahead(std::cos(glm::radians(pitch)) * std::sin(r),
                            std::sin(glm::radians(pitch)),
                            std::cos(glm::radians(pitch)) * std::cos(r));
      int best = -1;
      float bestCos = std::cos(glm::radians(8.0F));
      for (size_t s = 0; s < state.size(); ++s) {
        const std::string& id = guideStart->slots.slots[s].id;
        const bool in = placer->inView(id, frustum);
        viewChanged = viewChanged || in != state[s].in_view;
        state[s].in_view = in;
        const auto c = placer->centre(id);
        if (!in || !c || state[s].item < 0) continue;
        const glm::vec3 to = *c - eye;
        const float d = glm::length(to);
        if (d < 0.2F || d > 5.0F) continue;
        const float cosAngle = glm::dot(to / d, ahead);
        if (cosAngle > bestCos) {
          bestCos = cosAngle;
          best = static_cast<int>(s);
        }
      }
      if (viewChanged) guide->setSlotState(state);
      // Frame boundary: the newest finished plan goes into slots out of view.
      if (const auto plan = guide->latest(); plan && plan->version != appliedVersion) {
        appliedVersion = plan->version;
        ++plansApplied;
        bool changed = false;
        for (size_t s = 0; s < plan->slots.size() && s < state.size(); ++s) {
          const rec::PlannedSlot& p = plan->slots[s];
          if (p.item < 0 || p.item == state[s].item || state[s].in_view) continue;
          std::string error;
          if (placer->show(p.slot_id, p.item_id, error)) {
            state[s].item = p.item;
            ++swapped;
            changed = true;
          }
        }
        if (changed) guide->setSlotState(state);
      }
      // Gaze: looking away from a product after at least 0.3 s is one gaze_dwell event.
      if (best == gazed) {
        dwell += dt;
      } else {
        if (gazed >= 0 && dwell >= 0.3F) {
          guide->post({-1, state[static_cast<size_t>(gazed)].item, nowS, rec::EventType::GazeDwell,
                       dwell * 1000.0F});
          ++eventsPosted;
        }
        gazed = best;
        dwell = 0.0F;
      }
      for (int k = 0; k < 4; ++k) {
        const bool down = glfwGetKey(w, actionKeys[k]) == GLFW_PRESS;
        if (down && !keyWasDown[k] && gazed >= 0) {
          guide->post({-1, state[static_cast<size_t>(gazed)].item, nowS, actionTypes[k], 1.0F});
          ++eventsPosted;
        }
        keyWasDown[k] = down;
      }
    }
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
  if (guide) {
    std::cout << "guide: trained in " << static_cast<int>(guideStart->trainMs) << " ms; "
              << eventsPosted << " events, " << plansApplied << " plans applied, " << swapped
              << " slots swapped\n";
  }
  return counts.error > 0 ? 3 : 0;
}

}  // namespace vrmall::app
