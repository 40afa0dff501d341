#include "shop_ui.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <glm/vec4.hpp>

namespace vrmall::app {
namespace {

const char* kSizes[] = {"XS", "S", "M", "L", "XL", "XXL"};
const char* kBuilds[] = {"slim", "average", "athletic", "curvy", "broad"};
const char* kSkinTones[] = {"fair", "light", "medium", "olive", "tan", "brown", "deep"};
const char* kGenders[] = {"women", "men", "everything"};
const char* kStyles[] = {"boho", "casual", "evening", "formal", "minimalist", "sporty", "street"};

// ImGui colours are sRGB-encoded; model colours are linear.
float toSrgb(float l) {
  l = std::clamp(l, 0.0F, 1.0F);
  return l <= 0.0031308F ? 12.92F * l : 1.055F * std::pow(l, 1.0F / 2.4F) - 0.055F;
}

template <size_t N>
int indexOf(const char* const (&list)[N], const std::string& value) {
  for (size_t i = 0; i < N; ++i) {
    if (value == list[i]) return static_cast<int>(i);
  }
  return 0;
}

std::string money(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

// ImGui::Begin, closing a collapsed window at once (ImGui wants End() either way): true when
// there is a window to fill, which the caller then ends.
bool beginWindow(const char* title, bool* open, ImGuiWindowFlags flags = 0) {
  if (ImGui::Begin(title, open, flags)) return true;
  ImGui::End();
  return false;
}

}  // namespace

void ShopUi::draw(ShoppingSession& session, const FramePerf& perf, const glm::mat4& viewProj,
                  glm::vec2 windowSize, bool mouseCaptured) {
  frameHistory_[historyNext_] = static_cast<float>(perf.frameMs);
  historyNext_ = (historyNext_ + 1) % kHistory;
  historyCount_ = std::min(kHistory, historyCount_ + 1);

  drawMenu(mouseCaptured);
  if (!worldPanel) {
    if (session.hovered() != session.selected()) drawHover(session);
    drawDwellRing(session, viewProj, windowSize);
  }
  drawCard(session, windowSize);
  if (showForYou) drawForYou(session);
  if (showAvatar) drawAvatar(session);
  if (showCart) drawCart(session, windowSize);
  if (showPerf) drawPerf(perf, session, windowSize);
  if (showPrivacy) drawPrivacy(session);
  if (showSearch) drawSearch(session);
  drawFitting(session);
  drawConsent(session);
  if (mouseCaptured && !worldPanel) {
    // The crosshair: with the mouse captured the pointer ray goes through the middle.
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    const ImVec2 c(windowSize.x * 0.5F, windowSize.y * 0.5F);
    dl->AddCircle(c, 4.0F, IM_COL32(255, 255, 255, 200), 16, 1.5F);
  }
}

void ShopUi::drawMenu(bool mouseCaptured) {
  if (!ImGui::BeginMainMenuBar()) return;
  if (ImGui::BeginMenu("Panels")) {
    ImGui::MenuItem("For you", nullptr, &showForYou);
    ImGui::MenuItem("Avatar", nullptr, &showAvatar);
    ImGui::MenuItem("Cart", nullptr, &showCart);
    ImGui::MenuItem("Performance", "F3", &showPerf);
    ImGui::MenuItem("Privacy", nullptr, &showPrivacy);
    ImGui::MenuItem("Search", "/", &showSearch);
    ImGui::MenuItem("Help", nullptr, &showHelp);
    ImGui::EndMenu();
  }
  if (showHelp && worldPanel) {
    ImGui::TextDisabled(
        "trigger: select / press | grip: pick up | stick: push to teleport, flick to turn | "
        "menu: panels");
  } else if (showHelp) {
    ImGui::TextDisabled(mouseCaptured
                            ? "WASD walk | mouse look | click select | Esc releases the mouse"
                            : "WASD walk | right-drag or M: look | click a product | scroll: zoom "
                              "| F12 screenshot");
  }
  ImGui::EndMainMenuBar();
}

void ShopUi::drawHover(ShoppingSession& session) {
  const int p = session.hovered();
  if (p < 0 || ImGui::GetIO().WantCaptureMouse) return;
  const ProductInfo& info = session.info(p);
  ImGui::BeginTooltip();
  ImGui::TextUnformatted(info.name.c_str());
  ImGui::Text("%s  %s", money(info.price).c_str(), info.brand.c_str());
  if (!info.reasons.empty()) ImGui::TextDisabled("%s", info.reasons.front().text.c_str());
  ImGui::TextDisabled("click, or keep looking, for details");
  ImGui::EndTooltip();
}

void ShopUi::drawDwellRing(const ShoppingSession& session, const glm::mat4& viewProj,
                           glm::vec2 windowSize) {
  const DwellTracker& dwell = session.dwell();
  const float progress = dwell.selectProgress();
  if (dwell.target() < 0 || progress <= 0.0F || dwell.target() == session.selected()) return;
  const glm::vec4 clip = viewProj * glm::vec4(session.productBounds(dwell.target()).center(), 1.0F);
  if (clip.w <= 0.05F) return;
  const ImVec2 c((clip.x / clip.w * 0.5F + 0.5F) * windowSize.x,
                 (clip.y / clip.w * 0.5F + 0.5F) * windowSize.y);
  ImDrawList* dl = ImGui::GetForegroundDrawList();
  constexpr float kRadius = 18.0F;
  constexpr float kPi = 3.14159265F;
  dl->AddCircle(c, kRadius, IM_COL32(255, 255, 255, 70), 40, 4.0F);
  dl->PathArcTo(c, kRadius, -0.5F * kPi, -0.5F * kPi + 2.0F * kPi * progress, 40);
  // Amber while it is a glance, white once it counts as interest.
  dl->PathStroke(dwell.interested() ? IM_COL32(255, 255, 255, 230) : IM_COL32(255, 190, 60, 230), 0,
                 4.0F);
}

void ShopUi::drawCard(ShoppingSession& session, glm::vec2 windowSize) {
  const int p = session.selected();
  if (p < 0) return;
  const ProductInfo info = session.info(p);
  if (p != cardProduct_ || info.itemId != cardItem_) {
    cardProduct_ = p;
    cardItem_ = info.itemId;
    chosenSize_ = -1;
    // Preselect the avatar's size when the product comes in it.
    for (size_t s = 0; s < info.sizes.size(); ++s) {
      if (info.sizes[s] == session.avatar().size) chosenSize_ = static_cast<int>(s);
    }
    if (chosenSize_ < 0 && info.sizes.size() == 1) chosenSize_ = 0;
  }
  ImGui::SetNextWindowPos(ImVec2(windowSize.x - 10.0F, 30.0F), ImGuiCond_Always,
                          ImVec2(1.0F, 0.0F));
  // In the headset's panel the card is wider (its text is larger) and puts the sizes and the
  // buttons right under the price, where a controller ray finds them at once.
  const float width = worldPanel ? windowSize.x * 0.42F : std::min(320.0F, windowSize.x * 0.42F);
  ImGui::SetNextWindowSize(ImVec2(width, 0.0F), ImGuiCond_Always);
  bool open = true;
  if (!beginWindow("Product", &open,
                   ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings))
    return;
  ImGui::TextWrapped("%s", info.name.c_str());
  ImGui::Text("%s   %s", money(info.price).c_str(), info.brand.c_str());
  const auto suggested = [&] {
    if (info.suggested) ImGui::TextColored(ImVec4(1.0F, 0.8F, 0.3F, 1.0F), "Suggested for you");
  };
  if (!worldPanel) suggested();  // in the panel it follows the buttons, which then never move
  ImGui::Separator();
  const auto attributes = [&] {
    const float valueColumn = worldPanel ? ImGui::GetFontSize() * 8.0F : 100.0F;
    for (const auto& [label, value] : info.attributes) {
      ImGui::TextDisabled("%s", label.c_str());
      ImGui::SameLine(valueColumn);
      ImGui::TextWrapped("%s", value.c_str());
    }
  };
  const auto colourways = [&] {
    if (info.colourways.empty()) return;
    ImGui::TextDisabled("Colourways");
    const int current = info.colourway < 0 ? 0 : info.colourway;
    const std::vector<glm::vec3> swatches = session.swatches(info.itemId);
    const float swatch = worldPanel ? ImGui::GetFontSize() * 1.6F : 26.0F;
    for (size_t c = 0; c < info.colourways.size(); ++c) {
      if (c > 0) ImGui::SameLine();
      ImGui::PushID(static_cast<int>(c));
      const glm::vec3 rgb = c < swatches.size() ? swatches[c] : glm::vec3(0.5F);
      const ImVec4 colour(toSrgb(rgb.x), toSrgb(rgb.y), toSrgb(rgb.z), 1.0F);
      const bool chosen = static_cast<int>(c) == current;
      if (chosen) {
        ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 2.0F);
        ImGui::PushStyleColor(ImGuiCol_Border, ImVec4(1.0F, 1.0F, 1.0F, 1.0F));
      }
      if (ImGui::ColorButton(info.colourways[c].c_str(), colour, ImGuiColorEditFlags_NoTooltip,
                             ImVec2(swatch, swatch))) {
        session.setColourway(p, static_cast<int>(c));
      }
      if (chosen) {
        ImGui::PopStyleColor();
        ImGui::PopStyleVar();
      }
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", info.colourways[c].c_str());
      ImGui::PopID();
    }
    ImGui::SameLine();
    ImGui::TextUnformatted(info.colourways[static_cast<size_t>(current)].c_str());
  };
  const auto sizesAndButtons = [&] {
    if (!info.sizes.empty()) {
      ImGui::TextDisabled("Sizes");
      for (size_t s = 0; s < info.sizes.size(); ++s) {
        if (s > 0) ImGui::SameLine();
        if (ImGui::RadioButton(info.sizes[s].c_str(), chosenSize_ == static_cast<int>(s))) {
          chosenSize_ = static_cast<int>(s);
        }
      }
    }
    const bool sizeChosen = info.sizes.empty() || chosenSize_ >= 0;
    if (!sizeChosen) ImGui::BeginDisabled();
    if (ImGui::Button("Add to cart")) session.addToCart(p, chosenSize(info));
    if (!sizeChosen) ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Try on")) session.tryOn(p, chosenSize(info));
    ImGui::SameLine();
    if (ImGui::Button("Pick up")) session.pickUp(p);
    if (!sizeChosen) ImGui::TextDisabled("choose a size to add it to the cart");
  };
  if (worldPanel) {
    sizesAndButtons();
    suggested();
    ImGui::Separator();
    attributes();
    colourways();
  } else {
    attributes();
    colourways();
    sizesAndButtons();
  }
  if (!info.reasons.empty()) {
    ImGui::Separator();
    ImGui::TextDisabled("Why suggested");
    for (const rec::Reason& r : info.reasons) ImGui::BulletText("%s", r.text.c_str());
  }
  drawLook(session, p, info);
  ImGui::End();
  if (!open) session.select(-1);
}

std::string ShopUi::chosenSize(const ProductInfo& info) const {
  return chosenSize_ >= 0 && static_cast<size_t>(chosenSize_) < info.sizes.size()
             ? info.sizes[static_cast<size_t>(chosenSize_)]
             : std::string();
}

void ShopUi::drawLook(ShoppingSession& session, int product, const ProductInfo& info) {
  if (info.look.empty()) return;
  ImGui::Separator();
  ImGui::TextDisabled("Complete the look (%s in all)", money(info.lookPrice).c_str());
  for (size_t n = 0; n < info.look.size(); ++n) {
    const LookPiece& piece = info.look[n];
    ImGui::PushID(static_cast<int>(n) + 1000);
    char label[240];
    std::snprintf(label, sizeof label, "%s: %s  %s%s", piece.slot.c_str(), piece.name.c_str(),
                  money(piece.price).c_str(), piece.product < 0 ? "  (in the stockroom)" : "");
    // A piece on display opens its own card (and the shopper can walk to it).
    if (ImGui::Selectable(label, false) && piece.product >= 0) session.select(piece.product);
    if (!piece.reason.empty()) {
      ImGui::Indent();
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
      ImGui::TextWrapped("%s", piece.reason.c_str());
      ImGui::PopStyleColor();
      ImGui::Unindent();
    }
    ImGui::PopID();
  }
  if (session.fitting() != nullptr && ImGui::Button("Try on the look")) {
    session.tryOnLook(product, chosenSize(info));
  }
}

void ShopUi::drawFitting(ShoppingSession& session) {
  const FittingRoom* room = session.fitting();
  if (room == nullptr || (room->worn().empty() && !session.fittingView())) return;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5F - 170.0F, display.y - 230.0F),
                          ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(340.0F, 0.0F), ImGuiCond_FirstUseEver);
  if (!beginWindow("Fitting room", nullptr, ImGuiWindowFlags_NoCollapse)) return;
  const AvatarProfile& a = room->avatar();
  ImGui::TextDisabled("Your avatar: %d cm, %s, size %s", a.heightCm, a.build.c_str(),
                      a.size.c_str());
  if (room->worn().empty()) ImGui::TextDisabled("Nothing tried on yet.");
  for (const WornPiece& piece : room->worn()) {
    ImGui::Text("%s%s%s  %s", piece.name.c_str(), piece.colourway.empty() ? "" : ", ",
                piece.colourway.c_str(), piece.size.c_str());
    const ImVec4 colour = piece.fit.kind == FitKind::Fits ? ImVec4(0.5F, 0.9F, 0.5F, 1.0F)
                          : piece.fit.kind == FitKind::NotJudged
                              ? ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled)
                              : ImVec4(1.0F, 0.6F, 0.3F, 1.0F);
    ImGui::Indent();
    ImGui::TextColored(colour, "%s", piece.fit.text.c_str());
    ImGui::Unindent();
  }
  if (!session.fittingError().empty()) {
    ImGui::TextColored(ImVec4(1.0F, 0.5F, 0.4F, 1.0F), "%s", session.fittingError().c_str());
  }
  if (!worldPanel) {
    if (session.fittingView()) {
      if (ImGui::Button("Back to the floor")) session.leaveFittingView();
    } else if (ImGui::Button("Fitting view")) {
      session.showFittingView();
    }
    ImGui::SameLine();
  }
  if (ImGui::Button("Take everything off")) session.undress();
  ImGui::End();
}

void ShopUi::drawForYou(ShoppingSession& session) {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(10.0F, 30.0F), ImGuiCond_FirstUseEver);
  // The headset's panel has room (and larger text): the wall's list gets 40% of it.
  ImGui::SetNextWindowSize(worldPanel
                               ? ImVec2(display.x * 0.4F, display.y * 0.62F)
                               : ImVec2(std::min(300.0F, display.x * 0.3F), display.y * 0.5F),
                           ImGuiCond_FirstUseEver);
  if (!beginWindow("For you", &showForYou)) return;
  if (!session.guideRunning()) {
    ImGui::TextWrapped("The shopping guide is off: %s", session.guideError().c_str());
    ImGui::End();
    return;
  }
  const rec::ShelfPlan* plan = session.appliedPlan();
  if (plan) {
    for (const rec::Promotion& promo : plan->promotions) {
      ImGui::TextColored(ImVec4(1.0F, 0.8F, 0.3F, 1.0F), "%s", promo.text.c_str());
    }
    if (!plan->promotions.empty()) ImGui::Separator();
  }
  int row = 0;
  for (int p : session.forYou()) {
    const ProductInfo& info = session.info(p);
    if (info.itemId.empty()) continue;
    ImGui::PushID(row++);
    char label[160];
    std::snprintf(label, sizeof label, "%s  %s", info.name.c_str(), money(info.price).c_str());
    if (ImGui::Selectable(label, session.selected() == p)) session.select(p);
    if (!info.reasons.empty()) ImGui::TextDisabled("  %s", info.reasons.front().text.c_str());
    ImGui::PopID();
  }
  if (row == 0) ImGui::TextDisabled("Look around: suggestions appear here.");
  ImGui::End();
}

void ShopUi::drawAvatar(ShoppingSession& session) {
  ImGui::SetNextWindowPos(ImVec2(320.0F, 30.0F), ImGuiCond_FirstUseEver);
  if (!beginWindow("Avatar", &showAvatar, ImGuiWindowFlags_AlwaysAutoResize)) return;
  AvatarProfile a = session.avatar();
  ImGui::SliderInt("Height (cm)", &a.heightCm, 140, 210);
  int build = indexOf(kBuilds, a.build);
  if (ImGui::Combo("Build", &build, kBuilds, IM_ARRAYSIZE(kBuilds))) a.build = kBuilds[build];
  int size = indexOf(kSizes, a.size);
  if (ImGui::Combo("Size", &size, kSizes, IM_ARRAYSIZE(kSizes))) a.size = kSizes[size];
  int tone = indexOf(kSkinTones, a.skinTone);
  if (ImGui::Combo("Skin tone", &tone, kSkinTones, IM_ARRAYSIZE(kSkinTones))) {
    a.skinTone = kSkinTones[tone];
  }
  int gender = a.gender.empty() ? 2 : indexOf(kGenders, a.gender);
  if (ImGui::Combo("Shop for", &gender, kGenders, IM_ARRAYSIZE(kGenders))) {
    a.gender = gender == 2 ? std::string() : std::string(kGenders[gender]);
  }
  ImGui::TextDisabled("Style preferences");
  for (size_t s = 0; s < IM_ARRAYSIZE(kStyles); ++s) {
    if (s % 4 != 0) ImGui::SameLine();
    bool on = a.styles.count(kStyles[s]) != 0;
    if (ImGui::Checkbox(kStyles[s], &on)) {
      if (on) {
        a.styles.insert(kStyles[s]);
      } else {
        a.styles.erase(kStyles[s]);
      }
    }
  }
  ImGui::SliderInt("Budget", &a.budget, 0, 500, a.budget == 0 ? "no limit" : "%d");
  session.setAvatar(a);  // a no-op unless something changed
  ImGui::End();
}

void ShopUi::drawCart(ShoppingSession& session, glm::vec2 windowSize) {
  ImGui::SetNextWindowPos(ImVec2(10.0F, windowSize.y - 10.0F), ImGuiCond_FirstUseEver,
                          ImVec2(0.0F, 1.0F));
  ImGui::SetNextWindowSize(worldPanel ? ImVec2(windowSize.x * 0.4F, windowSize.y * 0.3F)
                                      : ImVec2(std::min(300.0F, windowSize.x * 0.3F), 120.0F),
                           ImGuiCond_FirstUseEver);
  if (!beginWindow("Cart", &showCart)) return;
  const auto& cart = session.cart();
  if (cart.empty()) ImGui::TextDisabled("Empty.");
  for (size_t i = 0; i < cart.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::SmallButton("x")) {
      session.removeFromCart(i);
      ImGui::PopID();
      break;
    }
    ImGui::SameLine();
    const CartLine& l = cart[i];
    ImGui::Text("%s %s %s  %s", l.name.c_str(), l.size.c_str(), l.colourway.c_str(),
                money(l.price).c_str());
    ImGui::PopID();
  }
  ImGui::Separator();
  ImGui::Text("Total %s", money(session.cartTotal()).c_str());
  if (!cart.empty()) {
    ImGui::SameLine();
    if (ImGui::Button("Buy")) session.checkout();
  }
  if (!session.triedOn().empty())
    ImGui::TextDisabled("Tried on: %s", session.triedOn().front().c_str());
  ImGui::End();
}

void ShopUi::drawPerf(const FramePerf& perf, const ShoppingSession& session, glm::vec2 windowSize) {
  ImGui::SetNextWindowPos(ImVec2(windowSize.x - 10.0F, windowSize.y - 10.0F), ImGuiCond_Always,
                          ImVec2(1.0F, 1.0F));
  ImGui::SetNextWindowBgAlpha(0.6F);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                 ImGuiWindowFlags_NoSavedSettings |
                                 ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav;
  if (!beginWindow("Performance", nullptr, flags)) return;
  // The graph in time order: the oldest sample first.
  std::array<float, kHistory> ordered{};
  for (size_t i = 0; i < historyCount_; ++i) {
    ordered[i] = frameHistory_[(historyNext_ + kHistory - historyCount_ + i) % kHistory];
  }
  char overlay[64];
  std::snprintf(overlay, sizeof overlay, "%.1f ms (%.0f fps)", perf.frameMs,
                perf.frameMs > 0 ? 1000.0 / perf.frameMs : 0.0);
  ImGui::PlotLines("##frame", ordered.data(), static_cast<int>(historyCount_), 0, overlay, 0.0F,
                   50.0F, ImVec2(220.0F, 50.0F));
  ImGui::Text("render cpu %.2f ms  shop %.3f ms  ui %.2f ms", perf.renderCpuMs, perf.sessionMs,
              perf.uiMs);
  ImGui::Text("draw calls %u  instances %u/%u  tris %llu", perf.stats.drawCalls,
              perf.stats.instancesDrawn, perf.stats.instancesTotal,
              static_cast<unsigned long long>(perf.stats.triangles));
  const SessionCounters& c = session.counters();
  const rec::ShelfPlan* plan = session.appliedPlan();
  ImGui::Text("guide: %zu events, %zu plans, %zu swaps, plan %.2f ms", c.eventsPosted,
              c.plansApplied, c.slotsSwapped, plan ? plan->compute_us / 1000.0 : 0.0);
  ImGui::End();
}

void ShopUi::drawPrivacy(ShoppingSession& session) {
  ImGui::SetNextWindowPos(ImVec2(320.0F, 300.0F), ImGuiCond_FirstUseEver);
  if (!beginWindow("Privacy", &showPrivacy, ImGuiWindowFlags_AlwaysAutoResize)) return;
  ImGui::TextWrapped(
      "Where you look stays on this device: the shopping guide runs here, and "
      "nothing is sent anywhere. Raw gaze is never stored: only looks longer than half a "
      "second, with what you picked up, tried on and bought.");
  bool gaze = session.gazeTracking();
  if (ImGui::Checkbox("Use where I look for suggestions", &gaze)) session.setGazeTracking(gaze);
  if (ImGui::Button("Forget me")) {
    session.forgetMe();
    privacyMessage_ = session.saver() != nullptr
                          ? "Deleted: your profile, history and cart, here and on disk."
                          : "Cleared this visit's looks, try-ons, cart and history.";
  }
  ImGui::SameLine();
  if (session.saver() != nullptr && ImGui::Button("Export my data")) {
    std::string error;
    const auto file = session.exportMyData(error);
    privacyMessage_ = file ? "Written to " + file->string() : "Not exported: " + error;
  }
  if (session.saver() != nullptr) {
    ImGui::TextDisabled("Kept in %s (history: %d days)",
                        session.saver()->store().file().string().c_str(),
                        static_cast<int>(ShopperStore::kHistoryDays));
  }
  if (!privacyMessage_.empty()) ImGui::TextWrapped("%s", privacyMessage_.c_str());
  ImGui::End();
}

// First start with a profile: gaze tracking is off until the shopper says yes.
void ShopUi::drawConsent(ShoppingSession& session) {
  if (!session.needsGazeConsent()) return;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5F, display.y * 0.4F), ImGuiCond_Appearing,
                          ImVec2(0.5F, 0.5F));
  ImGui::SetNextWindowSize(ImVec2(std::min(460.0F, display.x * 0.9F), 0.0F), ImGuiCond_Always);
  if (!beginWindow("Welcome to vrmall", nullptr,
                   ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings))
    return;
  ImGui::TextWrapped(
      "May the shopping guide use where you look to choose what it shows you? Looks stay on "
      "this device, raw gaze is never stored, and you can switch this off or delete "
      "everything at any time (Panels > Privacy).");
  if (ImGui::Button("Yes, use where I look")) session.setGazeTracking(true);
  ImGui::SameLine();
  if (ImGui::Button("No thanks")) session.setGazeTracking(false);
  if (!session.profileProblem().empty()) {
    ImGui::TextColored(ImVec4(1.0F, 0.6F, 0.3F, 1.0F), "%s", session.profileProblem().c_str());
  }
  ImGui::End();
}

// The search box: what the shopper typed, what the guide understood of it (and what not), and
// the items, each with why it matches; a click opens the card of one on display.
void ShopUi::drawSearch(ShoppingSession& session) {
  ImGui::SetNextWindowPos(ImVec2(330.0F, 60.0F), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(420.0F, 360.0F), ImGuiCond_FirstUseEver);
  if (!beginWindow("Search", &showSearch)) return;
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  const bool submit =
      ImGui::InputTextWithHint("##query", "red summer dress under 300", query_.data(),
                               query_.size(), ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if ((ImGui::Button("Search") || submit) && query_[0] != '\0') {
    search_ = session.search(query_.data());
  }
  if (!search_) {
    ImGui::TextDisabled(
        "English or Chinese: \"men's navy chinos size 32\", \"floral maxi skirt under 60\"");
    ImGui::End();
    return;
  }
  const rec::ShoppingIntent& in = search_->intent;
  std::string understood;
  const auto add = [&](const std::string& s) {
    understood += (understood.empty() ? "" : " | ") + s;
  };
  for (const auto& c : in.categories) add(c);
  for (const auto& c : in.colors) add(c);
  for (const auto& m : in.materials) add(m);
  if (in.style) add(*in.style);
  if (in.season) add(*in.season);
  if (in.occasion) add("for " + *in.occasion);
  if (in.gender) add(*in.gender);
  if (in.size) add("size " + *in.size);
  if (in.price_min && in.price_max) {
    add(money(*in.price_min) + "-" + money(*in.price_max));
  } else if (in.price_max) {
    add("under " + money(*in.price_max));
  } else if (in.price_min) {
    add("over " + money(*in.price_min));
  }
  for (const auto& m : in.modifiers) add(m);
  ImGui::TextWrapped("Understood: %s", understood.empty() ? "(nothing)" : understood.c_str());
  if (!in.unknown.empty()) {
    std::string words;
    for (const auto& w : in.unknown) words += (words.empty() ? "" : ", ") + w;
    ImGui::TextDisabled("Not understood: %s", words.c_str());
  }
  ImGui::Separator();
  const rec::SearchResults& r = search_->results;
  if (r.hits.empty()) ImGui::TextWrapped("%s", r.empty_reason.c_str());
  for (size_t h = 0; h < r.hits.size(); ++h) {
    const rec::SearchHit& hit = r.hits[h];
    const int product = search_->products[h];
    ImGui::PushID(static_cast<int>(h));
    char label[200];
    std::snprintf(label, sizeof label, "%s  %s%s", hit.name.c_str(), money(hit.price).c_str(),
                  product < 0 ? "  (not on display)" : "");
    if (ImGui::Selectable(label, product >= 0 && product == session.selected()) && product >= 0) {
      session.select(product);
    }
    std::string why;
    for (const auto& reason : hit.reasons) why += (why.empty() ? "" : ", ") + reason;
    if (!why.empty()) ImGui::TextDisabled("   %s", why.c_str());
    ImGui::PopID();
  }
  ImGui::End();
}

}  // namespace vrmall::app
