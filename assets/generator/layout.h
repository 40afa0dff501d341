// The store's layout.json: fixtures, departments with aisles, shelves and slots, mannequins,
// the "For you" wall, signage, promo places and the walkable area (schema: assets/README.md).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "catalog.h"
#include "vec.h"

namespace storegen {

struct ModelInfo {
  std::string id;
  Vec3 size;    // bounds extent, metres
  Vec3 attach;  // model-space attach point
};

std::string layout_json(const std::vector<Product>& products, const std::vector<ModelInfo>& models,
                        const std::map<std::string, double>& popularity, uint64_t seed);

}  // namespace storegen
