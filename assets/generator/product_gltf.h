// Turns a product and its mesh into a glTF document: PBR materials that follow what the product
// is made of, one variant per colourway.
#pragma once

#include <filesystem>
#include <string>

#include "catalog.h"
#include "mesh.h"

namespace storegen {

// Writes models/<id>.gltf and models/<id>.bin next to it (paths from product.model).
void write_product_gltf(const std::filesystem::path& store_dir, const Product& product,
                        const Mesh& mesh);

}  // namespace storegen
