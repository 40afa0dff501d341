#include "vrmall/engine/scene.h"

namespace vrmall::engine {

Lighting Lighting::storeDefault() {
  Lighting l;
  Light key;
  key.direction = glm::normalize(glm::vec3(-0.4F, -1.0F, -0.6F));
  key.color = {1.0F, 0.96F, 0.9F};
  key.intensity = 2.5F;
  Light fill;
  fill.direction = glm::normalize(glm::vec3(0.7F, -0.5F, 0.5F));
  fill.color = {0.8F, 0.85F, 1.0F};
  fill.intensity = 0.8F;
  l.lights = {key, fill};
  return l;
}

InstanceId Scene::add(const Instance& instance) {
  instances_.push_back(instance);
  return static_cast<InstanceId>(instances_.size() - 1);
}

}  // namespace vrmall::engine
