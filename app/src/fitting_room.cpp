#include "fitting_room.h"

#include <algorithm>
#include <glm/gtc/matrix_transform.hpp>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "json_file.h"
#include "store_guide.h"
#include "vrmall/engine/gltf_loader.h"

namespace vrmall::app {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string roleOf(const std::string& category) {
  if (category == "tops") return "top";
  if (category == "jackets") return "outer";
  if (category == "dresses") return "dress";
  if (category == "trousers" || category == "skirts") return "bottom";
  if (category == "shoes") return "shoes";
  if (category == "bags") return "bag";
  if (category == "hats") return "hat";
  if (category == "glasses") return "glasses";
  return "watch";
}

// Roles a new piece takes off: a dress is both top and bottom.
bool conflicts(const std::string& wearing, const std::string& adding) {
  if (wearing == adding) return true;
  if (adding == "dress") return wearing == "top" || wearing == "bottom";
  if (wearing == "dress") return adding == "top" || adding == "bottom";
  return false;
}

glm::vec3 requiredVec3(const json& node, const char* key, const fs::path& file,
                       const std::string& where) {
  if (!node.contains(key)) {
    throw std::runtime_error(file.string() + ": " + where + "." + key + " is missing");
  }
  const auto v = vec3Of(node[key]);
  if (!v) throw std::runtime_error(file.string() + ": " + where + "." + key + " is not [x, y, z]");
  return *v;
}

}  // namespace

struct FittingRoom::Dressed {
  engine::InstanceId instance = 0, mirror = 0;
};

std::optional<FittingArea> readFittingArea(const fs::path& layoutJson) {
  const json layout = readJsonFile(layoutJson);
  if (!layout.contains("fitting_area")) return std::nullopt;
  const json& f = layout["fitting_area"];
  if (!f.is_object())
    throw std::runtime_error(layoutJson.string() + ": fitting_area is not an object");
  FittingArea a;
  a.position = requiredVec3(f, "position", layoutJson, "fitting_area");
  if (f.contains("yaw_deg") && f["yaw_deg"].is_number()) a.yawDeg = f["yaw_deg"].get<float>();
  if (f.contains("stand_height") && f["stand_height"].is_number())
    a.standHeight = f["stand_height"].get<float>();
  if (!f.contains("mirror") || !f["mirror"].is_object())
    throw std::runtime_error(layoutJson.string() + ": fitting_area.mirror is missing");
  a.mirrorCentre = requiredVec3(f["mirror"], "centre", layoutJson, "fitting_area.mirror");
  a.mirrorNormal = requiredVec3(f["mirror"], "normal", layoutJson, "fitting_area.mirror");
  if (glm::length(a.mirrorNormal) < 1e-6F)
    throw std::runtime_error(layoutJson.string() + ": fitting_area.mirror.normal is zero");
  a.mirrorNormal = glm::normalize(a.mirrorNormal);
  if (!f.contains("viewpoint") || !f["viewpoint"].is_object())
    throw std::runtime_error(layoutJson.string() + ": fitting_area.viewpoint is missing");
  a.viewEye = requiredVec3(f["viewpoint"], "position", layoutJson, "fitting_area.viewpoint");
  a.viewAt = requiredVec3(f["viewpoint"], "look_at", layoutJson, "fitting_area.viewpoint");
  return a;
}

FittingRoom::FittingRoom(const FittingArea& area, StoreSummary& store, engine::Renderer& renderer,
                         engine::Scene& scene, const AvatarProfile& avatar)
    : area_(area), store_(store), renderer_(renderer), scene_(scene), avatar_(avatar) {
  placeBody();
}

FittingRoom::~FittingRoom() = default;

glm::mat4 FittingRoom::standTransform() const {
  glm::mat4 m =
      glm::translate(glm::mat4(1.0F), area_.position + glm::vec3(0.0F, area_.standHeight, 0.0F));
  return glm::rotate(m, glm::radians(area_.yawDeg), glm::vec3(0.0F, 1.0F, 0.0F));
}

glm::mat4 FittingRoom::reflected(const glm::mat4& world) const {
  // Householder reflection through the mirror's plane, then the model's own z flip (the model
  // drawn is engine::mirroredZ of the original), which makes the determinant positive again.
  const glm::vec3 n = area_.mirrorNormal;
  glm::mat4 r(1.0F);
  for (int c = 0; c < 3; ++c) {
    for (int row = 0; row < 3; ++row) r[c][row] -= 2.0F * n[c] * n[row];
  }
  r[3] = glm::vec4(2.0F * glm::dot(area_.mirrorCentre, n) * n, 1.0F);
  return r * world * glm::scale(glm::mat4(1.0F), glm::vec3(1.0F, 1.0F, -1.0F));
}

void FittingRoom::placeBody() {
  const AvatarShape shape = AvatarShape::of(avatar_);
  if (body_ && shape.key == shape_.key) return;
  shape_ = shape;
  const engine::ModelData body = makeAvatarBody(shape_);
  const engine::ModelId id = renderer_.addModel(body);
  const engine::ModelId mirror = renderer_.addModel(engine::mirroredZ(body));
  if (body_) {
    scene_.instance(bodyInstance_).model = id;
    scene_.instance(mirrorBodyInstance_).model = mirror;
    renderer_.removeModel(*body_);
    renderer_.removeModel(*mirrorBody_);
  } else {
    bodyInstance_ = scene_.add(engine::Instance{id, standTransform(), -1, true});
    mirrorBodyInstance_ =
        scene_.add(engine::Instance{mirror, reflected(standTransform()), -1, true});
  }
  body_ = id;
  mirrorBody_ = mirror;
}

void FittingRoom::setAvatar(const AvatarProfile& avatar) {
  const bool sizeChanged = avatar.size != avatar_.size;
  avatar_ = avatar;
  placeBody();
  for (WornPiece& piece : worn_) {
    if (sizeChanged) piece.fit = judgeFit(piece.category, piece.size, avatar_.size);
    placePiece(piece, *dressed_.at(piece.role));
  }
}

std::optional<engine::ModelId> FittingRoom::mirroredModel(const fs::path& gltf,
                                                          std::string& error) {
  const std::string key = gltf.string();
  if (auto it = mirrored_.find(key); it != mirrored_.end()) return it->second;
  const engine::GltfLoadResult loaded = engine::GltfLoader().load(gltf);
  if (!loaded.ok) {
    error = loaded.error;
    return std::nullopt;
  }
  const engine::ModelId id = renderer_.addModel(engine::mirroredZ(loaded.model));
  mirrored_.emplace(key, id);
  return id;
}

void FittingRoom::placePiece(const WornPiece& piece, Dressed& d) {
  // The model's attach point, read from its file once per item (every re-fit reuses it).
  auto geometry = geometry_.find(piece.itemId);
  if (geometry == geometry_.end()) {
    geometry =
        geometry_.emplace(piece.itemId, readProductGeometry(store_.modelOf.at(piece.itemId))).first;
  }
  const ProductGeometry& g = geometry->second;
  const BodyAnchors a = bodyAnchors(shape_);
  const float h = shape_.height;
  glm::vec3 anchor = a.neck, body{1.0F};
  const std::string& r = piece.role;
  if (r == "top" || r == "outer" || r == "dress") {
    body = {shape_.shoulders, h, shape_.chest};
  } else if (r == "bottom") {
    anchor = a.waist;
    body = {shape_.hips, h, shape_.hips};
  } else if (r == "shoes") {
    anchor = a.feet;
    body = glm::vec3(std::clamp(h, 0.85F, 1.15F));
  } else if (r == "bag") {
    anchor = a.hand;
  } else if (r == "hat") {
    anchor = a.head;
  } else if (r == "glasses") {
    anchor = a.nose;
  } else {
    anchor = a.wrist;
    body = glm::vec3(shape_.limbs);
  }
  const glm::vec3 scale = body * piece.fit.scale;
  // The piece's attach point (scaled) lands on the body's anchor, as on a mannequin.
  const glm::vec3 local = anchor - g.attach * scale;
  const glm::mat4 world =
      standTransform() * glm::scale(glm::translate(glm::mat4(1.0F), local), scale);
  engine::Instance& shown = scene_.instance(d.instance);
  shown.transform = world;
  shown.visible = true;
  engine::Instance& mirror = scene_.instance(d.mirror);
  mirror.transform = reflected(world);
  mirror.visible = true;
}

std::optional<WornPiece> FittingRoom::wear(const TryOnRequest& request, std::string& error) {
  const auto path = store_.modelOf.find(request.itemId);
  if (path == store_.modelOf.end()) {
    error = "no model for " + request.itemId + " in the catalogue's MODEL column";
    return std::nullopt;
  }
  const auto model = StoreScene::model(path->second, renderer_, store_, error);
  if (!model) return std::nullopt;
  const auto mirror = mirroredModel(path->second, error);
  if (!mirror) return std::nullopt;

  WornPiece piece;
  piece.role = roleOf(request.category);
  piece.itemId = request.itemId;
  piece.name = request.name;
  piece.category = request.category;
  piece.size = request.size.empty() ? defaultSize(request.sizes, avatar_.size) : request.size;
  piece.colourway = request.colourwayName;
  piece.fit = judgeFit(piece.category, piece.size, avatar_.size);

  std::erase_if(worn_, [&](const WornPiece& w) {
    if (!conflicts(w.role, piece.role)) return false;
    hide(w.role);
    return true;
  });
  auto& slot = dressed_[piece.role];
  if (!slot) {
    slot = std::make_unique<Dressed>();
    slot->instance = scene_.add(engine::Instance{*model, glm::mat4(1.0F), -1, false});
    slot->mirror = scene_.add(engine::Instance{*mirror, glm::mat4(1.0F), -1, false});
  }
  scene_.instance(slot->instance).model = *model;
  scene_.instance(slot->instance).variant = request.colourway;
  scene_.instance(slot->mirror).model = *mirror;
  scene_.instance(slot->mirror).variant = request.colourway;
  placePiece(piece, *slot);
  worn_.push_back(piece);
  return piece;
}

void FittingRoom::hide(const std::string& role) {
  const Dressed& d = *dressed_.at(role);
  scene_.instance(d.instance).visible = false;
  scene_.instance(d.mirror).visible = false;
}

void FittingRoom::undress() {
  for (const WornPiece& piece : worn_) hide(piece.role);
  worn_.clear();
}

std::unique_ptr<FittingRoom> FittingRoom::forStore(const fs::path& storeDir, StoreSummary& store,
                                                   engine::Renderer& renderer, engine::Scene& scene,
                                                   const AvatarProfile& avatar) {
  const auto area = readFittingArea(storeDir / "layout.json");
  return area ? std::make_unique<FittingRoom>(*area, store, renderer, scene, avatar) : nullptr;
}

engine::View FittingRoom::view(float aspect, float fovYRadians) const {
  return engine::View::lookAt(area_.viewEye, area_.viewAt, fovYRadians, aspect);
}

engine::Bounds FittingRoom::avatarBounds() const {
  return renderer_.modelBounds(*body_).transformed(standTransform());
}

std::optional<engine::Bounds> FittingRoom::wornBounds(const std::string& role,
                                                      bool reflection) const {
  const bool worn =
      std::any_of(worn_.begin(), worn_.end(), [&](const WornPiece& p) { return p.role == role; });
  if (!worn) return std::nullopt;
  const Dressed& d = *dressed_.at(role);
  const engine::Instance& i = scene_.instance(reflection ? d.mirror : d.instance);
  return renderer_.modelBounds(i.model).transformed(i.transform);
}

}  // namespace vrmall::app
