#include "layout_parts.h"

#include <algorithm>
#include <cmath>

#include "fixtures.h"

namespace storegen::layout_parts {

double mm(double v) {
  const double r = std::round(v * 1000.0) / 1000.0;
  return r == 0 ? 0.0 : r;  // no "-0.0"
}
Json xyz(Vec3 v) {
  return Json::array({mm(v.x), mm(v.y), mm(v.z)});
}
Json xz(float x, float z) {
  return Json::array({mm(x), mm(z)});
}

Vec3 rotate(Vec3 v, float yaw_deg) {
  const float a = yaw_deg * kPi / 180.0f, c = std::cos(a), s = std::sin(a);
  return {v.x * c + v.z * s, v.y, -v.x * s + v.z * c};
}

float reach(float x) {
  return 1.0f - 0.35f * std::min(1.0f, std::fabs(x) / fixture::kStoreHalfX);
}
float eye_level(float centre_y) {
  const float d = (centre_y - 1.45f) / 0.55f;
  return std::exp(-d * d);
}

Json resolve(Json slot, Store& store, const std::string& item, Vec3 anchor, float yaw,
             const std::string& mount, Vec3 max_size) {
  const ModelInfo& m = store.models.at(item);
  float scale = 1;
  if (max_size.x > 0)
    scale = std::min({1.0f, max_size.x / m.size.x, max_size.y / m.size.y, max_size.z / m.size.z});
  Vec3 pos = anchor;
  if (mount == "attach") pos = anchor - rotate(m.attach * scale, yaw);
  slot["item"] = item;
  // A product shown twice appears in its next colourway, so repeats still add variety.
  const auto& colourways = store.by_id.at(item)->colourways;
  slot["colourway"] = colourways[static_cast<size_t>(store.shown[item]++) % colourways.size()];
  slot["position"] = xyz(pos);
  slot["scale"] = mm(scale);
  return slot;
}

}  // namespace storegen::layout_parts
