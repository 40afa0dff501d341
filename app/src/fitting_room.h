// The fitting area of layout.json: the shopper's avatar on its stand, dressed in what they try on
// (one piece per role: a dress replaces top and bottom, a jacket goes over a top), each piece in
// the chosen colourway and scaled to the body and the chosen size, so a size too small shows the
// body through it and one too large hangs loose. The mirror behind it shows the reflected avatar
// and garments; the desktop's third-person view looks at both from the layout's viewpoint.
// Display-mode independent: the window, the headset and the headless tour share it.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "avatar_body.h"
#include "avatar_profile.h"
#include "garment_fit.h"
#include "store_guide.h"
#include "store_scene.h"
#include "vrmall/engine/renderer.h"
#include "vrmall/engine/scene.h"
#include "vrmall/engine/view.h"

namespace vrmall::app {

struct FittingArea {
  glm::vec3 position{0.0F};  // the stand's foot point
  float yawDeg = 0.0F;       // the avatar faces +Z turned by this (layout convention)
  float standHeight = 0.0F;
  glm::vec3 mirrorCentre{0.0F};
  glm::vec3 mirrorNormal{0.0F, 0.0F, 1.0F};
  glm::vec3 viewEye{0.0F}, viewAt{0.0F};  // the third-person view
};

// layout.json's "fitting_area", or nothing when the store has none. Throws a clear error naming
// the file and key when it is there but malformed.
std::optional<FittingArea> readFittingArea(const std::filesystem::path& layoutJson);

// What the shopper asks to try on.
struct TryOnRequest {
  std::string itemId;
  std::string name;
  std::string category;  // CATEGORY_L1
  std::string size;      // "" = the default for the avatar (defaultSize)
  std::vector<std::string> sizes;
  int colourway = -1;  // the model's KHR_materials_variants index, -1 = its default
  std::string colourwayName;
};

struct WornPiece {
  std::string role;  // top, outer, dress, bottom, shoes, bag, hat, glasses, watch
  std::string itemId, name, category, size, colourway;
  GarmentFit fit;
};

class FittingRoom {
 public:
  // The body is made for `avatar` at once (setAvatar makes another only when it changes).
  FittingRoom(const FittingArea& area, StoreSummary& store, engine::Renderer& renderer,
              engine::Scene& scene, const AvatarProfile& avatar = {});
  // The store's fitting room (layout.json fitting_area), nullptr when it has none; throws when
  // the area is malformed.
  static std::unique_ptr<FittingRoom> forStore(const std::filesystem::path& storeDir,
                                               StoreSummary& store, engine::Renderer& renderer,
                                               engine::Scene& scene,
                                               const AvatarProfile& avatar = {});
  ~FittingRoom();

  const FittingArea& area() const { return area_; }
  // A new body (and the worn pieces re-fitted to it) when the attributes it shows changed.
  void setAvatar(const AvatarProfile& avatar);
  const AvatarProfile& avatar() const { return avatar_; }
  // Puts the piece on, replacing whatever it cannot be worn with. Nothing, with `error` set, when
  // its model is missing or does not load.
  std::optional<WornPiece> wear(const TryOnRequest& request, std::string& error);
  void undress();
  const std::vector<WornPiece>& worn() const { return worn_; }
  // The third-person view of the avatar and the mirror.
  engine::View view(float aspect, float fovYRadians = 0.8F) const;
  // The avatar's feet-to-head box in the world (for framing and tests).
  engine::Bounds avatarBounds() const;
  // The world box of the piece worn in `role` (or of its reflection), nothing when none is.
  std::optional<engine::Bounds> wornBounds(const std::string& role, bool reflection = false) const;

 private:
  struct Dressed;  // a worn piece's instances
  void placeBody();
  void placePiece(const WornPiece& piece, Dressed& d);
  void hide(const std::string& role);  // the piece worn in `role` and its reflection
  glm::mat4 standTransform() const;
  glm::mat4 reflected(const glm::mat4& world) const;  // through the mirror, positive determinant
  std::optional<engine::ModelId> mirroredModel(const std::filesystem::path& gltf,
                                               std::string& error);

  FittingArea area_;
  StoreSummary& store_;
  engine::Renderer& renderer_;
  engine::Scene& scene_;
  AvatarProfile avatar_;
  AvatarShape shape_;
  std::optional<engine::ModelId> body_, mirrorBody_;
  engine::InstanceId bodyInstance_ = 0, mirrorBodyInstance_ = 0;
  std::vector<WornPiece> worn_;
  std::map<std::string, std::unique_ptr<Dressed>> dressed_;  // role -> instances (reused)
  std::map<std::string, engine::ModelId> mirrored_;          // model file -> its reflection
  std::map<std::string, ProductGeometry> geometry_;          // ITEM_ID -> size, attach point
};

}  // namespace vrmall::app
