// Where a shopper may walk: layout.json's "walkable" block (a convex floor outline with the walls
// inset, and oriented boxes around every shelf, rail, mannequin and stand). The desktop preview
// moves the shopper's body, a circle on the floor, through it: a step into an obstacle slides
// along it instead of stopping dead, the way first-person games feel.
#pragma once

#include <filesystem>
#include <glm/vec2.hpp>
#include <nlohmann/json_fwd.hpp>
#include <vector>

namespace vrmall::app {

class WalkArea {
 public:
  struct Obstacle {
    glm::vec2 centre{0.0F};
    glm::vec2 halfExtents{0.0F};
    float yawDeg = 0.0F;  // about +Y, as everywhere in layout.json
  };

  WalkArea() = default;
  // Reads layout["walkable"]; throws std::runtime_error naming `where` and the bad field.
  static WalkArea fromLayout(const nlohmann::json& layout, const std::string& where);
  static WalkArea fromFile(const std::filesystem::path& layoutJson);

  // Where a body of `radius` at `from` ends up after trying to move by `delta` (x, z): the
  // longest part of the move that stays clear, sliding along what it touches. A body that starts
  // inside an obstacle is pushed out first.
  glm::vec2 move(glm::vec2 from, glm::vec2 delta, float radius) const;
  // Whether a body of `radius` at `p` touches nothing and stands inside the outline.
  bool clear(glm::vec2 p, float radius) const;

  const std::vector<glm::vec2>& outline() const { return outline_; }
  const std::vector<Obstacle>& obstacles() const { return obstacles_; }
  bool empty() const { return outline_.size() < 3 && obstacles_.empty(); }

 private:
  glm::vec2 resolve(glm::vec2 p, float radius) const;

  std::vector<glm::vec2> outline_;  // convex, either winding
  std::vector<Obstacle> obstacles_;
};

}  // namespace vrmall::app
