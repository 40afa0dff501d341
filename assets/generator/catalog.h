// The store's product catalogue: invented but realistic attributes, drawn from a fixed seed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace storegen {

struct Product {
  std::string id, name, department, l1, l2, gender, colour;
  std::vector<std::string> colourways, styles, seasons, sizes;
  std::string material, brand;
  double price = 0;
  std::string model;  // relative to items.csv
  // Shape and trim, not written to the CSV: the fit word of the name drives the mesh, the
  // secondary colour paints soles, cases and lenses, the accent colour buttons and buckles.
  std::string fit, secondary, accent;
  size_t index = 0;
};

std::vector<Product> generate_catalog(uint64_t seed);

// The exact header of docs/data-formats.md, then one row per product.
std::string items_csv(const std::vector<Product>& products);

}  // namespace storegen
