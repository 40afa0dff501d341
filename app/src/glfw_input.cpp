#include "glfw_input.h"

#include <GLFW/glfw3.h>

#include <set>

namespace vrmall::app {
namespace {

// GLFW callbacks are plain functions; the desktop preview has one window, so one accumulator.
struct Pending {
  int leftPresses = 0;
  float scroll = 0.0F;
  std::set<int> keysPressed;
};
Pending pending;

void onMouseButton(GLFWwindow*, int button, int action, int) {
  if (button == GLFW_MOUSE_BUTTON_LEFT && action == GLFW_PRESS) ++pending.leftPresses;
}
void onScroll(GLFWwindow*, double, double y) {
  pending.scroll += static_cast<float>(y);
}
void onKey(GLFWwindow*, int key, int, int action, int) {
  if (action == GLFW_PRESS && key != GLFW_KEY_UNKNOWN) pending.keysPressed.insert(key);
}

}  // namespace

GlfwInput::GlfwInput(GLFWwindow* window) : window_(window) {
  pending = Pending{};
  glfwSetMouseButtonCallback(window_, onMouseButton);
  glfwSetScrollCallback(window_, onScroll);
  glfwSetKeyCallback(window_, onKey);
}

GlfwInput::~GlfwInput() {
  glfwSetMouseButtonCallback(window_, nullptr);
  glfwSetScrollCallback(window_, nullptr);
  glfwSetKeyCallback(window_, nullptr);
}

FrameInput GlfwInput::read() {
  FrameInput in;
  double x = 0.0, y = 0.0;
  glfwGetCursorPos(window_, &x, &y);
  in.cursor = {static_cast<float>(x), static_cast<float>(y)};
  if (haveCursor_) in.cursorDelta = in.cursor - lastCursor_;
  lastCursor_ = in.cursor;
  haveCursor_ = true;
  in.leftDown = glfwGetMouseButton(window_, GLFW_MOUSE_BUTTON_LEFT) == GLFW_PRESS;
  in.rightDown = glfwGetMouseButton(window_, GLFW_MOUSE_BUTTON_RIGHT) == GLFW_PRESS;
  in.leftClicked = pending.leftPresses > 0;
  in.scroll = pending.scroll;
  in.keysPressed = std::move(pending.keysPressed);
  pending = Pending{};
  for (int key : {GLFW_KEY_W, GLFW_KEY_A, GLFW_KEY_S, GLFW_KEY_D, GLFW_KEY_UP, GLFW_KEY_DOWN,
                  GLFW_KEY_LEFT, GLFW_KEY_RIGHT, GLFW_KEY_LEFT_SHIFT}) {
    if (glfwGetKey(window_, key) == GLFW_PRESS) in.keysDown.insert(key);
  }
  for (int key : in.keysPressed) in.keysDown.insert(key);
  return in;
}

void GlfwInput::setCaptured(bool captured) {
  if (captured == captured_) return;
  captured_ = captured;
  glfwSetInputMode(window_, GLFW_CURSOR, captured ? GLFW_CURSOR_DISABLED : GLFW_CURSOR_NORMAL);
  haveCursor_ = false;  // the first reading after a mode change is no motion
}

}  // namespace vrmall::app
