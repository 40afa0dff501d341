// The shopping actions and their suggested bindings per interaction profile, as plain data so a
// test can check every path against the OpenXR 1.0 spec's list for its profile. One
// xrSuggestInteractionProfileBindings call per profile; a profile the runtime rejects is a
// warning (the others still apply).
//
//   select   trigger (simple: select)   opens a product card, presses panel buttons
//   grab     squeeze                    picks a product up (a pick_up event)
//   stick    thumbstick / trackpad      right: teleport (push forward, release), snap turn
//                                       (flick left/right); left: smooth locomotion (optional)
//   menu     menu / b button            shows or hides the panels
//   aim      aim pose                   the pointer ray
//   haptic   haptic output              a tick on select
#pragma once

#include <array>
#include <string_view>
#include <vector>

namespace vrmall::engine::xr {

enum class ShopAction { Select, Grab, Stick, Menu, Aim, Haptic };
inline constexpr std::array<ShopAction, 6> kShopActions = {ShopAction::Select, ShopAction::Grab,
                                                           ShopAction::Stick,  ShopAction::Menu,
                                                           ShopAction::Aim,    ShopAction::Haptic};

// The action's name in the action set ("select"), as xrCreateAction wants it.
std::string_view actionName(ShopAction action);

struct Binding {
  ShopAction action;
  std::string_view path;  // full path: "/user/hand/right/input/trigger/value"
};

struct ProfileBindings {
  std::string_view profile;  // "/interaction_profiles/oculus/touch_controller"
  std::vector<Binding> bindings;
};

// khr/simple_controller, oculus/touch_controller, valve/index_controller, htc/vive_controller,
// microsoft/motion_controller.
const std::vector<ProfileBindings>& suggestedBindings();

}  // namespace vrmall::engine::xr
