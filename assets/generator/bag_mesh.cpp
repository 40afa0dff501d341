// Bags: a rounded-box body with handles, straps and metal hardware.
#include <cmath>

#include "product_mesh.h"
#include "shapes.h"

namespace storegen {

Mesh build_bag(const Product& p, Rng& rng) {
  Mesh m;
  Part& body = m.part(MaterialSlot::kPrimary);
  Part& hardware = m.part(MaterialSlot::kAccent);
  const std::string& k = p.l2;
  float W = 0.38f, H = 0.34f, D = 0.12f, taper = 0.15f, e = 4.0f;
  if (k == "backpack") W = 0.3f, H = 0.42f, D = 0.15f, taper = -0.05f, e = 3.0f;
  if (k == "crossbody") W = 0.22f, H = 0.16f, D = 0.065f, taper = 0.0f;
  if (k == "clutch") W = 0.27f, H = 0.135f, D = 0.04f, taper = 0.0f, e = 6.0f;
  if (k == "shoulder bag") W = 0.3f, H = 0.22f, D = 0.1f, taper = -0.1f;
  const float s = (p.fit == "Mini" ? 0.72f : 1.0f) * rng.rangef(0.94f, 1.06f);
  W *= s, H *= s, D *= s;
  if (p.fit == "Structured") e += 2.0f;
  std::vector<Key> keys = {{0, W * 0.5f, D * 0.5f},
                           {H * 0.5f, W * 0.5f * (1 + taper * 0.5f), D * 0.5f * 0.92f},
                           {H, W * 0.5f * (1 + taper), D * 0.5f * 0.75f}};
  if (k == "backpack")
    keys = {{0, W * 0.5f, D * 0.5f},
            {H * 0.7f, W * 0.5f, D * 0.5f},
            {H * 0.92f, W * 0.42f, D * 0.42f},
            {H, W * 0.2f, D * 0.25f}};
  SweepOptions o;
  o.segments = 20;
  o.cap_start = o.cap_end = true;
  const bool quilted = p.fit == "Quilted";
  o.modulate = [quilted](size_t ring, float) { return quilted && ring % 2 == 1 ? 1.03f : 1.0f; };
  sweep(body, loft_rings(keys, quilted ? 13 : 9, {}, e), o);

  const float r = k == "backpack" ? 0.009f : 0.0065f;
  if (k == "tote") {
    for (float z : {-D * 0.3f, D * 0.3f})
      tube(body, arc({0, H - 0.01f, z}, {1, 0, 0}, {0, 1, 0}, W * 0.22f, 0.2f * s, 14), r, r, 10);
  } else if (k == "shoulder bag") {
    tube(body, arc({0, H - 0.01f, 0}, {1, 0, 0}, {0, 1, 0}, W * 0.38f, 0.2f * s, 16), r * 1.4f,
         r * 1.4f, 10);
    for (float x : {-W * 0.38f, W * 0.38f})
      add_box(hardware, {x, H + 0.004f, 0}, {0.008f, 0.01f, 0.006f});
  } else if (k == "crossbody") {
    tube(body, arc({0, H * 0.9f, 0}, {1, 0, 0}, {0, 1, 0}, W * 0.5f, 0.28f, 18), 0.005f, 0.005f, 8);
    add_box(hardware, {0, H * 0.62f, D * 0.5f + 0.003f}, {0.012f, 0.008f, 0.003f});
  } else if (k == "clutch") {
    add_box(hardware, {0, H * 0.72f, D * 0.5f + 0.002f}, {0.02f, 0.007f, 0.003f});
  } else if (k == "backpack") {
    Part& straps = m.part(MaterialSlot::kSecondary);
    std::vector<Ring> pocket = loft_rings(
        {{0.04f, W * 0.36f, 0.03f}, {H * 0.45f, W * 0.36f, 0.03f}}, 3, {0, 0, D * 0.45f}, 4);
    SweepOptions po;
    po.segments = 20;
    po.cap_start = po.cap_end = true;
    sweep(body, pocket, po);
    for (float x : {-0.075f, 0.075f})
      tube(straps,
           smooth_path({{x, H * 0.88f, -D * 0.4f},
                        {x, H * 0.55f, -D * 0.5f - 0.045f},
                        {x, 0.05f, -D * 0.45f}},
                       10),
           0.008f, 0.008f, 8, {1, 0, 0});
    tube(straps, arc({0, H - 0.01f, 0}, {1, 0, 0}, {0, 1, 0}, 0.04f, 0.04f, 8), 0.006f, 0.006f, 8);
    add_box(hardware, {0, H * 0.46f, D * 0.45f + 0.032f}, {0.01f, 0.012f, 0.003f});
  }
  return m;
}

}  // namespace storegen
