#include "vrmall/rec/data/interaction.h"

#include <algorithm>

#include "vrmall/rec/data/csv_reader.h"
#include "vrmall/rec/data/data_error.h"
#include "vrmall/rec/data/text_util.h"

namespace vrmall::rec {
namespace {
constexpr size_t kMaxReportedProblems = 20;
}

EventType eventTypeFromString(std::string_view name) {
  const std::string n = toLower(trim(name));
  if (n == "rating") return EventType::Rating;
  if (n == "gaze_dwell" || n == "dwell") return EventType::GazeDwell;
  if (n == "view" || n == "click") return EventType::View;
  if (n == "pick_up" || n == "pickup") return EventType::PickUp;
  if (n == "try_on" || n == "tryon") return EventType::TryOn;
  if (n == "add_to_cart" || n == "cart") return EventType::AddToCart;
  if (n == "purchase" || n == "buy") return EventType::Purchase;
  return EventType::Other;
}

const char* toString(EventType type) {
  switch (type) {
    case EventType::Rating:
      return "rating";
    case EventType::GazeDwell:
      return "gaze_dwell";
    case EventType::View:
      return "view";
    case EventType::PickUp:
      return "pick_up";
    case EventType::TryOn:
      return "try_on";
    case EventType::AddToCart:
      return "add_to_cart";
    case EventType::Purchase:
      return "purchase";
    case EventType::Other:
      return "other";
  }
  return "other";
}

namespace {

std::vector<Interaction> parse(CsvReader reader, IdMap& users, IdMap& items,
                               const LoadOptions& options, LoadReport* report) {
  std::vector<std::string> fields;
  if (!reader.next(fields))
    throw DataError(reader.name(), 1, 0, "empty file: expected a header row");
  const int64_t header_line = reader.recordLine();
  int user_col = -1, item_col = -1, time_col = -1, type_col = -1, value_col = -1;
  for (size_t c = 0; c < fields.size(); ++c) {
    std::string name = toLower(trim(fields[c]));
    if (const auto colon = name.find(':'); colon != std::string::npos) name.resize(colon);
    const int index = static_cast<int>(c);
    if (name == "user_id")
      user_col = index;
    else if (name == "item_id")
      item_col = index;
    else if (name == "timestamp")
      time_col = index;
    else if (name == "event_type")
      type_col = index;
    else if (name == "event_value")
      value_col = index;
  }
  if (user_col < 0 || item_col < 0) {
    throw DataError(reader.name(), header_line, 0,
                    "header must name USER_ID and ITEM_ID (schema: "
                    "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE)");
  }
  const size_t width = fields.size();

  LoadReport local;
  std::vector<Interaction> out;
  const auto reject = [&](const DataError& error) {
    if (!options.skip_bad_rows) throw error;
    ++local.skipped;
    if (local.problems.size() < kMaxReportedProblems) local.problems.push_back(error.what());
  };
  while (true) {
    try {
      if (!reader.next(fields)) break;
    } catch (const DataError& error) {
      reject(error);  // the reader resumed at the next line
      continue;
    }
    const int64_t line = reader.recordLine();
    if (fields.size() != width) {
      reject(DataError(
          reader.name(), line, static_cast<int>(std::min(fields.size(), width) + 1),
          "expected " + std::to_string(width) + " fields, found " + std::to_string(fields.size())));
      continue;
    }
    const auto user = trim(fields[static_cast<size_t>(user_col)]);
    const auto item = trim(fields[static_cast<size_t>(item_col)]);
    if (user.empty()) {
      reject(DataError(reader.name(), line, user_col + 1, "empty USER_ID"));
      continue;
    }
    if (item.empty()) {
      reject(DataError(reader.name(), line, item_col + 1, "empty ITEM_ID"));
      continue;
    }
    Interaction event;
    if (time_col >= 0) {
      const auto& raw = fields[static_cast<size_t>(time_col)];
      const auto ts = parseInteger(raw);
      if (!ts && !trim(raw).empty()) {
        reject(DataError(reader.name(), line, time_col + 1,
                         "TIMESTAMP must be whole Unix seconds, found '" + raw + "'"));
        continue;
      }
      event.timestamp = ts.value_or(0);
    }
    if (type_col >= 0) event.type = eventTypeFromString(fields[static_cast<size_t>(type_col)]);
    if (value_col >= 0) {
      const auto& raw = fields[static_cast<size_t>(value_col)];
      if (!trim(raw).empty()) {
        const auto v = parseNumber(raw);
        if (!v) {
          reject(DataError(reader.name(), line, value_col + 1,
                           "EVENT_VALUE must be a number, found '" + raw + "'"));
          continue;
        }
        if (*v < 0) {
          reject(DataError(reader.name(), line, value_col + 1,
                           "EVENT_VALUE must not be negative, found '" + raw + "'"));
          continue;
        }
        event.value = static_cast<float>(*v);
      }
    }
    event.user = users.add(user);
    event.item = items.add(item);
    out.push_back(event);
    ++local.rows;
  }
  if (report) *report = local;
  return out;
}

}  // namespace

std::vector<Interaction> loadInteractions(const std::string& path, IdMap& users, IdMap& items,
                                          const LoadOptions& options, LoadReport* report) {
  return parse(CsvReader::fromFile(path), users, items, options, report);
}

std::vector<Interaction> parseInteractions(const std::string& text, const std::string& name,
                                           IdMap& users, IdMap& items, const LoadOptions& options,
                                           LoadReport* report) {
  return parse(CsvReader::fromString(text, name), users, items, options, report);
}

}  // namespace vrmall::rec
