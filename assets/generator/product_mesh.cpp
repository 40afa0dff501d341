// Picks the builder for a product's kind and applies the store's placement conventions.
#include "product_mesh.h"

namespace storegen {

Mesh build_product_mesh(const Product& p, uint64_t seed) {
  Rng rng(seed, "mesh", p.index);
  Mesh m;
  if (p.l1 == "tops")
    m = build_top(p, rng);
  else if (p.l1 == "jackets")
    m = build_jacket(p, rng);
  else if (p.l1 == "dresses")
    m = build_dress(p, rng);
  else if (p.l1 == "skirts")
    m = build_skirt(p, rng);
  else if (p.l1 == "trousers")
    m = build_trousers(p, rng);
  else if (p.l1 == "shoes")
    m = build_shoes(p, rng);
  else if (p.l1 == "bags")
    m = build_bag(p, rng);
  else if (p.l1 == "hats")
    m = build_hat(p, rng);
  else if (p.l1 == "glasses")
    m = build_glasses(p, rng);
  else
    m = build_watch(p, rng);
  // Drop parts a kind did not use, so every primitive has triangles.
  std::erase_if(m.parts, [](const Part& part) { return part.indices.empty(); });
  m.place_bottom_centre();
  // Shoes and hats sit on their base; a bag hangs from the top of its handle.
  if (p.l1 == "shoes" || p.l1 == "hats") m.attach = {0, 0, 0};
  if (p.l1 == "bags") m.attach = {0, m.bounds().max.y, 0};
  return m;
}

}  // namespace storegen
