// Store fixtures: their dimensions (shared with the layout, which places products on them) and
// their glTF meshes under fixtures/.
#pragma once

#include <array>
#include <filesystem>

namespace storegen::fixture {

// The sales floor, centred on the origin; the entrance is a gap in the front wall (+Z).
constexpr float kStoreHalfX = 18.0f, kStoreHalfZ = 14.0f;
constexpr float kWallHeight = 3.5f, kWallThickness = 0.2f;
constexpr float kEntranceHalfWidth = 2.5f;

// Shelf unit: boards whose top surfaces are at kShelfBoards (metres above the floor).
constexpr float kShelfWidth = 1.2f, kShelfDepth = 0.45f, kShelfHeight = 2.0f;
constexpr std::array<float, 4> kShelfBoards = {0.15f, 0.6f, 1.05f, 1.5f};
constexpr float kShelfClear = 0.42f;  // free height above a board

// Garment rail: one bar; garments hang from it by their attach point (hanger hook below the bar).
constexpr float kRailWidth = 1.8f, kRailDepth = 0.5f, kRailBar = 1.75f, kHangerDrop = 0.03f;

// The "For you" wall: 6 columns of cubbies over 4 boards.
constexpr float kForYouWidth = 6.0f, kForYouDepth = 0.35f, kForYouHeight = 2.7f;
constexpr std::array<float, 4> kForYouBoards = {0.25f, 0.85f, 1.45f, 2.05f};
constexpr int kForYouColumns = 6;
constexpr float kForYouClear = 0.55f;

// The mannequin's body points where outfit pieces attach (local, facing +Z).
constexpr float kMannequinNeck = 1.52f, kMannequinWaist = 1.07f, kMannequinHead = 1.695f;
constexpr std::array<float, 3> kMannequinHand = {0.3f, 0.8f, 0.03f};

// Hanging sign board (origin bottom-centre, text drawn on its +Z face) and promo stand.
constexpr float kSignWidth = 1.6f, kSignHeight = 0.45f;
constexpr float kPromoBoardWidth = 0.6f, kPromoBoardHeight = 0.9f, kPromoBoardCentre = 1.2f;

// The showcase stage: a round platform with plinths in an arc at its front; products stand on
// the plinths (mount "base"). Local frame: the audience is at +Z.
constexpr float kStageRadius = 1.6f, kStageHeight = 0.2f;
constexpr float kPlinthHalf = 0.22f, kPlinthTop = 0.55f;  // above the floor
constexpr int kStagePlinths = 3;
constexpr float kStageArc = 1.05f;  // plinths' distance from the stage centre

// The fitting area: a low round spot where the shopper's avatar stands (facing +Z, towards the
// shopper) in front of a mirror. The mirror is a glass pane whose reflection is drawn as the
// reflected scene inside a closed booth behind it, so no reflection pass is needed: the booth is
// as deep as anything reflected can reach.
constexpr float kFittingSpotRadius = 0.7f, kFittingSpotHeight = 0.04f;
constexpr float kMirrorWidth = 1.3f, kMirrorHeight = 2.2f, kMirrorBottom = 0.1f;
constexpr float kMirrorGap = 0.8f;      // from the avatar's spot to the glass
constexpr float kMirrorBooth = 1.05f;   // booth depth behind the glass
constexpr float kMirrorFrame = 0.06f;   // frame width

void write_fixtures(const std::filesystem::path& dir);

}  // namespace storegen::fixture

namespace storegen {
using fixture::write_fixtures;
}
