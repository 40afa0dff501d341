// The desktop preview's Dear ImGui layer: the product card (hover: a tooltip; select: the full
// card with sizes, attributes, colourway swatches that switch the model live, add to cart, try
// on, and why the guide suggests it), the For-you panel with the shopper's offers, the avatar
// editor, the cart with its total, the performance overlay and the privacy panel. It draws from
// and acts on a ShoppingSession; it never talks to the guide directly.
#pragma once

#include <array>
#include <glm/mat4x4.hpp>
#include <glm/vec2.hpp>
#include <optional>
#include <string>

#include "shopping_session.h"
#include "vrmall/engine/renderer.h"

namespace vrmall::app {

struct FramePerf {
  double frameMs = 0.0;      // wall time between frames
  double renderCpuMs = 0.0;  // the renderer's CPU work (engine::FrameStats::cpuMs)
  double sessionMs = 0.0;    // the shopping loop's own work this frame
  double uiMs = 0.0;         // building the UI (last frame)
  engine::FrameStats stats;
};

class ShopUi {
 public:
  // Panels shown; F1 toggles all of them, F3 the performance overlay.
  bool showForYou = true, showAvatar = false, showCart = true, showPerf = true, showPrivacy = false,
       showHelp = true, showSearch = false;
  // Drawn into the headset's world panel rather than over the desktop view: no tooltip at the
  // mouse, no dwell ring or crosshair over the scene (the panel is not the scene), the
  // controllers' help line.
  bool worldPanel = false;

  // Builds this frame's UI (between ImGui::NewFrame and ImGui::Render). `viewProj` and
  // `windowSize` place the dwell ring on the product being looked at.
  void draw(ShoppingSession& session, const FramePerf& perf, const glm::mat4& viewProj,
            glm::vec2 windowSize, bool mouseCaptured);
  // The search box's last search (for window.json and tests).
  const std::optional<StoreSearch>& lastSearch() const { return search_; }

 private:
  void drawCard(ShoppingSession& session, glm::vec2 windowSize);
  // "Complete the look", and "Try on the look" with the size chosen on the card.
  void drawLook(ShoppingSession& session, int product, const ProductInfo& info);
  // The size chosen on the card ("" when none: the avatar's is then used where one is needed).
  std::string chosenSize(const ProductInfo& info) const;
  void drawHover(ShoppingSession& session);
  void drawDwellRing(const ShoppingSession& session, const glm::mat4& viewProj,
                     glm::vec2 windowSize);
  void drawForYou(ShoppingSession& session);
  void drawAvatar(ShoppingSession& session);
  void drawCart(ShoppingSession& session, glm::vec2 windowSize);
  void drawPerf(const FramePerf& perf, const ShoppingSession& session, glm::vec2 windowSize);
  void drawPrivacy(ShoppingSession& session);
  void drawSearch(ShoppingSession& session);
  void drawFitting(ShoppingSession& session);  // what the avatar wears and how it fits
  void drawConsent(ShoppingSession& session);  // first start: may gaze be tracked?
  void drawMenu(bool mouseCaptured);

  static constexpr size_t kHistory = 120;
  std::array<float, kHistory> frameHistory_{};
  size_t historyNext_ = 0, historyCount_ = 0;
  int cardProduct_ = -1;  // whose card the size choice belongs to
  int chosenSize_ = -1;
  std::string cardItem_;
  std::array<char, 256> query_{};  // the search box (UTF-8)
  std::optional<StoreSearch> search_;
  std::string privacyMessage_;  // what the last privacy action did
};

}  // namespace vrmall::app
