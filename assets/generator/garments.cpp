// Garments are single-surface shells (their materials are double-sided) sized for the store's
// standard mannequin, so any top or bottom can be dressed on it without scaling.
#include <cmath>

#include "product_mesh.h"
#include "shapes.h"

namespace storegen {

namespace {

float width_for_fit(const std::string& fit) {
  if (fit == "Oversized" || fit == "Boxy") return 1.12f;
  if (fit == "Relaxed" || fit == "Flowing" || fit == "Tiered") return 1.06f;
  if (fit == "Slim" || fit == "Fitted" || fit == "Tailored") return 0.94f;
  return 1.0f;
}

// Linear interpolation of the keys at height y (for trim that sits on the surface).
Key key_at(const std::vector<Key>& keys, float y) {
  if (y <= keys.front().y) return keys.front();
  for (size_t i = 1; i < keys.size(); ++i)
    if (y <= keys[i].y) {
      const float t = (y - keys[i - 1].y) / (keys[i].y - keys[i - 1].y);
      return {y, mix(keys[i - 1].a, keys[i].a, t), mix(keys[i - 1].b, keys[i].b, t)};
    }
  return keys.back();
}

void loft(Part& part, const std::vector<Key>& keys, size_t rings, int segments,
          std::function<float(size_t, float)> modulate = nullptr) {
  SweepOptions o;
  o.segments = segments;
  o.modulate = std::move(modulate);
  sweep(part, loft_rings(keys, rings), o);
}

void sleeves(Part& part, float x, float y, float length, float r0, float r1, float angle_deg) {
  if (length <= 0) return;
  const float a = angle_deg * kPi / 180.0f;
  for (float side : {-1.0f, 1.0f}) {
    std::vector<Vec3> path;
    for (int i = 0; i <= 6; ++i) {
      const float t = static_cast<float>(i) / 6.0f;
      path.push_back(
          {side * (x + std::sin(a) * length * t), y - std::cos(a) * length * t, -0.005f * t});
    }
    // The root end is capped: it sits inside the torso, and an open end would show above the
    // shoulder line from some angles.
    std::vector<Ring> rings;
    for (size_t i = 0; i < path.size(); ++i) {
      Ring r;
      r.centre = path[i];
      r.a = r.b = mix(r0, r1, static_cast<float>(i) / static_cast<float>(path.size() - 1));
      rings.push_back(r);
    }
    SweepOptions o;
    o.segments = 10;
    o.side_ref = {0, 0, 1};
    o.cap_start = true;
    sweep(part, rings, o);
  }
}

// Buttons down the front at x, from y0 to y1, sitting on the keyed surface.
void buttons(Part& part, const std::vector<Key>& keys, float x, float y0, float y1, int count) {
  for (int i = 0; i < count; ++i) {
    const float y =
        count == 1 ? y0 : mix(y0, y1, static_cast<float>(i) / static_cast<float>(count - 1));
    const float z = key_at(keys, y).b * 0.97f;
    tube(part, {{x, y, z}, {x, y, z + 0.005f}}, 0.0065f, 0.0065f, 6, {1, 0, 0}, true);
  }
}

void collar(Part& part, float y, float a, float b, float height, float flare) {
  loft(part,
       {{y, a, b},
        {y + height * 0.5f, a * (1 + flare * 0.5f), b * (1 + flare * 0.5f)},
        {y + height, a * (1 + flare), b * (1 + flare)}},
       3, 20);
}

void hood(Part& part, float y) {
  std::vector<Ring> rings = loft_rings({{y, 0.1f, 0.09f},
                                        {y + 0.08f, 0.115f, 0.115f},
                                        {y + 0.16f, 0.1f, 0.1f},
                                        {y + 0.22f, 0.035f, 0.04f}},
                                       8);
  for (size_t i = 0; i < rings.size(); ++i)
    rings[i].centre.z = -0.02f - 0.07f * static_cast<float>(i) / 7.0f;
  SweepOptions o;
  o.segments = 16;
  sweep(part, rings, o);
}

struct Torso {
  float length, width, depth, hem, neck;
};

std::vector<Key> torso_keys(const Torso& t) {
  const float L = t.length, W = t.width, D = t.depth;
  return {{0, W * t.hem, D * t.hem},        {L * 0.35f, W * 0.94f, D * 0.96f},
          {L * 0.7f, W, D * 1.04f},         {L * 0.9f, W * 1.02f, D * 0.96f},
          {L * 0.965f, W * 0.7f, D * 0.8f}, {L, t.neck, t.neck * 0.88f}};
}

}  // namespace

Mesh build_top(const Product& p, Rng& rng) {
  Mesh m;
  Part& body = m.part(MaterialSlot::kPrimary);
  const bool men = p.gender == "men";
  const float fit = width_for_fit(p.fit);
  Torso t{(men ? 0.72f : 0.64f) * rng.rangef(0.95f, 1.05f) * (p.fit == "Cropped" ? 0.76f : 1.0f),
          (men ? 0.215f : 0.19f) * fit * rng.rangef(0.97f, 1.03f), (men ? 0.125f : 0.115f) * fit,
          rng.rangef(0.98f, 1.08f), 0.078f};
  if (p.l2 == "tank top") t.neck = 0.11f;
  if (p.l2 == "sweater" || p.l2 == "hoodie") t.hem = 0.96f;
  const auto keys = torso_keys(t);
  const bool knit = p.l2 == "sweater";
  loft(body, keys, 12, 20, [knit](size_t ring, float theta) {
    return knit && ring < 2 ? 1.0f + 0.012f * std::cos(36.0f * theta) : 1.0f;
  });

  float sleeve = 0, r1 = 0.05f;
  if (p.l2 == "t-shirt" || p.l2 == "polo") sleeve = rng.rangef(0.17f, 0.23f), r1 = 0.058f;
  if (p.l2 == "shirt" || p.l2 == "sweater" || p.l2 == "hoodie")
    sleeve = men ? 0.6f : 0.56f, r1 = 0.042f;
  if (p.l2 == "blouse") sleeve = rng.chance(0.5) ? 0.55f : 0.28f, r1 = 0.05f;
  sleeves(body, t.width * 0.84f, t.length * 0.86f - 0.02f, sleeve, men ? 0.07f : 0.062f, r1,
          rng.rangef(16, 24));

  Part& trim = m.part(MaterialSlot::kAccent);
  if (p.l2 == "shirt" || p.l2 == "polo" || p.l2 == "blouse") {
    collar(body, t.length - 0.012f, t.neck + 0.004f, t.neck * 0.88f + 0.004f, 0.04f, 0.12f);
    const int count = p.l2 == "polo" ? 2 : p.l2 == "blouse" ? 4 : 6;
    const float top = t.length * 0.93f;
    buttons(trim, keys, 0, top, p.l2 == "polo" ? top - 0.07f : t.length * 0.12f, count);
  }
  if (p.l2 == "hoodie") {
    hood(body, t.length - 0.03f);
    add_box(body, {0, t.length * 0.24f, key_at(keys, t.length * 0.24f).b * 0.95f},
            {t.width * 0.5f, t.length * 0.1f, 0.012f});
  }
  if (p.l2 == "sweater" && rng.chance(0.5))
    collar(body, t.length - 0.01f, t.neck, t.neck * 0.88f, 0.035f, -0.05f);
  m.attach = {0, t.length, 0};
  return m;
}

Mesh build_jacket(const Product& p, Rng& rng) {
  Mesh m;
  Part& body = m.part(MaterialSlot::kPrimary);
  Part& trim = m.part(MaterialSlot::kAccent);
  const bool men = p.gender == "men";
  const float fit = width_for_fit(p.fit);
  float length = 0.7f;
  if (p.l2 == "blazer") length = 0.74f;
  if (p.l2 == "bomber" || p.l2 == "denim jacket") length = 0.61f;
  if (p.l2 == "parka") length = 0.88f;
  if (p.l2 == "trench coat") length = 1.08f;
  if (p.l2 == "puffer") length = 0.68f;
  length *= (men ? 1.04f : 0.96f) * rng.rangef(0.96f, 1.04f) * (p.fit == "Cropped" ? 0.82f : 1.0f);
  const float puff = p.l2 == "puffer" ? 1.08f : 1.0f;
  Torso t{length, (men ? 0.235f : 0.21f) * fit * puff, (men ? 0.14f : 0.13f) * fit * puff,
          p.l2 == "trench coat" ? 1.18f
          : p.l2 == "bomber"    ? 0.92f
                                : 1.02f,
          0.09f};
  const auto keys = torso_keys(t);
  const bool quilted = p.l2 == "puffer" || p.fit == "Quilted";
  loft(body, keys, quilted ? 19 : 12, 20, [quilted](size_t ring, float) {
    if (!quilted) return 1.0f;
    const float s = std::sin(kPi * static_cast<float>(ring) / 3.0f);
    return 1.0f + 0.04f * s * s;  // horizontal quilting channels
  });
  sleeves(body, t.width * 0.84f, t.length - 0.1f, men ? 0.62f : 0.58f, men ? 0.078f : 0.07f,
          p.l2 == "puffer" ? 0.06f : 0.05f, rng.rangef(14, 20));

  if (p.l2 == "blazer" || p.l2 == "trench coat")
    collar(body, t.length - 0.035f, 0.1f, 0.09f, 0.06f, 0.18f);
  if (p.l2 == "bomber" || p.l2 == "puffer" || p.l2 == "denim jacket")
    collar(body, t.length - 0.01f, t.neck + 0.005f, t.neck * 0.9f, 0.045f, 0.05f);
  if (p.l2 == "parka") hood(body, t.length - 0.03f);
  if (p.l2 == "trench coat") {
    const Key w = key_at(keys, t.length * 0.55f);
    loft(body,
         {{w.y - 0.02f, w.a + 0.008f, w.b + 0.008f}, {w.y + 0.02f, w.a + 0.008f, w.b + 0.008f}}, 2,
         24);
    buttons(trim, keys, -0.055f, t.length * 0.8f, t.length * 0.45f, 4);
    buttons(trim, keys, 0.055f, t.length * 0.8f, t.length * 0.45f, 4);
  }
  if (p.l2 == "blazer") buttons(trim, keys, 0.0f, t.length * 0.45f, t.length * 0.33f, 2);
  if (p.l2 == "denim jacket" || p.l2 == "parka")
    buttons(trim, keys, 0.0f, t.length * 0.88f, t.length * 0.1f, 5);
  if (p.l2 == "bomber" || p.l2 == "puffer") {
    const float z = key_at(keys, t.length * 0.5f).b * 1.02f;
    add_box(trim, {0, t.length * 0.5f, z}, {0.005f, t.length * 0.45f, 0.004f});
  }
  m.attach = {0, t.length, 0};
  return m;
}

Mesh build_dress(const Product& p, Rng& rng) {
  Mesh m;
  Part& body = m.part(MaterialSlot::kPrimary);
  float L = 1.1f, hem = 0.28f;
  if (p.l2 == "maxi dress") L = 1.38f, hem = rng.rangef(0.3f, 0.38f);
  if (p.l2 == "midi dress") L = 1.12f, hem = 0.27f;
  if (p.l2 == "mini dress") L = 0.86f, hem = 0.22f;
  if (p.l2 == "slip dress") L = 1.05f, hem = 0.23f;
  if (p.l2 == "wrap dress") L = 1.1f, hem = 0.29f;
  if (p.l2 == "shirt dress") L = 1.04f, hem = 0.25f;
  L *= rng.rangef(0.97f, 1.03f);
  hem *= width_for_fit(p.fit) * (p.fit == "Fitted" ? 0.88f : 1.0f);
  const float hip = L - 0.6f;
  const bool slip = p.l2 == "slip dress";
  std::vector<Key> keys = {{0, hem, hem * 0.82f},
                           {hip * 0.5f, mix(hem, 0.19f, 0.5f), mix(hem * 0.82f, 0.14f, 0.5f)},
                           {hip, 0.185f, 0.135f},
                           {L - 0.4f, 0.14f, 0.1f},
                           {L - 0.22f, 0.17f, 0.125f}};
  if (slip)
    keys.push_back({L - 0.13f, 0.165f, 0.115f});
  else
    keys.insert(keys.end(), {{L - 0.06f, 0.18f, 0.1f}, {L, 0.085f, 0.075f}});
  const int folds = 7 + static_cast<int>(rng.below(6));
  const float phase = rng.rangef(0, 6.28f), amp = p.fit == "Fitted" ? 0.01f : 0.03f;
  const size_t rings = 15;
  loft(body, keys, rings, 24, [&](size_t ring, float theta) {
    const float y = keys.back().y * static_cast<float>(ring) / static_cast<float>(rings - 1);
    const float w = y < hip ? 1.0f - y / hip : 0.0f;  // folds fade out towards the hip
    return 1.0f + amp * w * std::sin(static_cast<float>(folds) * theta + phase);
  });
  if (slip) {
    for (float x : {-0.07f, 0.07f})
      tube(body, smooth_path({{x, L - 0.14f, 0.1f}, {x * 1.2f, L, 0.0f}, {x, L - 0.14f, -0.1f}}, 8),
           0.004f, 0.004f, 6);
  }
  float sleeve = 0;
  if (p.l2 == "wrap dress" || p.l2 == "shirt dress") sleeve = rng.chance(0.5) ? 0.25f : 0.5f;
  if (p.l2 == "midi dress" && rng.chance(0.5)) sleeve = 0.22f;
  if (p.l2 == "maxi dress" && rng.chance(0.5)) sleeve = 0.2f;
  sleeves(body, 0.155f, L - 0.1f, sleeve, 0.058f, 0.05f, 18);
  if (p.l2 == "shirt dress") {
    collar(body, L - 0.012f, 0.089f, 0.07f, 0.035f, 0.12f);
    buttons(m.part(MaterialSlot::kAccent), keys, 0, L - 0.06f, hip, 6);
  }
  if (p.fit == "Belted" || p.l2 == "wrap dress" || p.l2 == "shirt dress") {
    const Key w = key_at(keys, L - 0.4f);
    loft(body,
         {{w.y - 0.018f, w.a + 0.006f, w.b + 0.006f}, {w.y + 0.018f, w.a + 0.006f, w.b + 0.006f}},
         2, 24);
  }
  m.attach = {0, L, 0};
  return m;
}

Mesh build_skirt(const Product& p, Rng& rng) {
  Mesh m;
  Part& body = m.part(MaterialSlot::kPrimary);
  float L = 0.6f, hem = 0.26f;
  if (p.l2 == "mini skirt") L = 0.42f, hem = 0.22f;
  if (p.l2 == "midi skirt") L = 0.72f, hem = 0.26f;
  if (p.l2 == "maxi skirt") L = 0.98f, hem = 0.33f;
  if (p.l2 == "pleated skirt") L = 0.66f, hem = 0.27f;
  if (p.l2 == "pencil skirt") L = 0.62f, hem = 0.172f;
  if (p.l2 == "a-line skirt") L = 0.58f, hem = 0.28f;
  L *= rng.rangef(0.95f, 1.05f);
  hem *= p.l2 == "pencil skirt" ? 1.0f : width_for_fit(p.fit);
  const float waist = rng.rangef(0.145f, 0.155f);
  const std::vector<Key> keys = {
      {0, hem, hem * 0.78f},
      {(L - 0.18f) * 0.5f, mix(hem, 0.19f, 0.45f), mix(hem * 0.78f, 0.14f, 0.45f)},
      {L - 0.18f, 0.19f, 0.14f},
      {L, waist, 0.11f}};
  const bool pleated = p.l2 == "pleated skirt";
  const float hip = L - 0.18f, phase = rng.rangef(0, 6.28f);
  const size_t rings = 11;
  loft(body, keys, rings, pleated ? 48 : 24, [&](size_t ring, float theta) {
    const float y = L * static_cast<float>(ring) / static_cast<float>(rings - 1);
    const float w = y < hip ? 1.0f - 0.7f * y / hip : 0.3f * (L - y) / (L - hip);
    if (pleated) return 1.0f + 0.035f * w * std::fabs(std::sin(16.0f * theta));
    return 1.0f + (p.l2 == "pencil skirt" ? 0.0f : 0.025f) * w * std::sin(9.0f * theta + phase);
  });
  // Waistband.
  loft(body, {{L - 0.04f, waist + 0.004f, 0.114f}, {L, waist + 0.004f, 0.114f}}, 2, 24);
  m.attach = {0, L, 0};
  return m;
}

Mesh build_trousers(const Product& p, Rng& rng) {
  Mesh m;
  Part& body = m.part(MaterialSlot::kPrimary);
  const bool men = p.gender == "men";
  const bool shorts = p.l2 == "shorts";
  const float L =
      shorts ? rng.rangef(0.48f, 0.56f) : (men ? 1.035f : 1.0f) * rng.rangef(0.97f, 1.03f);
  const float crotch = L - 0.3f;
  float hem_r = 0.058f, spread = 0.1f;
  if (p.l2 == "jeans") hem_r = p.fit == "Slim" ? 0.047f : 0.056f;
  if (p.l2 == "wide-leg") hem_r = 0.11f, spread = 0.115f;
  if (p.l2 == "joggers") hem_r = 0.045f;
  if (p.l2 == "cargo") hem_r = 0.066f;
  if (shorts) hem_r = 0.088f;
  if (p.fit == "Tapered" || p.fit == "Slim") hem_r *= 0.88f;
  if (p.fit == "Relaxed") hem_r *= 1.1f;
  const float fit = men ? 1.05f : 1.0f;
  loft(body,
       {{crotch - 0.04f, 0.2f * fit, 0.125f * fit},
        {L - 0.15f, 0.195f * fit, 0.13f * fit},
        {L, 0.17f * fit, 0.115f * fit}},
       5, 20);
  const float thigh = 0.1f * fit;
  for (float side : {-1.0f, 1.0f}) {
    const float knee_r = mix(thigh, hem_r, 0.55f);
    std::vector<Ring> rings = loft_rings({{0, hem_r, hem_r * 0.95f},
                                          {crotch * 0.45f, knee_r, knee_r * 0.95f},
                                          {crotch + 0.03f, thigh, thigh * 0.97f}},
                                         shorts ? 4 : 8);
    for (auto& r : rings)
      r.centre.x = side * mix(spread, 0.098f * fit, r.centre.y / (crotch + 0.03f));
    const bool cuffed = p.l2 == "joggers";
    SweepOptions o;
    o.segments = 16;
    o.modulate = [cuffed](size_t ring, float theta) {
      return cuffed && ring == 0 ? 1.0f + 0.03f * std::cos(20.0f * theta) : 1.0f;
    };
    sweep(body, rings, o);
    if (p.l2 == "cargo")
      add_box(body, {side * (thigh + 0.1f), crotch * 0.55f, 0.0f}, {0.014f, 0.085f, 0.06f});
  }
  // Waistband with a button at the front.
  loft(body, {{L - 0.045f, 0.174f * fit, 0.118f * fit}, {L, 0.174f * fit, 0.118f * fit}}, 2, 20);
  if (p.l2 == "jeans" || p.l2 == "chinos" || p.l2 == "tailored" || p.l2 == "cargo")
    buttons(m.part(MaterialSlot::kAccent),
            {{0, 0.118f * fit, 0.118f * fit}, {L, 0.118f * fit, 0.118f * fit}}, 0, L - 0.022f,
            L - 0.022f, 1);
  m.attach = {0, L, 0};
  return m;
}

}  // namespace storegen
