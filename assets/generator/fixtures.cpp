#include "fixtures.h"

#include <cmath>
#include <string>
#include <vector>

#include "gltf.h"
#include "io.h"
#include "mesh.h"
#include "palette.h"
#include "shapes.h"

namespace storegen::fixture {

namespace {

GltfMaterial paint(const std::string& name, const std::string& colour_name, float metallic,
                   float roughness) {
  const auto c = linear_rgb(colour(colour_name));
  GltfMaterial m;
  m.name = name;
  m.base_colour = {c[0], c[1], c[2], 1};
  m.metallic = metallic;
  m.roughness = roughness;
  m.double_sided = false;
  return m;
}

// Writes a fixture whose parts use materials by slot: primary, secondary, accent.
void write(const std::filesystem::path& dir, const std::string& name, Mesh mesh,
           const std::vector<GltfMaterial>& mats) {
  std::erase_if(mesh.parts, [](const Part& p) { return p.indices.empty(); });
  GltfDocument doc;
  doc.name = name;
  doc.mesh = &mesh;
  doc.materials = mats;
  for (const Part& p : mesh.parts) doc.part_material.push_back(static_cast<int>(p.slot));
  const GltfFiles files = write_gltf(doc, name + ".bin");
  write_file(dir / (name + ".gltf"), files.json);
  write_file(dir / (name + ".bin"), files.bin);
}

Mesh floor_mesh() {
  Mesh m;
  Part& p = m.part(MaterialSlot::kPrimary);
  const float x = kStoreHalfX, z = kStoreHalfZ;
  p.positions = {{-x, 0, z}, {x, 0, z}, {x, 0, -z}, {-x, 0, -z}};
  p.normals.assign(4, {0, 1, 0});
  // One UV unit per metre, so a tiling floor texture can be added without re-exporting.
  p.uvs = {{0, 0}, {2 * x, 0}, {2 * x, 2 * z}, {0, 2 * z}};
  p.indices = {0, 1, 2, 0, 2, 3};
  return m;
}

Mesh wall_mesh() {
  Mesh m;
  add_box(m.part(MaterialSlot::kPrimary), {0, kWallHeight * 0.5f, 0},
          {0.5f, kWallHeight * 0.5f, kWallThickness * 0.5f});
  add_box(m.part(MaterialSlot::kSecondary), {0, 0.05f, 0},
          {0.5f, 0.05f, kWallThickness * 0.5f + 0.01f});  // skirting
  return m;
}

Mesh shelf_mesh() {
  Mesh m;
  Part& frame = m.part(MaterialSlot::kPrimary);
  Part& wood = m.part(MaterialSlot::kSecondary);
  const float w = kShelfWidth * 0.5f, d = kShelfDepth * 0.5f;
  add_box(frame, {0, kShelfHeight * 0.5f, -d + 0.01f},
          {w, kShelfHeight * 0.5f, 0.01f});  // back panel
  for (float x : {-w + 0.015f, w - 0.015f})
    add_box(frame, {x, kShelfHeight * 0.5f, 0}, {0.015f, kShelfHeight * 0.5f, d});
  add_box(frame, {0, kShelfHeight - 0.015f, 0}, {w, 0.015f, d});
  add_box(frame, {0, 0.04f, 0}, {w, 0.04f, d});  // plinth
  for (float y : kShelfBoards)
    add_box(wood, {0, y - 0.0125f, 0.01f}, {w - 0.03f, 0.0125f, d - 0.01f});
  return m;
}

Mesh rail_mesh() {
  Mesh m;
  Part& metal = m.part(MaterialSlot::kPrimary);
  const float w = kRailWidth * 0.5f;
  for (float x : {-w, w}) {
    tube(metal, {{x, 0.03f, 0}, {x, kRailBar, 0}}, 0.015f, 0.015f, 12, {0, 0, 1});
    add_box(metal, {x, 0.015f, 0}, {0.03f, 0.015f, kRailDepth * 0.5f});  // foot
  }
  tube(metal, {{-w - 0.02f, kRailBar, 0}, {w + 0.02f, kRailBar, 0}}, 0.012f, 0.012f, 12, {0, 0, 1},
       true);
  return m;
}

Mesh foryou_mesh() {
  Mesh m;
  Part& frame = m.part(MaterialSlot::kPrimary);
  Part& wood = m.part(MaterialSlot::kSecondary);
  Part& glow = m.part(MaterialSlot::kAccent);
  const float w = kForYouWidth * 0.5f, d = kForYouDepth * 0.5f;
  add_box(frame, {0, kForYouHeight * 0.5f, -d + 0.02f}, {w, kForYouHeight * 0.5f, 0.02f});
  for (int c = 0; c <= kForYouColumns; ++c) {
    const float x = -w + kForYouWidth * static_cast<float>(c) / kForYouColumns;
    add_box(frame, {x, kForYouHeight * 0.5f, 0}, {0.02f, kForYouHeight * 0.5f, d});
  }
  add_box(frame, {0, kForYouHeight - 0.02f, 0}, {w + 0.02f, 0.02f, d});
  for (float y : kForYouBoards) add_box(wood, {0, y - 0.015f, 0.01f}, {w, 0.015f, d - 0.01f});
  add_box(glow, {0, kForYouHeight - 0.06f, d + 0.005f}, {w, 0.03f, 0.005f});  // light strip
  return m;
}

Mesh mannequin_mesh() {
  Mesh m;
  Part& body = m.part(MaterialSlot::kPrimary);
  Part& stand = m.part(MaterialSlot::kSecondary);
  // Slimmer than every garment's shell, so worn products stay outside the body.
  SweepOptions o;
  o.segments = 24;
  o.cap_start = true;
  sweep(body,
        loft_rings({{0.93f, 0.15f, 0.095f},
                    {0.98f, 0.155f, 0.1f},
                    {kMannequinWaist, 0.125f, 0.085f},
                    {1.28f, 0.15f, 0.095f},
                    {1.42f, 0.17f, 0.085f},
                    {1.47f, 0.1f, 0.07f},
                    {1.5f, 0.045f, 0.045f}},
                   12),
        o);
  tube(body, {{0, 1.49f, 0}, {0, 1.6f, 0}}, 0.04f, 0.038f, 12, {1, 0, 0});
  std::vector<std::pair<float, float>> head;
  for (int i = 0; i <= 10; ++i) {
    const float phi = kPi * (static_cast<float>(i) / 10.0f - 0.5f);
    head.push_back({0.082f * std::cos(phi), 1.68f + 0.095f * std::sin(phi)});
  }
  lathe(body, head, 20);
  for (float side : {-1.0f, 1.0f}) {
    tube(body, {{side * 0.085f, 0.97f, 0}, {side * 0.088f, 0.5f, 0}, {side * 0.09f, 0.08f, 0}},
         0.07f, 0.034f, 14, {0, 0, 1});
    add_box(body, {side * 0.09f, 0.03f, 0.04f}, {0.035f, 0.03f, 0.11f});  // foot
    tube(body,
         {{side * 0.17f, 1.42f, 0}, {side * 0.24f, 1.1f, 0.01f}, {side * 0.29f, 0.85f, 0.03f}},
         0.04f, 0.028f, 12, {0, 0, 1}, true);
  }
  tube(stand, {{0.0f, 0.0f, -0.2f}, {0.0f, 0.012f, -0.2f}}, 0.12f, 0.12f, 20, {1, 0, 0}, true);
  tube(stand, {{0.0f, 0.012f, -0.2f}, {0.0f, 0.9f, -0.2f}, {0.0f, 1.0f, -0.08f}}, 0.012f, 0.012f, 8,
       {1, 0, 0});
  return m;
}

Mesh sign_mesh() {
  Mesh m;
  add_box(m.part(MaterialSlot::kPrimary), {0, kSignHeight * 0.5f, 0},
          {kSignWidth * 0.5f, kSignHeight * 0.5f, 0.025f});
  for (float x : {-kSignWidth * 0.35f, kSignWidth * 0.35f})
    tube(m.part(MaterialSlot::kSecondary), {{x, kSignHeight, 0}, {x, kSignHeight + 0.5f, 0}},
         0.004f, 0.004f, 6);
  return m;
}

Mesh promo_mesh() {
  Mesh m;
  add_box(m.part(MaterialSlot::kPrimary), {0, kPromoBoardCentre, 0.02f},
          {kPromoBoardWidth * 0.5f, kPromoBoardHeight * 0.5f, 0.015f});
  tube(m.part(MaterialSlot::kSecondary),
       {{0, 0.02f, -0.02f}, {0, kPromoBoardCentre + 0.3f, -0.02f}}, 0.02f, 0.02f, 10, {1, 0, 0});
  tube(m.part(MaterialSlot::kSecondary), {{0, 0, -0.02f}, {0, 0.02f, -0.02f}}, 0.22f, 0.22f, 20,
       {1, 0, 0}, true);
  return m;
}

// Platform (primary), plinths (secondary), a light rim (accent).
Mesh stage_mesh() {
  Mesh m;
  // Profiles run bottom to top (outward normals), as the mannequin's.
  lathe(m.part(MaterialSlot::kPrimary), {{kStageRadius, 0.0f}, {kStageRadius, kStageHeight}}, 48);
  top_disc(m.part(MaterialSlot::kPrimary), {0, kStageHeight, 0}, kStageRadius, kStageRadius, 48);
  lathe(m.part(MaterialSlot::kAccent),
        {{kStageRadius + 0.005f, 0.015f}, {kStageRadius + 0.005f, 0.03f}}, 48);
  for (int i = 0; i < kStagePlinths; ++i) {
    const float a = (static_cast<float>(i) - 0.5f * (kStagePlinths - 1)) * 0.75f;  // radians
    const float x = kStageArc * std::sin(a), z = kStageArc * std::cos(a);
    const float h = kPlinthTop - kStageHeight;
    add_box(m.part(MaterialSlot::kSecondary), {x, kStageHeight + h * 0.5f, z},
            {kPlinthHalf, h * 0.5f, kPlinthHalf});
  }
  return m;
}

// The fitting spot and the mirror: frame (primary), glass (secondary, blended), the booth behind
// it as the reflected room (accent: its walls and floor, seen only through the glass), and the
// spot the avatar stands on (primary). Local frame: avatar at the origin facing +Z, glass behind.
Mesh fitting_mesh() {
  Mesh m;
  Part& frame = m.part(MaterialSlot::kPrimary);
  top_disc(frame, {0, kFittingSpotHeight, 0}, kFittingSpotRadius, kFittingSpotRadius, 40);
  lathe(frame, {{kFittingSpotRadius, 0.0f}, {kFittingSpotRadius, kFittingSpotHeight}}, 40);
  const float z = -kMirrorGap, w = kMirrorWidth * 0.5f, f = kMirrorFrame;
  const float top = kMirrorBottom + kMirrorHeight;
  const float tall = top + f;  // the sides stand on the floor and reach the top bar's top
  add_box(frame, {-w - f * 0.5f, tall * 0.5f, z}, {f * 0.5f, tall * 0.5f, 0.04f});
  add_box(frame, {w + f * 0.5f, tall * 0.5f, z}, {f * 0.5f, tall * 0.5f, 0.04f});
  add_box(frame, {0, top + f * 0.5f, z}, {w + f, f * 0.5f, 0.04f});
  add_box(frame, {0, kMirrorBottom * 0.5f, z}, {w + f, kMirrorBottom * 0.5f, 0.04f});
  // The booth: outer shell behind the frame, closed on every side but the glass.
  const float d = kMirrorBooth, bz = z - d * 0.5f;
  Part& booth = m.part(MaterialSlot::kAccent);
  add_box(booth, {-w - f * 0.5f, top * 0.5f, bz}, {f * 0.5f, top * 0.5f, d * 0.5f});
  add_box(booth, {w + f * 0.5f, top * 0.5f, bz}, {f * 0.5f, top * 0.5f, d * 0.5f});
  add_box(booth, {0, top + f * 0.5f, bz}, {w + f, f * 0.5f, d * 0.5f});
  add_box(booth, {0, kMirrorBottom * 0.5f, bz}, {w + f, kMirrorBottom * 0.5f, d * 0.5f});
  add_box(booth, {0, tall * 0.5f, z - d - 0.02f}, {w + f, tall * 0.5f, 0.02f});
  // The glass, a hair in front of the frame's middle, facing +Z.
  Part& glass = m.part(MaterialSlot::kSecondary);
  glass.positions = {{-w, kMirrorBottom, z + 0.01f},
                     {w, kMirrorBottom, z + 0.01f},
                     {w, top, z + 0.01f},
                     {-w, top, z + 0.01f}};
  glass.normals.assign(4, {0, 0, 1});
  glass.uvs = {{0, 1}, {1, 1}, {1, 0}, {0, 0}};
  glass.indices = {0, 1, 2, 0, 2, 3};
  return m;
}

}  // namespace

void write_fixtures(const std::filesystem::path& dir) {
  write(dir, "floor", floor_mesh(), {paint("polished concrete", "grey", 0, 0.35f)});
  write(dir, "wall", wall_mesh(),
        {paint("wall paint", "ivory", 0, 0.9f), paint("skirting", "charcoal", 0, 0.6f)});
  write(dir, "shelf_unit", shelf_mesh(),
        {paint("white laminate", "white", 0, 0.5f), paint("oak", "tan", 0, 0.6f)});
  write(dir, "rail", rail_mesh(), {paint("chrome", "silver", 1, 0.15f)});
  write(dir, "for_you_wall", foryou_mesh(),
        {paint("charcoal laminate", "charcoal", 0, 0.5f), paint("oak", "tan", 0, 0.6f),
         paint("light strip", "white", 0, 0.2f)});
  write(dir, "mannequin", mannequin_mesh(),
        {paint("matte white", "white", 0, 0.7f), paint("brushed steel", "silver", 1, 0.35f)});
  write(dir, "sign_board", sign_mesh(),
        {paint("sign face", "charcoal", 0, 0.6f), paint("wire", "silver", 1, 0.3f)});
  write(dir, "promo_stand", promo_mesh(),
        {paint("promo face", "white", 0, 0.4f), paint("steel", "charcoal", 1, 0.4f)});
  write(dir, "showcase_stage", stage_mesh(),
        {paint("stage top", "charcoal", 0, 0.45f), paint("plinth", "white", 0, 0.35f),
         paint("stage light", "gold", 1, 0.3f)});
  GltfMaterial glass = paint("mirror glass", "sky blue", 0.0f, 0.05f);
  glass.base_colour[3] = 0.12f;  // a faint tint: the reflection behind it shows through
  glass.blend = true;
  write(dir, "fitting_mirror", fitting_mesh(),
        {paint("mirror frame", "tan", 0, 0.5f), glass, paint("reflected booth", "ivory", 0, 0.9f)});
}

}  // namespace storegen::fixture
