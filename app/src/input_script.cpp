#include "input_script.h"

#include <GLFW/glfw3.h>

#include <cctype>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "json_file.h"

namespace vrmall::app {

using nlohmann::json;

int InputScript::keyCode(const std::string& raw) {
  std::string name;
  for (char c : raw) name += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (name.size() == 1) {
    const char c = name[0];
    if (c >= 'A' && c <= 'Z') return GLFW_KEY_A + (c - 'A');
    if (c >= '0' && c <= '9') return GLFW_KEY_0 + (c - '0');
  }
  if (name.size() >= 2 && name[0] == 'F') {
    try {
      const int n = std::stoi(name.substr(1));
      if (n >= 1 && n <= 25) return GLFW_KEY_F1 + n - 1;
    } catch (const std::exception&) {
    }
  }
  static const std::map<std::string, int> named = {
      {"ESCAPE", GLFW_KEY_ESCAPE}, {"ESC", GLFW_KEY_ESCAPE},  {"SPACE", GLFW_KEY_SPACE},
      {"TAB", GLFW_KEY_TAB},       {"ENTER", GLFW_KEY_ENTER}, {"LEFT", GLFW_KEY_LEFT},
      {"SLASH", GLFW_KEY_SLASH},   {"/", GLFW_KEY_SLASH},     {"RIGHT", GLFW_KEY_RIGHT},
      {"UP", GLFW_KEY_UP},         {"DOWN", GLFW_KEY_DOWN}};
  const auto it = named.find(name);
  return it == named.end() ? -1 : it->second;
}

InputScript InputScript::load(const std::filesystem::path& path) {
  const json j = readJsonFile(path);
  const json none;
  const json& events = j.is_array()                            ? j
                       : j.is_object() && j.contains("events") ? j["events"]
                                                               : none;
  if (!events.is_array()) throw std::runtime_error(path.string() + ": wants an \"events\" array");
  InputScript script;
  for (size_t n = 0; n < events.size(); ++n) {
    const json& e = events[n];
    const std::string where = path.string() + ": events[" + std::to_string(n) + "]";
    if (!e.is_object() || !e.value("frame", json()).is_number_integer() ||
        e["frame"].get<int>() < 0) {
      throw std::runtime_error(where + " wants an object with \"frame\": an integer >= 0");
    }
    const int frame = e["frame"].get<int>();
    Step& step = script.steps_[frame];
    script.last_ = std::max(script.last_, frame);
    bool known = false;
    for (const char* key : {"mouse", "click"}) {
      if (!e.contains(key)) continue;
      const json& v = e[key];
      if (!v.is_array() || v.size() != 2 || !v[0].is_number() || !v[1].is_number()) {
        throw std::runtime_error(where + "." + key + " wants [x, y] in window pixels");
      }
      step.mouse = glm::vec2(v[0].get<float>(), v[1].get<float>());
      step.click = step.click || std::string(key) == "click";
      known = true;
    }
    if (e.contains("key")) {
      const int code = e["key"].is_string() ? keyCode(e["key"].get<std::string>()) : -1;
      if (code < 0) throw std::runtime_error(where + ".key: unknown key " + e["key"].dump());
      step.keys.push_back(code);
      known = true;
    }
    if (e.contains("scroll")) {
      if (!e["scroll"].is_number()) throw std::runtime_error(where + ".scroll wants a number");
      step.scroll += e["scroll"].get<float>();
      known = true;
    }
    if (e.contains("screenshot")) {
      const std::string name =
          e["screenshot"].is_string() ? e["screenshot"].get<std::string>() : "";
      if (name.empty() || name.find('/') != std::string::npos ||
          name.find("..") != std::string::npos) {
        throw std::runtime_error(where + ".screenshot wants a plain file name like \"card.png\"");
      }
      step.screenshot = name;
      known = true;
    }
    if (e.contains("type")) {
      if (!e["type"].is_string()) throw std::runtime_error(where + ".type wants a string");
      step.typed += e["type"].get<std::string>();
      known = true;
    }
    if (e.contains("quit")) {
      step.quit = e["quit"].is_boolean() && e["quit"].get<bool>();
      known = true;
    }
    if (!known) {
      throw std::runtime_error(where +
                               " does nothing: use mouse, click, key, scroll, type, "
                               "screenshot or quit");
    }
  }
  return script;
}

void InputScript::apply(int frame, FrameInput& input) {
  const auto it = steps_.find(frame);
  if (it != steps_.end()) {
    const Step& s = it->second;
    if (s.mouse) {
      if (cursor_) input.cursorDelta += *s.mouse - *cursor_;
      cursor_ = s.mouse;
    }
    if (s.click) {
      input.leftClicked = true;
      input.leftDown = true;
    }
    for (int k : s.keys) {
      input.keysPressed.insert(k);
      input.keysDown.insert(k);
    }
    input.scroll += s.scroll;
    input.typed += s.typed;
    if (!s.screenshot.empty()) input.screenshot = s.screenshot;
    input.quit = input.quit || s.quit;
  }
  if (cursor_) input.cursor = *cursor_;
}

}  // namespace vrmall::app
