#pragma once
// Interaction: one event of the USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE schema.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "vrmall/rec/data/attribute_table.h"
#include "vrmall/rec/data/id_map.h"

namespace vrmall::rec {

enum class EventType : uint8_t {
  Rating,
  GazeDwell,
  View,
  PickUp,
  TryOn,
  AddToCart,
  Purchase,
  Other
};
EventType eventTypeFromString(std::string_view name);
const char* toString(EventType type);

struct Interaction {
  int32_t user = -1;
  int32_t item = -1;
  int64_t timestamp = 0;  // Unix seconds
  EventType type = EventType::Other;
  float value = 1.0f;  // rating, dwell milliseconds, or 1
};

// Reads an interactions CSV. Users and items are registered in the maps; unknown item ids are
// added too (a catalogue file, when given, is loaded first). Throws DataError for bad rows unless
// options.skip_bad_rows, in which case they are counted in the report.
std::vector<Interaction> loadInteractions(const std::string& path, IdMap& users, IdMap& items,
                                          const LoadOptions& options = {},
                                          LoadReport* report = nullptr);
std::vector<Interaction> parseInteractions(const std::string& text, const std::string& name,
                                           IdMap& users, IdMap& items,
                                           const LoadOptions& options = {},
                                           LoadReport* report = nullptr);

}  // namespace vrmall::rec
