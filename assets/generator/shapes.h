// Shape helpers shared by the product kinds: vertical lofts from measured keys, tubes along
// paths, lathes, arcs and flat fans.
#pragma once

#include <vector>

#include "mesh.h"

namespace storegen {

// A measurement of a garment or object at height y: half-width a (x) and half-depth b (z).
struct Key {
  float y, a, b;
};

// Rings along +Y through smoothly interpolated keys (y increasing), offset in x/z.
std::vector<Ring> loft_rings(const std::vector<Key>& keys, size_t count, Vec3 offset = {},
                             float exponent = 2);

// A round tube along a polyline whose radius runs linearly from r0 to r1.
void tube(Part& part, const std::vector<Vec3>& path, float r0, float r1, int segments,
          Vec3 side_ref = {0, 0, 1}, bool caps = false);

// A half-ellipse arc in the plane spanned by `across` and `up` from centre - across*half to
// centre + across*half, rising `height` (handles, straps).
std::vector<Vec3> arc(Vec3 centre, Vec3 across, Vec3 up, float half, float height, size_t count);

// A surface of revolution about +Y through (radius, height) points, in order.
void lathe(Part& part, const std::vector<std::pair<float, float>>& profile, int segments,
           const SweepOptions& extra = {});

// A flat polygon (convex, counter-clockwise seen along `normal`) as a fan.
void fan(Part& part, const std::vector<Vec3>& outline, Vec3 normal);

// A flat elliptical disc in the XZ plane around `centre`, facing up (shoe openings).
void top_disc(Part& part, Vec3 centre, float a, float b, int segments);

// Linear interpolation and a smooth 0..1 step, for silhouettes.
inline float mix(float a, float b, float t) {
  return a + (b - a) * t;
}
inline float smoothstep(float e0, float e1, float x) {
  const float t = x <= e0 ? 0.0f : x >= e1 ? 1.0f : (x - e0) / (e1 - e0);
  return t * t * (3 - 2 * t);
}

}  // namespace storegen
