// How the shopper moves through the store in the headset, without moving their real body:
// the tracking space is placed in the store (worldFromStage: a position on the floor and a yaw)
// and locomotion moves that placement.
//   - teleport: an arc from the controller lands on the floor; only a point a body can stand on
//     (WalkArea: inside the walls, clear of shelves and rails) is taken, and the head lands
//     above it (the room-scale offset is kept out of the jump).
//   - snap turn: the space turns by a fixed angle (30 degrees by default) about the head, so the
//     head stays where it is.
//   - smooth locomotion (optional, off by default): the left stick walks the head through the
//     walk area, sliding along what it touches, with a comfort vignette while moving.
// All of it is plain math on the head's pose in the tracking space, testable without a runtime.
#pragma once

#include <glm/glm.hpp>
#include <optional>
#include <vector>

#include "walk_area.h"

namespace vrmall::app {

struct LocomotionConfig {
  float snapTurnDeg = 30.0F;
  bool smooth = false;
  float smoothSpeed = 1.4F;   // metres per second at full stick (a walking pace)
  float bodyRadius = 0.25F;   // the shopper's footprint on the floor
  float maxTeleport = 12.0F;  // metres from the head
  float launchSpeed = 7.0F;   // the arc's initial speed along the controller's aim, m/s
};

struct TeleportArc {
  std::vector<glm::vec3> points;     // the arc, from the controller to where it meets the floor
  std::optional<glm::vec3> landing;  // where it meets the floor (y = 0), if it does
  bool valid = false;                // the landing is walkable and within reach
};

class Locomotion {
 public:
  Locomotion(const WalkArea* area, LocomotionConfig config = {});

  // Places the space so the head (at `headInStage`, looking along `headForwardInStage`) stands
  // above `positionXZ` in the store looking at yaw `yawDeg` (layout convention: 0 faces +Z, 90
  // faces +X). `floorY`: the store's floor under the space origin (LOCAL spaces have their
  // origin at the head and need the standing eye height here, as a negative floor).
  void place(glm::vec2 positionXZ, float yawDeg, const glm::vec3& headInStage,
             const glm::vec3& headForwardInStage);
  void setFloorOffset(float y) { originY_ = y; }

  glm::mat4 worldFromStage() const;
  glm::vec3 origin() const { return {origin_.x, originY_, origin_.y}; }
  float yawRad() const { return yaw_; }
  // The head's position in the store.
  glm::vec3 headInWorld(const glm::vec3& headInStage) const;

  // Turns the space by `degrees` about the head (positive turns left, as +Y rotations do).
  void turn(float degrees, const glm::vec3& headInStage);
  void snapTurn(int direction, const glm::vec3& headInStage) {
    turn(direction < 0 ? config_.snapTurnDeg : -config_.snapTurnDeg, headInStage);
  }

  // The arc launched along `aimDirection` from `aimOrigin` (world), sampled until it meets the
  // floor or flies 2 s.
  TeleportArc arc(const glm::vec3& aimOrigin, const glm::vec3& aimDirection,
                  const glm::vec3& headInStage) const;
  // Whether the head may land above `xz`: walkable for the body and within reach.
  bool canLandAt(glm::vec2 xz, const glm::vec3& headInStage) const;
  // Moves the head above `xz` when canLandAt; returns whether it moved.
  bool teleport(glm::vec2 xz, const glm::vec3& headInStage);

  // Smooth locomotion: `stick` (+y forward) along the head's horizontal heading, for `dt`
  // seconds, through the walk area. Returns the speed moved at (for the vignette).
  float walk(glm::vec2 stick, const glm::vec3& headForwardWorld, float dt,
             const glm::vec3& headInStage);

  const LocomotionConfig& config() const { return config_; }

 private:
  const WalkArea* area_;
  LocomotionConfig config_;
  glm::vec2 origin_{0.0F};  // the space origin on the floor (x, z)
  float originY_ = 0.0F;
  float yaw_ = 0.0F;  // radians about +Y; 0: the space's -Z is the store's -Z
};

// How dark the comfort vignette's rim is for a speed (0 still .. 1 full), eased so it does not
// flicker at the start of a move.
float vignetteStrength(float speed, float maxSpeed);

}  // namespace vrmall::app
