#include "xr_input_script.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "json_file.h"

namespace vrmall::app {

using nlohmann::json;

namespace {

std::optional<glm::vec2> vec2Of(const json& v) {
  if (!v.is_array() || v.size() != 2 || !v[0].is_number() || !v[1].is_number()) return {};
  return glm::vec2(v[0].get<float>(), v[1].get<float>());
}

}  // namespace

XrInputScript XrInputScript::load(const std::filesystem::path& path) {
  const json j = readJsonFile(path);
  const json none;
  const json& events = j.is_array()                            ? j
                       : j.is_object() && j.contains("events") ? j["events"]
                                                               : none;
  if (!events.is_array()) throw std::runtime_error(path.string() + ": wants an \"events\" array");
  static const std::vector<std::string> kKeys = {
      "frame", "stand",    "aim",       "aim_panel", "aim_dir", "hand",       "select", "grab",
      "menu",  "teleport", "snap_turn", "stick",     "frames",  "screenshot", "quit",   "note"};
  XrInputScript script;
  for (size_t n = 0; n < events.size(); ++n) {
    const json& e = events[n];
    const std::string where = path.string() + ": events[" + std::to_string(n) + "]";
    const auto fail = [&](const std::string& what) { throw std::runtime_error(where + what); };
    if (!e.is_object() || !e.value("frame", json()).is_number_integer() ||
        e["frame"].get<int>() < 0) {
      fail(" wants an object with \"frame\": an integer >= 0");
    }
    for (const auto& [key, value] : e.items()) {
      if (std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end()) {
        fail(": unknown key \"" + key + "\"");
      }
    }
    XrScriptStep step;
    if (e.contains("hand")) {
      const json& h = e["hand"];
      if (!h.is_string() || (h != "left" && h != "right"))
        fail(".hand wants \"left\" or \"right\"");
      step.hand = h == "left" ? 0 : 1;
    }
    if (e.contains("stand")) {
      const json& s = e["stand"];
      if (!s.is_object()) fail(".stand wants {\"position\": [x, z], \"face\" or \"yaw_deg\"}");
      step.standAt = vec2Of(s.value("position", json()));
      if (!step.standAt) fail(".stand.position wants [x, z] in metres");
      if (s.contains("keep_facing")) {
        if (!s["keep_facing"].is_boolean()) fail(".stand.keep_facing wants true or false");
        step.keepFacing = s["keep_facing"].get<bool>();
      }
      if (s.contains("face")) {
        if (!s["face"].is_string()) fail(".stand.face wants a slot id or ITEM_ID");
        step.standFace = s["face"].get<std::string>();
      } else if (s.contains("yaw_deg") && s["yaw_deg"].is_number()) {
        step.standYawDeg = s["yaw_deg"].get<float>();
      } else {
        fail(".stand wants \"face\" (a product) or \"yaw_deg\"");
      }
      if (step.keepFacing && !step.standFace) fail(".stand.keep_facing wants \"face\"");
    }
    if (e.contains("aim")) {
      if (e["aim"].is_null()) {
        step.aimRelease = true;
      } else if (e["aim"].is_string()) {
        step.aimAt = e["aim"].get<std::string>();
      } else {
        fail(".aim wants a slot id or ITEM_ID, or null");
      }
    }
    if (e.contains("aim_panel")) {
      step.aimPanel = vec2Of(e["aim_panel"]);
      if (!step.aimPanel || step.aimPanel->x < 0 || step.aimPanel->x > 1 || step.aimPanel->y < 0 ||
          step.aimPanel->y > 1) {
        fail(".aim_panel wants [u, v] with both in 0..1");
      }
    }
    if (e.contains("aim_dir")) {
      const auto d = vec3Of(e["aim_dir"]);
      if (!d || (d->x == 0.0F && d->y == 0.0F && d->z == 0.0F)) {
        fail(".aim_dir wants [x, y, z], not all zero");
      }
      step.aimDir = *d;
    }
    for (const auto& [key, flag] : {std::pair<const char*, bool*>{"select", &step.select},
                                    {"grab", &step.grab},
                                    {"menu", &step.menu},
                                    {"quit", &step.quit}}) {
      if (!e.contains(key)) continue;
      if (!e[key].is_boolean()) fail(std::string(".") + key + " wants true or false");
      *flag = e[key].get<bool>();
    }
    if (e.contains("teleport")) {
      step.teleport = vec2Of(e["teleport"]);
      if (!step.teleport) fail(".teleport wants [x, z] on the floor, in metres");
    }
    if (e.contains("snap_turn")) {
      const json& t = e["snap_turn"];
      if (!t.is_string() || (t != "left" && t != "right")) {
        fail(".snap_turn wants \"left\" or \"right\"");
      }
      step.snapTurn = t == "left" ? -1 : 1;
    }
    if (e.contains("stick")) {
      step.stick = vec2Of(e["stick"]);
      if (!step.stick || std::abs(step.stick->x) > 1 || std::abs(step.stick->y) > 1) {
        fail(".stick wants [x, y] with both in -1..1");
      }
      if (e.contains("frames")) {
        if (!e["frames"].is_number_integer() || e["frames"].get<int>() < 1) {
          fail(".frames wants an integer >= 1");
        }
        step.stickFrames = e["frames"].get<int>();
      }
    }
    if (e.contains("screenshot")) {
      if (!e["screenshot"].is_string() || e["screenshot"].get<std::string>().empty() ||
          e["screenshot"].get<std::string>().find('/') != std::string::npos) {
        fail(".screenshot wants a file name stem (no folder)");
      }
      step.screenshot = e["screenshot"].get<std::string>();
    }
    const int frame = e["frame"].get<int>();
    script.last_ = std::max(script.last_, frame + step.stickFrames - 1);
    script.steps_[frame].push_back(std::move(step));
  }
  return script;
}

const std::vector<XrScriptStep>& XrInputScript::at(int frame) const {
  static const std::vector<XrScriptStep> kNone;
  const auto it = steps_.find(frame);
  return it == steps_.end() ? kNone : it->second;
}

}  // namespace vrmall::app
