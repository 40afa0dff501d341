#include "mesh.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

namespace storegen {

Part& Mesh::part(MaterialSlot slot) {
  for (auto& p : parts)
    if (p.slot == slot) return p;
  // Builders hold references to several parts at once; never let the vector reallocate.
  parts.reserve(8);
  parts.push_back(Part{});
  parts.back().slot = slot;
  return parts.back();
}

Bounds Mesh::bounds() const {
  Bounds b;
  for (const auto& p : parts)
    for (const auto& v : p.positions) {
      b.min = {std::min(b.min.x, v.x), std::min(b.min.y, v.y), std::min(b.min.z, v.z)};
      b.max = {std::max(b.max.x, v.x), std::max(b.max.y, v.y), std::max(b.max.z, v.z)};
    }
  return b;
}

size_t Mesh::triangles() const {
  size_t n = 0;
  for (const auto& p : parts) n += p.indices.size() / 3;
  return n;
}

void Mesh::translate(Vec3 d) {
  attach += d;
  for (auto& p : parts)
    for (auto& v : p.positions) v += d;
}

void Mesh::place_bottom_centre() {
  const Bounds b = bounds();
  translate({-(b.min.x + b.max.x) * 0.5f, -b.min.y, -(b.min.z + b.max.z) * 0.5f});
}

void Mesh::append(const Mesh& other) {
  for (const Part& src : other.parts) {
    Part& dst = part(src.slot);
    const uint32_t base = static_cast<uint32_t>(dst.positions.size());
    dst.positions.insert(dst.positions.end(), src.positions.begin(), src.positions.end());
    dst.normals.insert(dst.normals.end(), src.normals.begin(), src.normals.end());
    dst.uvs.insert(dst.uvs.end(), src.uvs.begin(), src.uvs.end());
    for (uint32_t i : src.indices) dst.indices.push_back(base + i);
  }
}

void Mesh::mirror_x() {
  attach.x = -attach.x;
  for (auto& p : parts) {
    for (auto& v : p.positions) v.x = -v.x;
    for (auto& n : p.normals) n.x = -n.x;
    // A mirror flips handedness; swapping two corners restores counter-clockwise fronts.
    for (size_t i = 0; i + 2 < p.indices.size(); i += 3)
      std::swap(p.indices[i + 1], p.indices[i + 2]);
  }
}

namespace {

// Smooth normals for the triangles appended since `first_index`, welding vertices that share a
// position so seams (u = 0 and u = 1) and collapsed tips shade without a crease.
void smooth_normals(Part& part, size_t first_vertex, size_t first_index, Vec3 fallback) {
  using Key = std::tuple<long, long, long>;
  auto key = [](Vec3 v) {
    return Key{std::lround(v.x * 1e5f), std::lround(v.y * 1e5f), std::lround(v.z * 1e5f)};
  };
  std::map<Key, Vec3> sums;
  for (size_t i = first_index; i + 2 < part.indices.size(); i += 3) {
    const Vec3 a = part.positions[part.indices[i]], b = part.positions[part.indices[i + 1]],
               c = part.positions[part.indices[i + 2]];
    const Vec3 n = cross(b - a, c - a);  // area-weighted
    for (int k = 0; k < 3; ++k) sums[key(part.positions[part.indices[i + k]])] += n;
  }
  part.normals.resize(part.positions.size());
  for (size_t v = first_vertex; v < part.positions.size(); ++v)
    part.normals[v] = normalize(sums[key(part.positions[v])], fallback);
}

Vec3 section_point(float a, float b, float b_neg, float e, float theta) {
  const float c = std::cos(theta), s = std::sin(theta);
  const float p = 2.0f / e;
  const float x = std::copysign(std::pow(std::fabs(c), p), c);
  const float y = std::copysign(std::pow(std::fabs(s), p), s);
  return {a * x, (y >= 0 || b_neg < 0 ? b : b_neg) * y, 0};
}

}  // namespace

void sweep(Part& part, const std::vector<Ring>& rings, const SweepOptions& o) {
  const size_t n = rings.size();
  if (n < 2) return;
  const size_t seg = static_cast<size_t>(o.segments);
  const size_t first_vertex = part.positions.size(), first_index = part.indices.size();
  const bool fixed = length(o.fixed_tangent) > 0;

  std::vector<Vec3> tangents(n), sides(n), ups(n);
  std::vector<float> arc(n, 0);
  for (size_t i = 0; i < n; ++i) {
    Vec3 t = o.fixed_tangent;
    if (!fixed) {
      const size_t prev = o.closed_loop ? (i + n - 1) % n : (i == 0 ? 0 : i - 1);
      const size_t next = o.closed_loop ? (i + 1) % n : std::min(i + 1, n - 1);
      t = rings[next].centre - rings[prev].centre;
    }
    t = normalize(t);
    Vec3 side = o.side_ref - t * dot(o.side_ref, t);
    side = normalize(side, normalize(cross(t, Vec3{0, 0, 1}), Vec3{1, 0, 0}));
    tangents[i] = t;
    sides[i] = side;
    ups[i] = cross(t, side);
    if (i > 0) arc[i] = arc[i - 1] + length(rings[i].centre - rings[i - 1].centre) + 1e-4f;
  }
  const size_t ring_count = o.closed_loop ? n + 1 : n;  // a closed loop repeats ring 0 for UVs
  const float total = o.closed_loop ? arc[n - 1] + length(rings[0].centre - rings[n - 1].centre)
                                    : std::max(arc[n - 1], 1e-4f);
  for (size_t r = 0; r < ring_count; ++r) {
    const size_t i = r % n;
    const Ring& ring = rings[i];
    for (size_t j = 0; j <= seg; ++j) {
      const float theta = 2.0f * kPi * static_cast<float>(j % seg) / static_cast<float>(seg);
      const float m = o.modulate ? o.modulate(i, theta) : 1.0f;
      const Vec3 q = section_point(ring.a * m, ring.b * m, ring.b_neg * m, ring.exponent, theta);
      part.positions.push_back(ring.centre + sides[i] * q.x + ups[i] * q.y);
      part.uvs.push_back(
          {static_cast<float>(j) / static_cast<float>(seg), (r == n ? total : arc[i]) / total});
    }
  }
  const auto at = [&](size_t r, size_t j) {
    return static_cast<uint32_t>(first_vertex + r * (seg + 1) + j);
  };
  for (size_t r = 0; r + 1 < ring_count; ++r)
    for (size_t j = 0; j < seg; ++j) {
      // Counter-clockwise seen from outside: side x up is the tangent, so this order faces out.
      part.indices.insert(part.indices.end(), {at(r, j), at(r, j + 1), at(r + 1, j)});
      part.indices.insert(part.indices.end(), {at(r, j + 1), at(r + 1, j + 1), at(r + 1, j)});
    }
  // Rings that collapse to a point (a hat's crown, a shoe's toe) leave zero-area triangles;
  // validators flag them and they add nothing, so they go.
  size_t kept = first_index;
  for (size_t i = first_index; i + 2 < part.indices.size(); i += 3) {
    const Vec3 a = part.positions[part.indices[i]], b = part.positions[part.indices[i + 1]],
               c = part.positions[part.indices[i + 2]];
    if (length(cross(b - a, c - a)) < 1e-10f) continue;
    for (int k = 0; k < 3; ++k) part.indices[kept++] = part.indices[i + static_cast<size_t>(k)];
  }
  part.indices.resize(kept);
  smooth_normals(part, first_vertex, first_index, tangents[0]);

  // Caps are flat, so they get their own vertices and the ring's plane normal.
  const auto cap = [&](size_t r, bool at_end) {
    const Vec3 normal = at_end ? tangents[r] : tangents[r] * -1.0f;
    const uint32_t centre = static_cast<uint32_t>(part.positions.size());
    part.positions.push_back(rings[r].centre);
    part.normals.push_back(normal);
    part.uvs.push_back({0.5f, 0.5f});
    for (size_t j = 0; j < seg; ++j) {
      const Vec3 p = part.positions[at(r, j)];
      const float theta = 2.0f * kPi * static_cast<float>(j) / static_cast<float>(seg);
      part.positions.push_back(p);
      part.normals.push_back(normal);
      part.uvs.push_back({0.5f + 0.5f * std::cos(theta), 0.5f + 0.5f * std::sin(theta)});
    }
    for (size_t j = 0; j < seg; ++j) {
      const uint32_t a = centre + 1 + static_cast<uint32_t>(j);
      const uint32_t b = centre + 1 + static_cast<uint32_t>((j + 1) % seg);
      if (at_end)
        part.indices.insert(part.indices.end(), {centre, a, b});
      else
        part.indices.insert(part.indices.end(), {centre, b, a});
    }
  };
  if (!o.closed_loop && o.cap_start) cap(0, false);
  if (!o.closed_loop && o.cap_end) cap(n - 1, true);
}

void add_box(Part& part, Vec3 c, Vec3 h) {
  const Vec3 axes[3] = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
  const float half[3] = {h.x, h.y, h.z};
  for (int axis = 0; axis < 3; ++axis)
    for (int sign = -1; sign <= 1; sign += 2) {
      const Vec3 n = axes[axis] * static_cast<float>(sign);
      const Vec3 u = axes[(axis + 1) % 3] * half[(axis + 1) % 3];
      const Vec3 v = axes[(axis + 2) % 3] * half[(axis + 2) % 3];
      const Vec3 centre = c + n * half[axis];
      const uint32_t base = static_cast<uint32_t>(part.positions.size());
      const Vec3 corners[4] = {centre - u - v, centre + u - v, centre + u + v, centre - u + v};
      const Vec2 uv[4] = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
      for (int k = 0; k < 4; ++k) {
        part.positions.push_back(corners[k]);
        part.normals.push_back(n);
        part.uvs.push_back(uv[k]);
      }
      // u x v is +n for the cyclic axis order; flip the winding for the negative face.
      if (sign > 0)
        part.indices.insert(part.indices.end(),
                            {base, base + 1, base + 2, base, base + 2, base + 3});
      else
        part.indices.insert(part.indices.end(),
                            {base, base + 2, base + 1, base, base + 3, base + 2});
    }
}

namespace {
float catmull(float p0, float p1, float p2, float p3, float t) {
  const float t2 = t * t, t3 = t2 * t;
  return 0.5f * (2 * p1 + (-p0 + p2) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t2 +
                 (-p0 + 3 * p1 - 3 * p2 + p3) * t3);
}
}  // namespace

std::vector<float> smooth_profile(const std::vector<std::pair<float, float>>& keys, size_t count) {
  std::vector<float> out(count);
  for (size_t i = 0; i < count; ++i) {
    const float t = count == 1 ? 0 : static_cast<float>(i) / static_cast<float>(count - 1);
    size_t k = 0;
    while (k + 2 < keys.size() && keys[k + 1].first < t) ++k;
    const size_t k0 = k == 0 ? 0 : k - 1, k2 = std::min(k + 1, keys.size() - 1),
                 k3 = std::min(k + 2, keys.size() - 1);
    const float span = std::max(keys[k2].first - keys[k].first, 1e-6f);
    const float local = std::clamp((t - keys[k].first) / span, 0.0f, 1.0f);
    out[i] = catmull(keys[k0].second, keys[k].second, keys[k2].second, keys[k3].second, local);
  }
  return out;
}

std::vector<Vec3> smooth_path(const std::vector<Vec3>& c, size_t count) {
  std::vector<Vec3> out(count);
  const size_t spans = c.size() - 1;
  for (size_t i = 0; i < count; ++i) {
    const float t =
        static_cast<float>(i) / static_cast<float>(count - 1) * static_cast<float>(spans);
    const size_t k = std::min(static_cast<size_t>(t), spans - 1);
    const float local = t - static_cast<float>(k);
    const Vec3 p0 = c[k == 0 ? 0 : k - 1], p1 = c[k], p2 = c[k + 1], p3 = c[std::min(k + 2, spans)];
    out[i] = {catmull(p0.x, p1.x, p2.x, p3.x, local), catmull(p0.y, p1.y, p2.y, p3.y, local),
              catmull(p0.z, p1.z, p2.z, p3.z, local)};
  }
  return out;
}

}  // namespace storegen
