// The colour of each colourway of a product, for the product card's swatches: read from the
// model itself (the base colour the KHR_materials_variants mapping gives its first primitive, the
// product's own surface), so a swatch always shows what selecting it will show.
#pragma once

#include <filesystem>
#include <glm/vec3.hpp>
#include <vector>

namespace vrmall::app {

// One linear RGB colour per variant, in the model's variant order; empty when the file has no
// variants or cannot be read (the card then shows named buttons only).
std::vector<glm::vec3> colourwaySwatches(const std::filesystem::path& gltf);

}  // namespace vrmall::app
