// A scripted shopper for the headset mode: what the hands do, frame by frame, injected where the
// real action states are read (a runtime's simulated controllers press nothing), plus where the
// shopper stands and faces (the head's own pose still comes from the runtime, so gaze is real
// head gaze):
//   { "events": [
//     { "frame": 2,  "stand": { "position": [0.0, 6.0], "face": "FY-L2-1" } },  // or "yaw_deg"
//     { "frame": 3,  "stand": { "position": [0.0, 6.0], "face": "FY-L2-1", "keep_facing": true } },
//                    // turned towards it again every frame (as a person keeps looking at
//                    // something while their head sways) until the next "stand"
//     { "frame": 10, "aim": "FY-L2-1", "hand": "right" },   // point at a slot's product (held)
//     { "frame": 11, "aim_panel": [0.5, 0.4] },             // point at the panel (u, v in 0..1)
//     { "frame": 11, "aim_dir": [0.0, 0.5, -1.0] },         // point along a store direction
//     { "frame": 11, "aim": null },                         // let go: the controller's own pose
//     { "frame": 12, "select": true },                      // a trigger press on this frame
//     { "frame": 14, "grab": true },                        // a squeeze press
//     { "frame": 15, "menu": true },                        // the menu button
//     { "frame": 16, "teleport": [1.5, 4.0] },              // release the arc onto this point
//     { "frame": 18, "snap_turn": "left" },                 // or "right"
//     { "frame": 20, "stick": [0.0, 1.0], "hand": "left", "frames": 30 },  // hold a stick
//     { "frame": 60, "screenshot": "look" },                // look_left.png, look_right.png
//     { "frame": 61, "quit": true } ] }
// "hand" defaults to "right". A slot id or an ITEM_ID names a product.
#pragma once

#include <filesystem>
#include <glm/vec2.hpp>
#include <glm/vec3.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace vrmall::app {

struct XrScriptStep {
  std::optional<glm::vec2> standAt;
  std::optional<std::string> standFace;  // a product to face
  std::optional<float> standYawDeg;
  bool keepFacing = false;
  // Aim changes: a product, a panel point, or back to the controller's pose.
  std::optional<std::string> aimAt;
  std::optional<glm::vec2> aimPanel;
  std::optional<glm::vec3> aimDir;
  bool aimRelease = false;
  int hand = 1;  // 0 left, 1 right
  bool select = false, grab = false, menu = false;
  std::optional<glm::vec2> teleport;
  int snapTurn = 0;  // -1 left, +1 right
  std::optional<glm::vec2> stick;
  int stickFrames = 1;
  std::string screenshot;
  bool quit = false;
};

class XrInputScript {
 public:
  // Throws std::runtime_error naming the file and the event when it is malformed.
  static XrInputScript load(const std::filesystem::path& path);
  // The steps of `frame` (several events may share a frame), empty when none.
  const std::vector<XrScriptStep>& at(int frame) const;
  int lastFrame() const { return last_; }

 private:
  std::map<int, std::vector<XrScriptStep>> steps_;
  int last_ = 0;
};

}  // namespace vrmall::app
