// Procedural mesh building: swept cross-sections (lofts, lathes, tubes), boxes and discs, each
// appended to a part that one glTF primitive (one material) will carry.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "vec.h"

namespace storegen {

// Which of the product's materials a part uses. Primary follows the colourway.
enum class MaterialSlot { kPrimary, kSecondary, kAccent };

struct Part {
  MaterialSlot slot = MaterialSlot::kPrimary;
  std::vector<Vec3> positions, normals;
  std::vector<Vec2> uvs;
  std::vector<uint32_t> indices;
};

struct Bounds {
  Vec3 min{1e30f, 1e30f, 1e30f}, max{-1e30f, -1e30f, -1e30f};
  Vec3 size() const { return max - min; }
};

struct Mesh {
  std::vector<Part> parts;
  // Where the product hangs or is worn (neck of a top, waist of a skirt, handle of a bag, the
  // base of shoes and hats), moved along with the mesh; written to the glTF node's extras.
  Vec3 attach{};
  Part& part(MaterialSlot slot);
  Bounds bounds() const;
  size_t triangles() const;
  // Moves the mesh so its bounds' bottom-centre sits at the origin (the store's convention).
  void place_bottom_centre();
  void translate(Vec3 d);
  // Appends another mesh's parts to the parts of the same material slot.
  void append(const Mesh& other);
  // Mirrors across x = 0 (for the left shoe of a pair), keeping winding and normals outward.
  void mirror_x();
};

// One cross-section of a sweep: an ellipse (superellipse when exponent > 2) around `centre`.
// `a` is the half-extent along the frame's side axis, `b` along its up axis and `b_neg` the
// up-axis extent below the centre (b_neg < 0 means "same as b"), which flattens soles and bags.
struct Ring {
  Vec3 centre;
  float a = 0, b = 0, b_neg = -1, exponent = 2;
};

struct SweepOptions {
  int segments = 24;
  // The cross-section's side axis is `side_ref` made perpendicular to the path tangent.
  Vec3 side_ref{1, 0, 0};
  // A non-zero axis replaces the path tangent (lathes whose rings share a height).
  Vec3 fixed_tangent{0, 0, 0};
  bool closed_loop = false;
  bool cap_start = false, cap_end = false;
  // Optional radial scale per ring and angle: folds, pleats, ribbing.
  std::function<float(size_t ring, float theta)> modulate;
};

void sweep(Part& part, const std::vector<Ring>& rings, const SweepOptions& options);

// An axis-aligned box with flat faces.
void add_box(Part& part, Vec3 centre, Vec3 half);

// Interpolates key values at `count` evenly spaced parameters with Catmull-Rom, so a handful of
// measured keys give a smooth silhouette. keys: (t, value) with t increasing from 0 to 1.
std::vector<float> smooth_profile(const std::vector<std::pair<float, float>>& keys, size_t count);

// Builds a polyline through control points sampled smoothly (Catmull-Rom), `count` points.
std::vector<Vec3> smooth_path(const std::vector<Vec3>& controls, size_t count);

}  // namespace storegen
