#include "vrmall/rec/guide/store_layout.h"

#include <fstream>
#include <nlohmann/json.hpp>

#include "vrmall/rec/data/data_error.h"

namespace vrmall::rec {
namespace {

using nlohmann::json;

void addSlot(StoreSlots& out, const json& slot, const std::string& group, const std::string& gender,
             const IdMap& items, const std::string& where, bool showcase = false) {
  if (!slot.is_object() || !slot.contains("id")) throw DataError(where + ": slot without an id");
  SlotSpec spec;
  spec.id = slot["id"].get<std::string>();
  spec.group = group;
  spec.gender = gender;
  if (slot.contains("kinds")) spec.kinds = slot["kinds"].get<std::vector<std::string>>();
  spec.visibility = slot.value("visibility", 1.0f);
  spec.outfit_role = slot.value("outfit", std::string());
  spec.showcase = showcase;
  SlotState state;
  if (slot.contains("item") && slot["item"].is_string()) {
    if (auto i = items.find(slot["item"].get<std::string>())) state.item = *i;
  }
  out.slots.push_back(std::move(spec));
  out.state.push_back(state);
}

}  // namespace

StoreSlots loadStoreSlots(const std::string& path, const IdMap& items, bool shelves) {
  std::ifstream in(path);
  if (!in) throw DataError(path + ": cannot open layout");
  json layout;
  try {
    layout = json::parse(in);
  } catch (const json::parse_error& e) {
    throw DataError(path + ": not valid JSON: " + e.what());
  }
  StoreSlots out;
  try {
    if (layout.contains("for_you_wall")) {
      const auto& wall = layout["for_you_wall"];
      const std::string group = wall.value("id", std::string("for-you"));
      for (size_t n = 0; n < wall["slots"].size(); ++n) {
        addSlot(out, wall["slots"][n], group, "", items,
                path + ": for_you_wall.slots[" + std::to_string(n) + "]");
      }
    }
    if (layout.contains("mannequins")) {
      for (size_t m = 0; m < layout["mannequins"].size(); ++m) {
        const auto& q = layout["mannequins"][m];
        for (size_t n = 0; n < q["slots"].size(); ++n) {
          addSlot(
              out, q["slots"][n], q.value("id", "MQ" + std::to_string(m)),
              q.value("gender", std::string()), items,
              path + ": mannequins[" + std::to_string(m) + "].slots[" + std::to_string(n) + "]");
        }
      }
    }
    if (layout.contains("showcase")) {
      const auto& stage = layout["showcase"];
      const std::string group = stage.value("id", std::string("showcase"));
      for (size_t n = 0; n < stage["slots"].size(); ++n) {
        addSlot(out, stage["slots"][n], group, "", items,
                path + ": showcase.slots[" + std::to_string(n) + "]", true);
      }
    }
    if (shelves && layout.contains("departments")) {
      for (const auto& d : layout["departments"]) {
        for (const auto& a : d.value("aisles", json::array())) {
          for (const auto& sh : a.value("shelves", json::array())) {
            for (const auto& slot : sh.value("slots", json::array())) {
              addSlot(out, slot, sh.value("id", std::string("shelf")), "", items,
                      path + ": shelf " + sh.value("id", std::string()));
            }
          }
        }
      }
    }
    for (const auto& sign : layout.value("promo_signs", json::array())) {
      out.promo_signs.push_back(sign.at("id").get<std::string>());
    }
  } catch (const json::exception& e) {
    throw DataError(path + ": unexpected layout structure: " + e.what());
  }
  return out;
}

}  // namespace vrmall::rec
