#include "shapes.h"

#include <cmath>

namespace storegen {

std::vector<Ring> loft_rings(const std::vector<Key>& keys, size_t count, Vec3 offset,
                             float exponent) {
  const float y0 = keys.front().y, y1 = keys.back().y;
  std::vector<std::pair<float, float>> ka, kb;
  for (const Key& k : keys) {
    const float t = (k.y - y0) / (y1 - y0);
    ka.push_back({t, k.a});
    kb.push_back({t, k.b});
  }
  const auto as = smooth_profile(ka, count), bs = smooth_profile(kb, count);
  std::vector<Ring> rings;
  for (size_t i = 0; i < count; ++i) {
    const float t = static_cast<float>(i) / static_cast<float>(count - 1);
    Ring r;
    r.centre = offset + Vec3{0, mix(y0, y1, t), 0};
    r.a = std::max(as[i], 0.0f);
    r.b = std::max(bs[i], 0.0f);
    r.exponent = exponent;
    rings.push_back(r);
  }
  return rings;
}

void tube(Part& part, const std::vector<Vec3>& path, float r0, float r1, int segments,
          Vec3 side_ref, bool caps) {
  std::vector<Ring> rings;
  for (size_t i = 0; i < path.size(); ++i) {
    const float t = static_cast<float>(i) / static_cast<float>(path.size() - 1);
    Ring r;
    r.centre = path[i];
    r.a = r.b = mix(r0, r1, t);
    rings.push_back(r);
  }
  SweepOptions o;
  o.segments = segments;
  o.side_ref = side_ref;
  o.cap_start = o.cap_end = caps;
  sweep(part, rings, o);
}

std::vector<Vec3> arc(Vec3 centre, Vec3 across, Vec3 up, float half, float height, size_t count) {
  std::vector<Vec3> out;
  for (size_t i = 0; i < count; ++i) {
    const float phi = kPi * (1.0f - static_cast<float>(i) / static_cast<float>(count - 1));
    out.push_back(centre + across * (half * std::cos(phi)) + up * (height * std::sin(phi)));
  }
  return out;
}

void lathe(Part& part, const std::vector<std::pair<float, float>>& profile, int segments,
           const SweepOptions& extra) {
  std::vector<Ring> rings;
  for (const auto& [r, y] : profile) {
    Ring ring;
    ring.centre = {0, y, 0};
    ring.a = ring.b = r;
    rings.push_back(ring);
  }
  SweepOptions o = extra;
  o.segments = segments;
  o.fixed_tangent = {0, 1, 0};
  o.side_ref = {1, 0, 0};
  sweep(part, rings, o);
}

void fan(Part& part, const std::vector<Vec3>& outline, Vec3 normal) {
  Vec3 c{};
  for (const Vec3& p : outline) c += p;
  c = c * (1.0f / static_cast<float>(outline.size()));
  const uint32_t base = static_cast<uint32_t>(part.positions.size());
  part.positions.push_back(c);
  part.normals.push_back(normal);
  part.uvs.push_back({0.5f, 0.5f});
  for (size_t i = 0; i < outline.size(); ++i) {
    const float t = 2.0f * kPi * static_cast<float>(i) / static_cast<float>(outline.size());
    part.positions.push_back(outline[i]);
    part.normals.push_back(normal);
    part.uvs.push_back({0.5f + 0.5f * std::cos(t), 0.5f + 0.5f * std::sin(t)});
  }
  const uint32_t n = static_cast<uint32_t>(outline.size());
  for (uint32_t i = 0; i < n; ++i)
    part.indices.insert(part.indices.end(), {base, base + 1 + i, base + 1 + (i + 1) % n});
}

void top_disc(Part& part, Vec3 centre, float a, float b, int segments) {
  std::vector<Vec3> outline;
  for (int i = 0; i < segments; ++i) {
    // Clockwise in x/z, which is counter-clockwise seen from above (+Y).
    const float t = -2.0f * kPi * static_cast<float>(i) / static_cast<float>(segments);
    outline.push_back(centre + Vec3{a * std::cos(t), 0, b * std::sin(t)});
  }
  fan(part, outline, {0, 1, 0});
}

}  // namespace storegen
