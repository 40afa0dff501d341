// Hats: surfaces of revolution (crown, brim, band) plus a cap's visor; shells, open below.
#include <cmath>

#include "product_mesh.h"
#include "shapes.h"

namespace storegen {

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

}  // namespace storegen
