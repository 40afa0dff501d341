// One procedural mesh per product kind; shape parameters come from the product (its fit word,
// gender, sub-kind) and a per-product random stream, so no two products share a silhouette.
#pragma once

#include <cstdint>

#include "catalog.h"
#include "mesh.h"
#include "rng.h"

namespace storegen {

// Metres, +Y up, front towards +Z, bottom-centre of the bounds at the origin.
Mesh build_product_mesh(const Product& product, uint64_t seed);

// Per-kind builders (garments.cpp, accessories.cpp); each returns the mesh before placement.
Mesh build_top(const Product& p, Rng& rng);
Mesh build_jacket(const Product& p, Rng& rng);
Mesh build_dress(const Product& p, Rng& rng);
Mesh build_skirt(const Product& p, Rng& rng);
Mesh build_trousers(const Product& p, Rng& rng);
Mesh build_shoes(const Product& p, Rng& rng);
Mesh build_bag(const Product& p, Rng& rng);
Mesh build_hat(const Product& p, Rng& rng);
Mesh build_glasses(const Product& p, Rng& rng);
Mesh build_watch(const Product& p, Rng& rng);

}  // namespace storegen
