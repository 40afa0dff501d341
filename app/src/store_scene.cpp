#include "store_scene.h"

#include <chrono>
#include <fstream>
#include <glm/gtc/matrix_transform.hpp>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <stdexcept>

#include "json_file.h"
#include "vrmall/engine/gltf_loader.h"
#include "vrmall/rec/data/attribute_table.h"

namespace vrmall::app {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

glm::vec3 vec3Of(const json& v, glm::vec3 fallback) {
  if (auto xyz = app::vec3Of(v)) return *xyz;
  if (v.is_number()) return glm::vec3(v.get<float>());
  return fallback;
}

// layout.json placement: translate, then yaw about +Y (0 keeps the model's +Z front facing +Z,
// 90 turns it to +X), then scale (a number or x,y,z).
glm::mat4 placement(const json& o) {
  const glm::vec3 position = vec3Of(o.value("position", json()), glm::vec3(0.0F));
  const float yaw =
      o.contains("yaw_deg") && o["yaw_deg"].is_number() ? o["yaw_deg"].get<float>() : 0.0F;
  const glm::vec3 scale = vec3Of(o.value("scale", json()), glm::vec3(1.0F));
  glm::mat4 m = glm::translate(glm::mat4(1.0F), position);
  m = glm::rotate(m, glm::radians(yaw), glm::vec3(0.0F, 1.0F, 0.0F));
  return glm::scale(m, scale);
}

// StoreScene::model for one build: a file that failed is reported once and not retried.
class ModelCache {
 public:
  ModelCache(engine::Renderer& renderer, StoreSummary& summary)
      : renderer_(renderer), summary_(summary) {}

  std::optional<engine::ModelId> get(const fs::path& path) {
    const std::string key = fs::weakly_canonical(path).string();
    if (failed_.count(key) != 0) return std::nullopt;
    std::string error;
    const auto id = StoreScene::model(path, renderer_, summary_, error);
    if (!id) {
      summary_.warnings.push_back(error);
      failed_.insert(key);
    }
    return id;
  }

  int variantIndex(engine::ModelId id, const std::string& name) const {
    const auto& v = summary_.variantNames.at(id);
    for (size_t i = 0; i < v.size(); ++i) {
      if (v[i] == name) return static_cast<int>(i);
    }
    return -1;
  }

 private:
  engine::Renderer& renderer_;
  StoreSummary& summary_;
  std::set<std::string> failed_;
};

// Indoor light: a soft key from above the entrance, a cool fill, and two warm ceiling lights over
// the departments (the layout has no light list yet).
engine::Lighting storeLighting() {
  engine::Lighting l = engine::Lighting::storeDefault();
  l.lights[0].intensity = 1.8F;
  l.lights[1].intensity = 0.6F;
  for (float x : {-9.0F, 9.0F}) {
    engine::Light ceiling;
    ceiling.type = engine::Light::Type::Point;
    ceiling.position = {x, 3.3F, -3.0F};
    ceiling.color = {1.0F, 0.92F, 0.8F};
    ceiling.intensity = 30.0F;
    ceiling.range = 16.0F;
    l.lights.push_back(ceiling);
  }
  return l;
}

// Every object with "item" and "position" is a filled slot, wherever it sits in the layout
// (aisle shelves, mannequins, the "For you" wall, ...).
void collectSlots(const json& node, std::vector<const json*>& out) {
  if (node.is_object()) {
    if (node.contains("item") && node["item"].is_string() && node.contains("position")) {
      out.push_back(&node);
    }
    for (const auto& [key, value] : node.items()) collectSlots(value, out);
  } else if (node.is_array()) {
    for (const auto& value : node) collectSlots(value, out);
  }
}

}  // namespace

std::optional<engine::ModelId> StoreScene::model(const fs::path& gltf, engine::Renderer& renderer,
                                                 StoreSummary& store, std::string& error) {
  const std::string asWritten = gltf.string();
  if (auto it = store.modelIdsByPath.find(asWritten); it != store.modelIdsByPath.end())
    return it->second;
  const std::string key = fs::weakly_canonical(gltf).string();
  if (auto it = store.modelIds.find(key); it != store.modelIds.end()) {
    store.modelIdsByPath.emplace(asWritten, it->second);
    return it->second;
  }
  const engine::GltfLoadResult result = engine::GltfLoader().load(gltf);
  if (!result.ok) {
    error = result.error;
    return std::nullopt;
  }
  const engine::ModelId id = renderer.addModel(result.model);
  store.modelIds[key] = id;
  store.modelIdsByPath.emplace(asWritten, id);
  store.variantNames[id] = result.model.variants;
  ++store.models;
  return id;
}

std::optional<StoreSummary> StoreScene::buildOrReport(const fs::path& storeDir,
                                                      engine::Renderer& renderer,
                                                      engine::Scene& scene) {
  try {
    StoreSummary store = build(storeDir, renderer, scene);
    for (const auto& w : store.warnings) std::cerr << "vrmall: warning: " << w << "\n";
    return store;
  } catch (const std::exception& e) {
    std::cerr << "vrmall: " << e.what() << "\n";
    return std::nullopt;
  }
}

StoreSummary StoreScene::build(const fs::path& storeDir, engine::Renderer& renderer,
                               engine::Scene& scene) {
  const auto start = std::chrono::steady_clock::now();
  StoreSummary summary;
  const fs::path layoutPath = storeDir / "layout.json";
  std::error_code ec;
  if (!fs::is_regular_file(layoutPath, ec)) {
    throw std::runtime_error(
        "no store at '" + storeDir.string() + "': " + layoutPath.string() +
        " is missing (the default store lives in assets/store; pass --store DIR)");
  }
  std::ifstream in(layoutPath);
  const json layout = json::parse(in, nullptr, false);
  if (layout.is_discarded() || !layout.is_object()) {
    throw std::runtime_error(layoutPath.string() + " is not valid JSON");
  }
  ModelCache models(renderer, summary);
  scene.lighting = storeLighting();

  if (layout.contains("entrance") && layout["entrance"].is_object()) {
    const auto& e = layout["entrance"];
    summary.spawn = vec3Of(e.value("spawn", json()), summary.spawn);
    if (e.contains("spawn_yaw_deg") && e["spawn_yaw_deg"].is_number()) {
      summary.spawnYawDeg = e["spawn_yaw_deg"].get<float>();
    }
    if (e.contains("eye_height") && e["eye_height"].is_number()) {
      summary.eyeHeight = e["eye_height"].get<float>();
    }
  }

  // Fixtures: floor, walls, shelves, rails, mannequins, signs.
  if (layout.contains("fixtures") && layout["fixtures"].is_array()) {
    for (const auto& f : layout["fixtures"]) {
      if (!f.is_object() || !f.contains("mesh") || !f["mesh"].is_string()) continue;
      const auto id = models.get(storeDir / f["mesh"].get<std::string>());
      if (!id) continue;
      scene.add(engine::Instance{*id, placement(f), -1, true});
      ++summary.fixtures;
    }
  }

  // Products: ITEM_ID -> MODEL (relative to items.csv).
  std::string catalog = "items.csv";
  if (layout.contains("catalog") && layout["catalog"].is_string())
    catalog = layout["catalog"].get<std::string>();
  const fs::path itemsPath = storeDir / catalog;
  std::map<std::string, fs::path> modelOf;
  if (fs::is_regular_file(itemsPath, ec)) {
    // The guide's own CSV reader: bad rows are errors naming the file, line and column.
    rec::IdMap ids;
    const rec::AttributeTable items = rec::AttributeTable::load(itemsPath.string(), "ITEM_ID", ids);
    if (!items.column("MODEL"))
      throw std::runtime_error(itemsPath.string() + " needs a MODEL column");
    for (int32_t i = 0; i < ids.size(); ++i) {
      const std::string model = items.value(i, "MODEL");
      if (!model.empty()) modelOf[ids.id(i)] = itemsPath.parent_path() / model;
    }
  } else {
    summary.warnings.push_back("no " + itemsPath.string() + ": products are not placed");
  }

  std::vector<const json*> slots;
  collectSlots(layout, slots);
  for (const json* slot : slots) {
    const std::string item = (*slot)["item"].get<std::string>();
    auto it = modelOf.find(item);
    if (it == modelOf.end()) {
      ++summary.missingModels;
      continue;
    }
    const auto id = models.get(it->second);
    if (!id) {
      ++summary.missingModels;
      continue;
    }
    int variant = -1;
    for (const char* key : {"variant", "colorway", "colourway"}) {
      if (slot->contains(key) && (*slot)[key].is_string()) {
        variant = models.variantIndex(*id, (*slot)[key].get<std::string>());
      }
    }
    const engine::InstanceId instance =
        scene.add(engine::Instance{*id, placement(*slot), variant, true});
    if (slot->contains("id") && (*slot)["id"].is_string()) {
      summary.slotInstances[(*slot)["id"].get<std::string>()] = instance;
      summary.slotItems[(*slot)["id"].get<std::string>()] = item;
    }
    ++summary.products;
  }
  summary.modelOf = modelOf;
  if (summary.fixtures + summary.products == 0) {
    throw std::runtime_error(layoutPath.string() + " places nothing that could be loaded");
  }
  summary.loadMs =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace vrmall::app
