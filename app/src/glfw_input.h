// Reads a GLFW window into FrameInput once per frame. Presses and wheel steps are counted by
// callbacks so a click shorter than a frame is never lost (at 5 fps on a software rasteriser a
// frame is longer than a click). Install it before Dear ImGui's GLFW backend, which chains to
// the callbacks it finds.
#pragma once

#include <glm/vec2.hpp>

#include "frame_input.h"

struct GLFWwindow;

namespace vrmall::app {

class GlfwInput {
 public:
  explicit GlfwInput(GLFWwindow* window);
  ~GlfwInput();
  GlfwInput(const GlfwInput&) = delete;
  GlfwInput& operator=(const GlfwInput&) = delete;

  FrameInput read();
  // Mouse look: hides the cursor and reports relative motion (GLFW_CURSOR_DISABLED).
  void setCaptured(bool captured);
  bool captured() const { return captured_; }

 private:
  GLFWwindow* window_;
  glm::vec2 lastCursor_{0.0F};
  bool haveCursor_ = false;
  bool captured_ = false;
};

}  // namespace vrmall::app
