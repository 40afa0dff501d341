// One frame of desktop input, whoever produced it: the GLFW window (a person) or an input script
// (tests, demos). The window loop reads only this, so a script drives exactly the code a person
// does.
#pragma once

#include <glm/vec2.hpp>
#include <set>
#include <string>

namespace vrmall::app {

struct FrameInput {
  glm::vec2 cursor{0.0F};       // window pixels, origin top-left
  glm::vec2 cursorDelta{0.0F};  // since the last frame (mouse look)
  bool leftDown = false;        // held
  bool leftClicked = false;     // pressed this frame
  bool rightDown = false;
  float scroll = 0.0F;        // wheel steps this frame, + = away from the user (zoom in)
  std::set<int> keysDown;     // GLFW_KEY_* held
  std::set<int> keysPressed;  // GLFW_KEY_* pressed this frame
  std::string screenshot;     // a file name to save this frame as ("" = none)
  std::string typed;          // text typed this frame (UTF-8), for a focused text box
  bool quit = false;

  bool down(int key) const { return keysDown.count(key) != 0; }
  bool pressed(int key) const { return keysPressed.count(key) != 0; }
};

}  // namespace vrmall::app
