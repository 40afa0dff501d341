#include "store_guide.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <glm/gtc/matrix_transform.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>

#include "json_file.h"

namespace vrmall::app {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// A slot's geometry from layout.json: enough to place another product there.
struct SlotGeometry {
  glm::vec3 anchor{0.0F};
  bool attach = false;
  float yawDeg = 0.0F;
  std::optional<glm::vec3> maxSize;
};

void collectSlotGeometry(const json& node, std::map<std::string, SlotGeometry>& out) {
  if (node.is_object()) {
    if (node.contains("id") && node["id"].is_string() && node.contains("anchor")) {
      SlotGeometry g;
      if (auto a = vec3Of(node["anchor"])) g.anchor = *a;
      g.attach = node.value("mount", std::string("base")) == "attach";
      if (node.contains("yaw_deg") && node["yaw_deg"].is_number())
        g.yawDeg = node["yaw_deg"].get<float>();
      if (node.contains("max_size")) g.maxSize = vec3Of(node["max_size"]);
      out[node["id"].get<std::string>()] = g;
    }
    for (const auto& [key, value] : node.items()) collectSlotGeometry(value, out);
  } else if (node.is_array()) {
    for (const auto& value : node) collectSlotGeometry(value, out);
  }
}

// assets/README.md: scale = min(1, max_size / size); position = anchor (base) or
// anchor - R_y(yaw) (attach * scale) (attach); drawn as T(position) R_y(yaw) S(scale).
glm::mat4 placeProduct(const SlotGeometry& slot, const ProductGeometry& product) {
  float scale = 1.0F;
  if (slot.maxSize) {
    for (int k = 0; k < 3; ++k) {
      if (product.size[k] > 0.0F) scale = std::min(scale, (*slot.maxSize)[k] / product.size[k]);
    }
  }
  const float t = glm::radians(slot.yawDeg);
  glm::vec3 position = slot.anchor;
  if (slot.attach) {
    const glm::vec3 a = product.attach * scale;
    position -= glm::vec3(a.x * std::cos(t) + a.z * std::sin(t), a.y,
                          -a.x * std::sin(t) + a.z * std::cos(t));
  }
  glm::mat4 m = glm::translate(glm::mat4(1.0F), position);
  m = glm::rotate(m, t, glm::vec3(0.0F, 1.0F, 0.0F));
  return glm::scale(m, glm::vec3(scale));
}

// A conservative box around what a slot shows: its max_size box on the anchor (base mounts stand
// on it, attach mounts hang from it), or a mannequin-sized box.
engine::Bounds slotBox(const SlotGeometry& g) {
  const glm::vec3 size = g.maxSize ? *g.maxSize : glm::vec3(0.6F, 1.0F, 0.6F);
  const float half = 0.5F * std::max(size.x, size.z);
  engine::Bounds b;
  b.min = {g.anchor.x - half, g.attach ? g.anchor.y - size.y : g.anchor.y, g.anchor.z - half};
  b.max = {g.anchor.x + half, g.attach ? g.anchor.y + 0.1F : g.anchor.y + size.y,
           g.anchor.z + half};
  return b;
}

}  // namespace

ProductGeometry readProductGeometry(const fs::path& gltf) {
  const json j = readJsonFile(gltf);
  ProductGeometry g;
  glm::vec3 lo(1e9F), hi(-1e9F);
  for (const auto& mesh : j.value("meshes", json::array())) {
    for (const auto& prim : mesh.value("primitives", json::array())) {
      const auto attrs = prim.value("attributes", json::object());
      if (!attrs.contains("POSITION")) continue;
      const auto& acc = j.at("accessors").at(attrs["POSITION"].get<size_t>());
      const auto mn = vec3Of(acc.value("min", json()));
      const auto mx = vec3Of(acc.value("max", json()));
      if (mn && mx) {
        lo = glm::min(lo, *mn);
        hi = glm::max(hi, *mx);
      }
    }
  }
  if (lo.x <= hi.x) g.size = hi - lo;
  if (j.contains("nodes") && !j["nodes"].empty()) {
    const auto& n = j["nodes"][0];
    if (n.contains("extras") && n["extras"].contains("vrmall")) {
      if (auto a = vec3Of(n["extras"]["vrmall"].value("attach", json()))) g.attach = *a;
    }
  }
  return g;
}

GuideStart startGuide(const fs::path& storeDir) {
  const auto start = std::chrono::steady_clock::now();
  GuideStart out;
  rec::Dataset data =
      rec::loadDataset({(storeDir / "interactions.csv").string(), (storeDir / "items.csv").string(),
                        (storeDir / "users.csv").string()});
  rec::TrainOptions trainOptions;
  trainOptions.tune = false;
  out.recommender = std::make_shared<const rec::Recommender>(
      rec::Recommender::train(std::move(data), trainOptions));
  out.slots =
      rec::loadStoreSlots((storeDir / "layout.json").string(), out.recommender->data().items);
  out.trainMs =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  for (const auto& e : out.recommender->data().events) out.clock = std::max(out.clock, e.timestamp);
  out.clock += 3600;
  return out;
}

struct SlotPlacer::Impl {
  StoreSummary& store;
  engine::Renderer& renderer;
  engine::Scene& scene;
  std::map<std::string, SlotGeometry> geometry;
  std::map<std::string, ProductGeometry> products;
};

SlotPlacer::SlotPlacer(const fs::path& storeDir, StoreSummary& store, engine::Renderer& renderer,
                       engine::Scene& scene)
    : impl_(new Impl{store, renderer, scene, {}, {}}) {
  collectSlotGeometry(readJsonFile(storeDir / "layout.json"), impl_->geometry);
}

SlotPlacer::~SlotPlacer() = default;

bool SlotPlacer::inView(const std::string& slotId, const engine::Frustum& frustum) const {
  const auto b = box(slotId);
  return b && frustum.intersects(*b);
}

std::optional<engine::Bounds> SlotPlacer::box(const std::string& slotId) const {
  const auto g = impl_->geometry.find(slotId);
  if (g == impl_->geometry.end()) return std::nullopt;
  return slotBox(g->second);
}

std::optional<glm::vec3> SlotPlacer::centre(const std::string& slotId) const {
  const auto b = box(slotId);
  return b ? std::optional<glm::vec3>(b->center()) : std::nullopt;
}

size_t SlotPlacer::preloadAll() {
  StoreSummary& store = impl_->store;
  const size_t before = store.models;
  for (const auto& [itemId, path] : store.modelOf) {
    if (impl_->products.count(itemId) == 0)
      impl_->products.emplace(itemId, readProductGeometry(path));
    std::string error;  // show() reports it if a plan ever asks for this product
    StoreScene::model(path, impl_->renderer, store, error);
  }
  return store.models - before;
}

bool SlotPlacer::show(const std::string& slotId, const std::string& itemId, std::string& error) {
  StoreSummary& store = impl_->store;
  const auto inst = store.slotInstances.find(slotId);
  const auto model = store.modelOf.find(itemId);
  const auto g = impl_->geometry.find(slotId);
  if (inst == store.slotInstances.end() || model == store.modelOf.end() ||
      g == impl_->geometry.end()) {
    error = "cannot show " + itemId + " in " + slotId;
    return false;
  }
  const auto id = StoreScene::model(model->second, impl_->renderer, store, error);
  if (!id) return false;
  auto pg = impl_->products.find(itemId);
  if (pg == impl_->products.end()) {
    pg = impl_->products.emplace(itemId, readProductGeometry(model->second)).first;
  }
  engine::Instance& instance = impl_->scene.instance(inst->second);
  instance.model = *id;
  instance.transform = placeProduct(g->second, pg->second);
  instance.variant = -1;  // the default material is the first colourway
  store.slotItems[slotId] = itemId;
  return true;
}

}  // namespace vrmall::app
