// Shoes: a pair (right shoe at +x, its mirror at -x) of sole, upper and trim, heel blocks
// and boot shafts, toes towards +Z.
#include <cmath>

#include "product_mesh.h"
#include "shapes.h"

namespace storegen {

namespace {

Mesh one_shoe(const Product& p, Rng& rng) {
  Mesh m;
  const std::string& k = p.l2;
  const float L = (p.gender == "men"     ? 0.29f
                   : p.gender == "women" ? 0.255f
                                         : 0.275f) *
                  rng.rangef(0.98f, 1.02f);
  const float W = L * 0.19f;
  float sole = 0.028f, heel = 0.0f, upper = 1.0f;
  if (k == "running") sole = 0.034f, upper = 1.04f;
  if (k == "boots" || k == "ankle boots") sole = 0.024f, heel = 0.03f;
  if (k == "loafers") sole = 0.016f, heel = 0.012f, upper = 0.72f;
  if (k == "heels") sole = 0.01f, heel = rng.rangef(0.06f, 0.095f), upper = 0.5f;
  if (k == "sandals") sole = 0.02f, upper = 0.0f;
  if (p.fit == "Chunky") sole *= 1.45f;
  if (p.fit == "Platform") sole *= 1.8f;
  const auto lift = [&](float t) {
    return heel * (1.0f - smoothstep(k == "heels" ? 0.22f : 0.0f, k == "heels" ? 0.66f : 0.3f, t));
  };
  const auto width = smooth_profile(
      {{0, 0.62f}, {0.15f, 0.8f}, {0.45f, 0.84f}, {0.72f, 1.0f}, {0.92f, 0.82f}, {1, 0.28f}}, 10);
  const auto height = smooth_profile(
      {{0, 0.062f}, {0.2f, 0.078f}, {0.5f, 0.062f}, {0.75f, 0.046f}, {0.93f, 0.03f}, {1, 0.01f}},
      10);
  std::vector<Ring> soles, uppers;
  for (size_t i = 0; i < 10; ++i) {
    const float t = static_cast<float>(i) / 9.0f;
    const float z = -L * 0.5f + t * L;
    Ring s;
    s.centre = {0, lift(t) + sole * 0.5f, z};
    s.a = W * width[i];
    s.b = sole * 0.5f;
    s.exponent = 5;
    soles.push_back(s);
    Ring u;
    u.centre = {0, lift(t) + sole, z};
    u.a = W * width[i] * 0.93f;
    u.b = height[i] * upper;
    u.b_neg = 0.003f;
    u.exponent = 2.4f;
    uppers.push_back(u);
  }
  SweepOptions o;
  o.segments = 12;
  o.side_ref = {1, 0, 0};
  o.cap_start = o.cap_end = true;
  sweep(m.part(MaterialSlot::kSecondary), soles, o);
  if (upper > 0) {
    o.segments = 14;
    sweep(m.part(MaterialSlot::kPrimary), uppers, o);
    // The foot opening reads as a dark lining oval on top of the heel end.
    const float t = 0.2f;
    top_disc(m.part(MaterialSlot::kAccent),
             {0, lift(t) + sole + 0.078f * upper * 0.9f, -L * 0.5f + L * 0.24f}, W * 0.62f,
             L * 0.16f, 12);
  } else {
    for (float t : {0.3f, 0.55f, 0.8f}) {
      const size_t i = static_cast<size_t>(t * 9.0f);
      const float z = -L * 0.5f + t * L;
      tube(m.part(MaterialSlot::kPrimary),
           arc({0, lift(t) + sole, z}, {1, 0, 0}, {0, 1, 0}, W * width[i] * 0.95f, 0.035f, 9),
           0.006f, 0.006f, 8);
    }
  }
  if (heel > 0.02f) {  // the heel block under the back of the sole
    const float z = -L * 0.5f + (k == "heels" ? 0.025f : 0.04f);
    const float r = k == "heels" ? 0.012f : 0.03f;
    tube(m.part(MaterialSlot::kSecondary), {{0, 0, z}, {0, lift(0.05f) + 0.002f, z}}, r * 0.8f, r,
         12, {1, 0, 0}, true);
  }
  if (k == "boots" || k == "ankle boots") {
    const float top = k == "boots" ? rng.rangef(0.28f, 0.34f) : rng.rangef(0.13f, 0.16f);
    const float y0 = lift(0.2f) + sole + 0.03f;
    SweepOptions so;
    so.segments = 14;
    std::vector<Ring> shaft =
        loft_rings({{y0, W * 0.85f, 0.05f}, {top, W * 0.9f, 0.052f}}, 5, {0, 0, -L * 0.28f});
    sweep(m.part(MaterialSlot::kPrimary), shaft, so);
    top_disc(m.part(MaterialSlot::kAccent), {0, top - 0.002f, -L * 0.28f}, W * 0.82f, 0.048f, 12);
  }
  return m;
}

}  // namespace

Mesh build_shoes(const Product& p, Rng& rng) {
  // A pair: the right shoe at +x, its mirror image at -x, spaced like the mannequin's feet.
  Mesh right = one_shoe(p, rng);
  Mesh left = right;
  left.mirror_x();
  right.translate({0.09f, 0, 0});
  left.translate({-0.09f, 0, 0});
  right.append(left);
  return right;
}

}  // namespace storegen
