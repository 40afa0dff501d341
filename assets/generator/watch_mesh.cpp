// Watches: a strap looped round an elliptical wrist, the case at its front facing +Z, dial and
// hands.
#include <cmath>

#include "product_mesh.h"
#include "shapes.h"

namespace storegen {

Mesh build_watch(const Product& p, Rng& rng) {
  Mesh m;
  Part& strap = m.part(MaterialSlot::kPrimary);
  Part& metal = m.part(MaterialSlot::kSecondary);
  Part& dial = m.part(MaterialSlot::kAccent);
  const std::string& k = p.l2;
  const bool smart = k == "smartwatch";
  float R = rng.rangef(0.019f, 0.022f), thick = 0.011f;
  if (k == "dress") R = rng.rangef(0.017f, 0.019f), thick = 0.008f;
  if (k == "diver") R = rng.rangef(0.021f, 0.023f), thick = 0.013f;
  const float wy = 0.032f, wz = 0.027f;  // the wrist the strap wraps, as an ellipse
  const float band = smart || k == "diver" ? 0.011f : 0.009f;
  std::vector<Ring> loop;
  const int n = 24;
  for (int i = 0; i < n; ++i) {
    const float t = 2.0f * kPi * static_cast<float>(i) / static_cast<float>(n);
    Ring r;
    r.centre = {0, wy + wy * std::sin(t), wz * std::cos(t)};
    r.a = band;
    r.b = 0.0018f;
    r.exponent = 5;
    loop.push_back(r);
  }
  SweepOptions o;
  o.segments = 8;
  o.side_ref = {1, 0, 0};
  o.closed_loop = true;
  sweep(strap, loop, o);

  // Case: a short sweep along +Z at the front of the loop, face towards +Z.
  const float z0 = wz - 0.002f;
  std::vector<Ring> body;
  for (auto [dz, s] : std::vector<std::pair<float, float>>{
           {0, 0.9f}, {0.002f, 1.0f}, {thick - 0.002f, 1.0f}, {thick, 0.93f}}) {
    Ring r;
    r.centre = {0, wy, z0 + dz};
    r.a = R * s;
    r.b = (smart ? R * 1.2f : R) * s;
    r.exponent = smart ? 5.0f : 2.0f;
    body.push_back(r);
  }
  SweepOptions co;
  co.segments = 24;
  co.side_ref = {1, 0, 0};
  co.cap_start = true;
  sweep(metal, body, co);
  // The dial closes the case front, slightly recessed inside the bezel.
  std::vector<Ring> face;
  for (float dz : {thick - 0.0015f, thick - 0.0008f}) {
    Ring r;
    r.centre = {0, wy, z0 + dz};
    r.a = R * 0.9f;
    r.b = (smart ? R * 1.2f : R) * 0.9f;
    r.exponent = smart ? 5.0f : 2.0f;
    face.push_back(r);
  }
  co.cap_start = false;
  co.cap_end = true;
  sweep(dial, face, co);
  const float zf = z0 + thick - 0.0005f;
  if (!smart) {
    add_box(metal, {0, wy + R * 0.25f, zf}, {0.0009f, R * 0.3f, 0.0004f});  // hour hand at twelve
    add_box(metal, {R * 0.3f, wy, zf + 0.0004f},
            {R * 0.38f, 0.0007f, 0.0004f});  // minute hand at three
  }
  if (k == "diver") {
    std::vector<Ring> bezel;
    for (int i = 0; i < 24; ++i) {
      const float t = 2.0f * kPi * static_cast<float>(i) / 24.0f;
      Ring r;
      r.centre = {R * 0.97f * std::cos(t), wy + R * 0.97f * std::sin(t), z0 + thick};
      r.a = r.b = 0.0016f;
      bezel.push_back(r);
    }
    SweepOptions bo;
    bo.segments = 6;
    bo.side_ref = {0, 0, 1};
    bo.closed_loop = true;
    sweep(metal, bezel, bo);
  }
  const float cz = z0 + thick * 0.5f;
  tube(metal, {{R * 0.95f, wy, cz}, {R + 0.004f, wy, cz}}, 0.0022f, 0.0022f, 10, {0, 1, 0},
       true);  // crown
  if (k == "chronograph")
    for (float dy : {-0.009f, 0.009f})
      tube(metal, {{R * 0.9f, wy + dy, cz}, {R + 0.003f, wy + dy * 1.1f, cz}}, 0.0016f, 0.0016f, 8,
           {0, 1, 0}, true);
  m.attach = {0, wy, 0};  // the wrist's centre
  return m;
}

}  // namespace storegen
