// A scripted input track for the desktop window: what a person would do, frame by frame. Used
// by the window's golden-image test under Xvfb and for reproducible demos:
//   { "events": [ { "frame": 5,  "mouse": [480, 300] },
//                 { "frame": 6,  "click": [480, 300] },          // left press on this frame
//                 { "frame": 8,  "key": "T" },                   // a key press (GLFW key name)
//                 { "frame": 9,  "scroll": 2 },
//                 { "frame": 10, "type": "red dress" },         // text into the focused box
//                 { "frame": 30, "screenshot": "card.png" },     // saved in --out
//                 { "frame": 31, "quit": true } ] }
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "frame_input.h"

namespace vrmall::app {

class InputScript {
 public:
  // Throws std::runtime_error naming the file and the event when it is malformed.
  static InputScript load(const std::filesystem::path& path);

  // Applies this frame's scripted input over what the window produced (the script wins for the
  // cursor once it has placed it).
  void apply(int frame, FrameInput& input);
  int lastFrame() const { return last_; }

  // GLFW key code for names like "T", "F12", "ESCAPE", "SPACE", "TAB", "1"; -1 when unknown.
  static int keyCode(const std::string& name);

 private:
  struct Step {
    std::optional<glm::vec2> mouse;
    bool click = false;
    std::vector<int> keys;
    float scroll = 0.0F;
    std::string screenshot;
    std::string typed;
    bool quit = false;
  };
  std::map<int, Step> steps_;
  std::optional<glm::vec2> cursor_;
  int last_ = 0;
};

}  // namespace vrmall::app
