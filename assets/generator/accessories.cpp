// Shoes, bags, hats, glasses and watches: solid or shell objects at their real sizes.
#include <cmath>

#include "product_mesh.h"
#include "shapes.h"

namespace storegen {

namespace {

void append(Mesh& into, const Mesh& from) {
  for (const Part& src : from.parts) {
    Part& dst = into.part(src.slot);
    const uint32_t base = static_cast<uint32_t>(dst.positions.size());
    dst.positions.insert(dst.positions.end(), src.positions.begin(), src.positions.end());
    dst.normals.insert(dst.normals.end(), src.normals.begin(), src.normals.end());
    dst.uvs.insert(dst.uvs.end(), src.uvs.begin(), src.uvs.end());
    for (uint32_t i : src.indices) dst.indices.push_back(base + i);
  }
}

// A flat disc in the XZ plane at height y (shoe openings, cap buttons), facing up.
void top_disc(Part& part, Vec3 centre, float a, float b, int segments) {
  std::vector<Vec3> outline;
  for (int i = 0; i < segments; ++i) {
    const float t = -2.0f * kPi * static_cast<float>(i) / static_cast<float>(segments);
    outline.push_back(centre + Vec3{a * std::cos(t), 0, b * std::sin(t)});
  }
  fan(part, outline, {0, 1, 0});
}

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
  append(right, left);
  return right;
}

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

Mesh build_hat(const Product& p, Rng& rng) {
  Mesh m;
  Part& body = m.part(MaterialSlot::kPrimary);
  Part& band = m.part(MaterialSlot::kAccent);
  const std::string& k = p.l2;
  const float s = rng.rangef(0.97f, 1.03f);
  SweepOptions o;
  std::vector<std::pair<float, float>> profile;
  auto dome = [&](float r, float y0, float h, int n) {
    for (int i = 0; i <= n; ++i) {
      const float phi = 0.5f * kPi * static_cast<float>(i) / static_cast<float>(n);
      profile.push_back({r * std::cos(phi), y0 + h * std::sin(phi)});
    }
  };
  if (k == "cap") {
    dome(0.095f * s, 0, 0.11f, 10);
    lathe(body, profile, 24);
    std::vector<Ring> visor;
    for (int i = 0; i < 7; ++i) {
      const float t = static_cast<float>(i) / 6.0f;
      Ring r;
      r.centre = {0, 0.012f - 0.012f * t * t, 0.06f + 0.1f * t};
      r.a = 0.088f * (1 - 0.35f * t * t);
      r.b = 0.003f;
      r.exponent = 2.5f;
      visor.push_back(r);
    }
    SweepOptions vo;
    vo.segments = 16;
    vo.cap_end = true;
    sweep(body, visor, vo);
    lathe(band, {{0.008f, 0.108f}, {0.008f, 0.114f}, {0.0f, 0.116f}}, 10);
  } else if (k == "beanie") {
    profile = {{0.101f * s, 0}, {0.102f * s, 0.035f}, {0.101f * s, 0.07f}};
    dome(0.098f * s, 0.075f, 0.13f, 9);
    o.modulate = [](size_t ring, float theta) {
      return ring < 3 ? 1.0f + 0.018f * std::cos(40.0f * theta) : 1.0f;
    };
    lathe(body, profile, 32, o);
    if (rng.chance(0.4)) {  // pom-pom
      profile.clear();
      for (int i = 0; i <= 8; ++i) {
        const float phi = kPi * (static_cast<float>(i) / 8.0f - 0.5f);
        profile.push_back({0.04f * std::cos(phi), 0.235f + 0.04f * std::sin(phi)});
      }
      lathe(body, profile, 16);
    }
  } else if (k == "fedora" || k == "sun hat") {
    const float brim = k == "sun hat" ? rng.rangef(0.21f, 0.25f) : rng.rangef(0.15f, 0.17f);
    profile = {{brim, 0.014f},   {brim * 0.96f, 0.004f}, {brim * 0.8f, 0.0f}, {0.098f, 0.002f},
               {0.09f, 0.008f},  {0.088f, 0.06f},        {0.085f, 0.1f},      {0.07f, 0.118f},
               {0.035f, 0.124f}, {0.0f, 0.12f}};
    const bool floppy = k == "sun hat";
    o.modulate = [floppy](size_t ring, float theta) {
      return floppy && ring < 3 ? 1.0f + 0.035f * std::sin(5.0f * theta) : 1.0f;
    };
    lathe(body, profile, 28, o);
    lathe(band, {{0.0905f, 0.01f}, {0.0905f, 0.032f}}, 28);
  } else if (k == "bucket hat") {
    profile = {{0.155f * s, 0.0f}, {0.125f, 0.025f}, {0.097f, 0.046f}, {0.093f, 0.05f},
               {0.091f, 0.1f},     {0.075f, 0.122f}, {0.04f, 0.128f},  {0.0f, 0.129f}};
    lathe(body, profile, 24);
  } else {  // beret
    profile = {{0.09f, 0.0f},        {0.1f, 0.008f},  {0.128f * s, 0.032f},
               {0.122f * s, 0.052f}, {0.08f, 0.066f}, {0.0f, 0.072f}};
    lathe(body, profile, 28);
    lathe(band, {{0.005f, 0.07f}, {0.004f, 0.085f}, {0.0f, 0.086f}}, 8);
  }
  return m;
}

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

Mesh build_product_mesh(const Product& p, uint64_t seed) {
  Rng rng(seed, "mesh", p.index);
  Mesh m;
  if (p.l1 == "tops")
    m = build_top(p, rng);
  else if (p.l1 == "jackets")
    m = build_jacket(p, rng);
  else if (p.l1 == "dresses")
    m = build_dress(p, rng);
  else if (p.l1 == "skirts")
    m = build_skirt(p, rng);
  else if (p.l1 == "trousers")
    m = build_trousers(p, rng);
  else if (p.l1 == "shoes")
    m = build_shoes(p, rng);
  else if (p.l1 == "bags")
    m = build_bag(p, rng);
  else if (p.l1 == "hats")
    m = build_hat(p, rng);
  else if (p.l1 == "glasses")
    m = build_glasses(p, rng);
  else
    m = build_watch(p, rng);
  // Drop parts a kind did not use, so every primitive has triangles.
  std::erase_if(m.parts, [](const Part& part) { return part.indices.empty(); });
  m.place_bottom_centre();
  // Shoes and hats sit on their base; a bag hangs from the top of its handle.
  if (p.l1 == "shoes" || p.l1 == "hats") m.attach = {0, 0, 0};
  if (p.l1 == "bags") m.attach = {0, m.bounds().max.y, 0};
  return m;
}

}  // namespace storegen
