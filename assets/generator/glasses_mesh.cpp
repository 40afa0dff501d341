// Glasses: rims swept around each lens outline, flat lenses, bridge and temples; open, facing +Z.
#include <cmath>

#include "product_mesh.h"
#include "shapes.h"

namespace storegen {

Mesh build_glasses(const Product& p, Rng& rng) {
  Mesh m;
  Part& frame = m.part(MaterialSlot::kPrimary);
  Part& lens = m.part(MaterialSlot::kSecondary);
  const std::string& k = p.l2;
  const bool metal = p.material == "metal";
  float a = 0.026f, b = 0.021f, e = 3.0f;
  if (k == "round") a = b = 0.023f, e = 2.0f;
  if (k == "aviator") a = 0.028f, b = 0.024f, e = 2.2f;
  if (k == "reading") b = 0.016f, e = 4.0f;
  if (p.fit == "Oversized") a *= 1.15f, b *= 1.15f;
  a *= rng.rangef(0.97f, 1.03f);
  const float bridge = 0.009f, cy = 0.03f;
  const float rim = metal || p.fit == "Thin-Frame" ? 0.0013f : p.fit == "Bold" ? 0.0042f : 0.0032f;
  for (float side : {-1.0f, 1.0f}) {
    const float cx = side * (bridge + a);
    std::vector<Ring> loop;
    std::vector<Vec3> outline;
    const int n = 22;
    for (int i = 0; i < n; ++i) {
      const float t = 2.0f * kPi * static_cast<float>(i) / static_cast<float>(n);
      const float c = std::cos(t), sn = std::sin(t), pe = 2.0f / e;
      float x = a * std::copysign(std::pow(std::fabs(c), pe), c);
      float y = b * std::copysign(std::pow(std::fabs(sn), pe), sn);
      if (k == "aviator" && sn < 0) y *= 1.25f, x *= 1.0f - 0.25f * std::max(0.0f, -c * side) * -sn;
      if (k == "cat-eye" && sn > 0) y += 0.008f * std::max(0.0f, c * side) * sn;
      const Vec3 pnt{cx + x, cy + y, 0};
      outline.push_back(pnt);
      Ring r;
      r.centre = pnt;
      r.a = rim;
      r.b = rim * (metal ? 1.0f : 1.2f);
      loop.push_back(r);
    }
    SweepOptions o;
    o.segments = 6;
    o.side_ref = {0, 0, 1};
    o.closed_loop = true;
    sweep(frame, loop, o);
    // Counter-clockwise seen from the front (+Z): the outline already runs that way.
    fan(lens, outline, {0, 0, 1});
    // Temple: from the outer edge back over the ear and down.
    const float x0 = side * (bridge + 2 * a + rim);
    tube(frame,
         smooth_path({{x0, cy + b * 0.55f, -0.002f},
                      {x0 + side * 0.004f, cy + b * 0.5f, -0.03f},
                      {x0 + side * 0.006f, cy + b * 0.35f, -0.12f},
                      {x0 + side * 0.004f, cy - 0.012f, -0.148f}},
                     8),
         rim * 0.9f, rim * 0.9f, 6);
  }
  tube(frame, arc({0, cy + b * 0.35f, 0}, {1, 0, 0}, {0, 1, 0}, bridge + rim, 0.006f, 7),
       rim * 0.9f, rim * 0.9f, 8);
  if (k == "aviator")
    tube(frame, {{-bridge - 0.004f, cy + b * 0.95f, 0}, {bridge + 0.004f, cy + b * 0.95f, 0}},
         rim * 0.8f, rim * 0.8f, 8);
  m.attach = {0, cy + b * 0.35f + 0.006f, 0};  // the bridge rests on the nose
  return m;
}

}  // namespace storegen
