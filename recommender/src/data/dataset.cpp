#include "vrmall/rec/data/dataset.h"

#include "vrmall/rec/data/text_util.h"

namespace vrmall::rec {

void Dataset::syncSizes() {
  item_attributes.resize(static_cast<size_t>(items.size()));
  user_attributes.resize(static_cast<size_t>(users.size()));
}

std::string Dataset::itemName(int32_t item) const {
  if (name_column_ == -2) {
    name_column_ = -1;
    for (const char* column : {"NAME", "TITLE", "PRODUCTDISPLAYNAME"}) {
      if ((name_column_ = item_attributes.columnIndex(column)) >= 0) break;
    }
  }
  if (name_column_ >= 0) {
    const Column& c = item_attributes.columns()[static_cast<size_t>(name_column_)];
    if (static_cast<size_t>(item) < c.raw.size() && !c.raw[static_cast<size_t>(item)].empty()) {
      return std::string(trim(c.raw[static_cast<size_t>(item)]));
    }
  }
  return items.id(item);
}

Dataset loadDataset(const DatasetFiles& files, const LoadOptions& options,
                    DatasetLoadReport* report) {
  Dataset data;
  DatasetLoadReport local;
  if (!files.items.empty()) {
    data.item_attributes =
        AttributeTable::load(files.items, "ITEM_ID", data.items, options, &local.items);
  }
  if (!files.users.empty()) {
    data.user_attributes =
        AttributeTable::load(files.users, "USER_ID", data.users, options, &local.users);
  }
  data.events =
      loadInteractions(files.interactions, data.users, data.items, options, &local.interactions);
  data.syncSizes();
  if (report) *report = local;
  return data;
}

}  // namespace vrmall::rec
