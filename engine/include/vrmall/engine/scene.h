// What to draw: product and fixture instances plus lighting. Plain data the app edits between
// frames; the renderer reads it each frame (culls, groups into instanced draws).
#pragma once

#include <cstdint>
#include <glm/glm.hpp>
#include <vector>

namespace vrmall::engine {

using ModelId = uint32_t;
using InstanceId = uint32_t;

struct Instance {
  ModelId model = 0;
  glm::mat4 transform{1.0F};
  int variant = -1;  // KHR_materials_variants index, -1 = default materials
  bool visible = true;
};

struct Light {
  enum class Type : uint8_t { Directional, Point };
  Type type = Type::Directional;
  glm::vec3 position{0.0F};                // point lights
  glm::vec3 direction{0.0F, -1.0F, 0.0F};  // directional: direction the light travels
  glm::vec3 color{1.0F};
  float intensity = 3.0F;  // directional: illuminance-like scale; point: candela-like scale
  float range = 0.0F;      // point: 0 = unlimited
};

struct Lighting {
  static constexpr size_t kMaxLights = 4;
  std::vector<Light> lights;
  glm::vec3 skyColor{0.60F, 0.62F, 0.68F};  // hemispherical ambient, upper half
  glm::vec3 groundColor{0.25F, 0.22F, 0.20F};
  float exposure = 1.0F;

  static Lighting storeDefault();
};

class Scene {
 public:
  InstanceId add(const Instance& instance);
  Instance& instance(InstanceId id) { return instances_.at(id); }
  const std::vector<Instance>& instances() const { return instances_; }
  void clear() { instances_.clear(); }
  size_t size() const { return instances_.size(); }

  Lighting lighting = Lighting::storeDefault();

 private:
  std::vector<Instance> instances_;
};

}  // namespace vrmall::engine
