#include "vrmall/engine/xr/controller_bindings.h"

namespace vrmall::engine::xr {
namespace {

// Both hands get the same component, e.g. both("/input/aim/pose").
void both(std::vector<Binding>& out, ShopAction action, std::string_view left,
          std::string_view right) {
  out.push_back({action, left});
  out.push_back({action, right});
}

#define VRM_BOTH(action, component) \
  both(b, action, "/user/hand/left" component, "/user/hand/right" component)

std::vector<ProfileBindings> makeBindings() {
  std::vector<ProfileBindings> all;
  {
    // The lowest common profile: select and menu buttons only (no squeeze, no stick).
    std::vector<Binding> b;
    VRM_BOTH(ShopAction::Select, "/input/select/click");
    VRM_BOTH(ShopAction::Menu, "/input/menu/click");
    VRM_BOTH(ShopAction::Aim, "/input/aim/pose");
    VRM_BOTH(ShopAction::Haptic, "/output/haptic");
    all.push_back({"/interaction_profiles/khr/simple_controller", std::move(b)});
  }
  {
    // Touch: the menu button is on the left controller only (the right one's is the system's).
    std::vector<Binding> b;
    VRM_BOTH(ShopAction::Select, "/input/trigger/value");
    VRM_BOTH(ShopAction::Grab, "/input/squeeze/value");
    VRM_BOTH(ShopAction::Stick, "/input/thumbstick");
    b.push_back({ShopAction::Menu, "/user/hand/left/input/menu/click"});
    VRM_BOTH(ShopAction::Aim, "/input/aim/pose");
    VRM_BOTH(ShopAction::Haptic, "/output/haptic");
    all.push_back({"/interaction_profiles/oculus/touch_controller", std::move(b)});
  }
  {
    std::vector<Binding> b;
    VRM_BOTH(ShopAction::Select, "/input/trigger/click");
    VRM_BOTH(ShopAction::Grab, "/input/squeeze/value");
    VRM_BOTH(ShopAction::Stick, "/input/thumbstick");
    VRM_BOTH(ShopAction::Menu, "/input/b/click");
    VRM_BOTH(ShopAction::Aim, "/input/aim/pose");
    VRM_BOTH(ShopAction::Haptic, "/output/haptic");
    all.push_back({"/interaction_profiles/valve/index_controller", std::move(b)});
  }
  {
    // Vive wands: the trackpad is the stick.
    std::vector<Binding> b;
    VRM_BOTH(ShopAction::Select, "/input/trigger/click");
    VRM_BOTH(ShopAction::Grab, "/input/squeeze/click");
    VRM_BOTH(ShopAction::Stick, "/input/trackpad");
    VRM_BOTH(ShopAction::Menu, "/input/menu/click");
    VRM_BOTH(ShopAction::Aim, "/input/aim/pose");
    VRM_BOTH(ShopAction::Haptic, "/output/haptic");
    all.push_back({"/interaction_profiles/htc/vive_controller", std::move(b)});
  }
  {
    std::vector<Binding> b;
    VRM_BOTH(ShopAction::Select, "/input/trigger/value");
    VRM_BOTH(ShopAction::Grab, "/input/squeeze/click");
    VRM_BOTH(ShopAction::Stick, "/input/thumbstick");
    VRM_BOTH(ShopAction::Menu, "/input/menu/click");
    VRM_BOTH(ShopAction::Aim, "/input/aim/pose");
    VRM_BOTH(ShopAction::Haptic, "/output/haptic");
    all.push_back({"/interaction_profiles/microsoft/motion_controller", std::move(b)});
  }
  return all;
}

#undef VRM_BOTH

}  // namespace

std::string_view actionName(ShopAction action) {
  switch (action) {
    case ShopAction::Select:
      return "select";
    case ShopAction::Grab:
      return "grab";
    case ShopAction::Stick:
      return "stick";
    case ShopAction::Menu:
      return "menu";
    case ShopAction::Aim:
      return "aim";
    case ShopAction::Haptic:
      return "haptic";
  }
  return "unknown";
}

const std::vector<ProfileBindings>& suggestedBindings() {
  static const std::vector<ProfileBindings> bindings = makeBindings();
  return bindings;
}

}  // namespace vrmall::engine::xr
