#include "vrmall/rec/dataset.h"

namespace vrmall::rec {

void Dataset::syncSizes() {
  item_attributes.resize(static_cast<size_t>(items.size()));
  user_attributes.resize(static_cast<size_t>(users.size()));
}

std::string Dataset::itemName(int32_t item) const {
  for (const char* column : {"NAME", "TITLE", "PRODUCTDISPLAYNAME"}) {
    std::string name = item_attributes.value(item, column);
    if (!name.empty()) return name;
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
