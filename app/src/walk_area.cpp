#include "walk_area.h"

#include <algorithm>
#include <cmath>
#include <glm/geometric.hpp>
#include <glm/trigonometric.hpp>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "json_file.h"

namespace vrmall::app {
namespace {

using nlohmann::json;

glm::vec2 vec2Of(const json& v, const std::string& where) {
  if (!v.is_array() || v.size() != 2 || !v[0].is_number() || !v[1].is_number()) {
    throw std::runtime_error(where + " wants [x, z]");
  }
  return {v[0].get<float>(), v[1].get<float>()};
}

// World (x, z) into the box's frame. layout.json's yaw maps a model point (x, z) to
// (x cos t + z sin t, -x sin t + z cos t); the inverse rotates by -t.
glm::vec2 toLocal(const WalkArea::Obstacle& o, glm::vec2 p) {
  const float t = glm::radians(o.yawDeg);
  const glm::vec2 d = p - o.centre;
  return {d.x * std::cos(t) - d.y * std::sin(t), d.x * std::sin(t) + d.y * std::cos(t)};
}

glm::vec2 toWorld(const WalkArea::Obstacle& o, glm::vec2 local) {
  const float t = glm::radians(o.yawDeg);
  return o.centre + glm::vec2(local.x * std::cos(t) + local.y * std::sin(t),
                              -local.x * std::sin(t) + local.y * std::cos(t));
}

// Signed area > 0: counter-clockwise in (x, z).
float signedArea(const std::vector<glm::vec2>& poly) {
  float a = 0.0F;
  for (size_t i = 0; i < poly.size(); ++i) {
    const glm::vec2 p = poly[i], q = poly[(i + 1) % poly.size()];
    a += p.x * q.y - q.x * p.y;
  }
  return 0.5F * a;
}

}  // namespace

WalkArea WalkArea::fromLayout(const json& layout, const std::string& where) {
  WalkArea area;
  if (!layout.is_object() || !layout.contains("walkable")) return area;  // walk anywhere
  const json& w = layout["walkable"];
  const std::string at = where + ": walkable";
  if (!w.is_object()) throw std::runtime_error(at + " is not an object");
  if (w.contains("outline")) {
    if (!w["outline"].is_array()) throw std::runtime_error(at + ".outline wants [[x, z], ...]");
    for (size_t i = 0; i < w["outline"].size(); ++i) {
      area.outline_.push_back(vec2Of(w["outline"][i], at + ".outline[" + std::to_string(i) + "]"));
    }
    if (area.outline_.size() < 3) throw std::runtime_error(at + ".outline needs 3 or more points");
    // Keep one winding (counter-clockwise) so "inside" is one sign of the edge test.
    if (signedArea(area.outline_) < 0.0F) std::reverse(area.outline_.begin(), area.outline_.end());
  }
  for (size_t i = 0; i < w.value("obstacles", json::array()).size(); ++i) {
    const json& o = w["obstacles"][i];
    const std::string oat = at + ".obstacles[" + std::to_string(i) + "]";
    if (!o.is_object()) throw std::runtime_error(oat + " is not an object");
    Obstacle ob;
    ob.centre = vec2Of(o.value("centre", json()), oat + ".centre");
    ob.halfExtents = vec2Of(o.value("half_extents", json()), oat + ".half_extents");
    if (ob.halfExtents.x < 0.0F || ob.halfExtents.y < 0.0F) {
      throw std::runtime_error(oat + ".half_extents must not be negative");
    }
    if (o.contains("yaw_deg")) {
      if (!o["yaw_deg"].is_number()) throw std::runtime_error(oat + ".yaw_deg wants a number");
      ob.yawDeg = o["yaw_deg"].get<float>();
    }
    area.obstacles_.push_back(ob);
  }
  return area;
}

WalkArea WalkArea::fromFile(const std::filesystem::path& layoutJson) {
  return fromLayout(readJsonFile(layoutJson), layoutJson.string());
}

glm::vec2 WalkArea::resolve(glm::vec2 p, float radius) const {
  // A few rounds: pushing out of one box can push into a neighbour; the store's boxes are far
  // enough apart that two or three rounds settle.
  for (int round = 0; round < 4; ++round) {
    bool moved = false;
    for (const Obstacle& o : obstacles_) {
      const glm::vec2 local = toLocal(o, p);
      const glm::vec2 closest = glm::clamp(local, -o.halfExtents, o.halfExtents);
      const glm::vec2 away = local - closest;
      const float d = glm::length(away);
      if (d >= radius) continue;
      glm::vec2 pushed;
      if (d > 1e-6F) {
        pushed = closest + away / d * radius;
      } else {
        // The centre is inside the box: leave through the nearest face.
        const glm::vec2 gap = o.halfExtents - glm::abs(local);
        pushed = local;
        if (gap.x < gap.y) {
          pushed.x = std::copysign(o.halfExtents.x + radius, local.x);
        } else {
          pushed.y = std::copysign(o.halfExtents.y + radius, local.y);
        }
      }
      p = toWorld(o, pushed);
      moved = true;
    }
    // The outline: stay `radius` inside every edge.
    for (size_t i = 0; i < outline_.size(); ++i) {
      const glm::vec2 a = outline_[i], b = outline_[(i + 1) % outline_.size()];
      const glm::vec2 edge = b - a;
      const float len = glm::length(edge);
      if (len < 1e-6F) continue;
      const glm::vec2 inward(-edge.y / len, edge.x / len);  // left of a->b: inside for CCW
      const float depth = glm::dot(p - a, inward);
      if (depth < radius) {
        p += inward * (radius - depth);
        moved = true;
      }
    }
    if (!moved) break;
  }
  return p;
}

glm::vec2 WalkArea::move(glm::vec2 from, glm::vec2 delta, float radius) const {
  // Sub-steps no longer than the radius, so a fast step cannot tunnel through a thin rail.
  const float len = glm::length(delta);
  const int steps = std::max(1, static_cast<int>(std::ceil(len / std::max(0.05F, radius * 0.5F))));
  glm::vec2 p = resolve(from, radius);
  for (int s = 0; s < steps; ++s) p = resolve(p + delta / static_cast<float>(steps), radius);
  return p;
}

bool WalkArea::clear(glm::vec2 p, float radius) const {
  for (const Obstacle& o : obstacles_) {
    const glm::vec2 local = toLocal(o, p);
    if (glm::length(local - glm::clamp(local, -o.halfExtents, o.halfExtents)) < radius - 1e-4F) {
      return false;
    }
  }
  for (size_t i = 0; i < outline_.size(); ++i) {
    const glm::vec2 a = outline_[i], b = outline_[(i + 1) % outline_.size()];
    const glm::vec2 edge = b - a;
    const float len = glm::length(edge);
    if (len < 1e-6F) continue;
    if (glm::dot(p - a, glm::vec2(-edge.y, edge.x) / len) < radius - 1e-4F) return false;
  }
  return true;
}

}  // namespace vrmall::app
