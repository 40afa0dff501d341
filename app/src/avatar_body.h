// The shopper's avatar as a body made in code from the avatar's attributes (height, build, skin
// tone, gender presentation), with the points garments hang from. Its proportions are the store
// mannequin's (assets/generator's mannequin_mesh), so a product that dresses a mannequin at scale
// 1 dresses an average avatar of the mannequin's height at scale 1, and the garment scale for any
// other body follows from the body's own factors.
#pragma once

#include <glm/glm.hpp>
#include <string>

#include "avatar_profile.h"
#include "vrmall/engine/model_data.h"

namespace vrmall::app {

// How the body differs from the mannequin: per region, widths (x) and depths (z) as factors.
struct AvatarShape {
  float height = 1.0F;     // overall vertical scale: heightCm / the mannequin's 177.5 cm
  float shoulders = 1.0F;  // upper torso and chest width
  float chest = 1.0F;      // chest depth
  float waist = 1.0F;
  float hips = 1.0F;                 // hips and thighs
  float limbs = 1.0F;                // arm and leg thickness
  glm::vec3 skin{0.8F, 0.6F, 0.5F};  // linear RGB
  std::string key;                   // the attributes it was made from: the same key, the same body

  static AvatarShape of(const AvatarProfile& avatar);
};

// Where garments of each kind are worn, in the avatar's own space (feet at the origin, facing
// +Z), for this body.
struct BodyAnchors {
  glm::vec3 neck, waist, head, nose, hand, feet, wrist;
};

BodyAnchors bodyAnchors(const AvatarShape& shape);

// The body mesh: skin (head, neck, arms, legs) and a fitted base layer over the torso, both
// double-sided so a garment that is too small shows the body through it, never a hole.
engine::ModelData makeAvatarBody(const AvatarShape& shape);

// The mannequin's height, which the store's garments are made for.
constexpr float kMannequinHeightM = 1.775F;

}  // namespace vrmall::app
