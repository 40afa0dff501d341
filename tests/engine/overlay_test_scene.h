// The small scene and ImGui window shared by the offscreen overlay tests and the window tests
// (test_engine_window compares its captures with the same goldens).
#pragma once

#include <imgui.h>

#include <glm/gtc/matrix_transform.hpp>

#include "vrmall/engine/procedural.h"
#include "vrmall/engine/renderer.h"
#include "vrmall/engine/scene.h"
#include "vrmall/engine/view.h"

namespace vrmall::engine::test {

// A floor and a blue ball.
struct SmallScene {
  Scene scene;
  View view = View::lookAt({0.0F, 1.2F, 2.2F}, {0, 0.4F, 0}, glm::radians(50.0F), 1.0F);
  explicit SmallScene(Renderer& renderer) {
    const ModelId floor = renderer.addModel(makePlane(6.0F, {0.55F, 0.5F, 0.45F, 1.0F}));
    const ModelId ball =
        renderer.addModel(makeSphere(0.4F, {0.2F, 0.5F, 0.9F, 1.0F}, 0.0F, 0.4F, 32));
    scene.add(Instance{floor, glm::mat4(1.0F), -1, true});
    scene.add(Instance{ball, glm::translate(glm::mat4(1.0F), {0.5F, 0.4F, 0.0F}), -1, true});
  }
};

// Fixed input: the mouse far away, a fixed time step (the result must not depend on timing).
inline void fixedInput(ImGuiIO& io) {
  io.DeltaTime = 1.0F / 60.0F;
  io.MousePos = ImVec2(-1000.0F, -1000.0F);
  for (bool& down : io.MouseDown) down = false;
}

// A window with text and a button, and two filled rectangles of known sRGB colour: red at
// (24..64, 90..120), grey 128 at (72..112, 90..120).
inline void buildTestUi() {
  ImGui::SetNextWindowPos(ImVec2(12.0F, 12.0F), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(150.0F, 120.0F), ImGuiCond_Always);
  ImGui::Begin("vrmall", nullptr, ImGuiWindowFlags_NoSavedSettings);
  ImGui::Text("Hello, mall");
  ImGui::Button("Buy", ImVec2(60.0F, 0.0F));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(ImVec2(24.0F, 90.0F), ImVec2(64.0F, 120.0F), IM_COL32(255, 0, 0, 255));
  draw->AddRectFilled(ImVec2(72.0F, 90.0F), ImVec2(112.0F, 120.0F), IM_COL32(128, 128, 128, 255));
  ImGui::End();
}

}  // namespace vrmall::engine::test
