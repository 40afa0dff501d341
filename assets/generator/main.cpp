// vrmall-storegen: writes the default store (catalogue, product and fixture models, layout,
// shoppers and their history) from one seed. The committed assets/store is its output for
// --seed 7; a test regenerates it and compares byte for byte.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>

#include "catalog.h"
#include "fixtures.h"
#include "io.h"
#include "layout.h"
#include "product_gltf.h"
#include "product_mesh.h"
#include "shoppers.h"

int main(int argc, char** argv) {
  CLI::App app{"vrmall-storegen: generate the default vrmall store"};
  std::string out_dir;
  uint64_t seed = 7;
  app.add_option("--out", out_dir, "output folder (models/ and fixtures/ inside it are replaced)")
      ->required();
  app.add_option("--seed", seed, "random seed; the committed store uses 7");
  CLI11_PARSE(app, argc, argv);

  namespace fs = std::filesystem;
  using namespace storegen;
  const fs::path out(out_dir);
  try {
    // Stale models of a larger earlier catalogue must not survive a regeneration.
    fs::remove_all(out / "models");
    fs::remove_all(out / "fixtures");

    const auto products = generate_catalog(seed);
    write_file(out / "items.csv", items_csv(products));
    std::vector<ModelInfo> models;
    size_t triangles = 0, largest = 0;
    for (const auto& p : products) {
      const Mesh mesh = build_product_mesh(p, seed);
      write_product_gltf(out, p, mesh);
      models.push_back({p.id, mesh.bounds().size(), mesh.attach});
      triangles += mesh.triangles();
      largest = std::max(largest, mesh.triangles());
    }
    write_fixtures(out / "fixtures");
    const auto shoppers = simulate_shoppers(products, seed);
    write_file(out / "layout.json", layout_json(products, models, shoppers.popularity, seed));
    write_file(out / "users.csv", users_csv(shoppers));
    write_file(out / "interactions.csv", interactions_csv(shoppers));
    write_file(out / "shopper_personas.csv", personas_csv(shoppers));
    std::printf("%zu products, %zu triangles (largest %zu), %zu shoppers, %zu events -> %s\n",
                products.size(), triangles, largest, shoppers.users.size(), shoppers.events.size(),
                out.string().c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "vrmall-storegen: %s\n", e.what());
    return 1;
  }
  return 0;
}
