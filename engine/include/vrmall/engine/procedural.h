// Simple models made in code: the neutral stage for the asset check, store fixtures (floor,
// shelves, walls) and test scenes that need no files.
#pragma once

#include <glm/glm.hpp>

#include "vrmall/engine/model_data.h"

namespace vrmall::engine {

// Axis-aligned box centred on the origin with size `size`, one material of `color`.
ModelData makeBox(const glm::vec3& size, const glm::vec4& color, float metallic = 0.0F,
                  float roughness = 0.6F);
// Horizontal square plane (y = 0, facing +y) of side `size`.
ModelData makePlane(float size, const glm::vec4& color, float roughness = 0.8F);
// UV sphere of `radius`.
ModelData makeSphere(float radius, const glm::vec4& color, float metallic, float roughness,
                     int segments = 24);

}  // namespace vrmall::engine
