#pragma once
// Dataset: everything loaded from the three CSV files, indexed densely.
#include <optional>
#include <string>
#include <vector>

#include "vrmall/rec/data/attribute_table.h"
#include "vrmall/rec/data/id_map.h"
#include "vrmall/rec/data/interaction.h"

namespace vrmall::rec {

struct Dataset {
  IdMap users;
  IdMap items;
  AttributeTable item_attributes;  // rows by item index
  AttributeTable user_attributes;  // rows by user index
  std::vector<Interaction> events;

  int32_t numUsers() const { return users.size(); }
  int32_t numItems() const { return items.size(); }
  // Pads attribute tables after ids were added by interactions.
  void syncSizes();
  // The item's display name: NAME or TITLE when the catalogue has one, else its id.
  std::string itemName(int32_t item) const;

 private:
  mutable int name_column_ = -2;  // index of NAME/TITLE in item_attributes, found on first use
};

struct DatasetFiles {
  std::string interactions;  // required
  std::string items;         // optional
  std::string users;         // optional
};

struct DatasetLoadReport {
  LoadReport interactions, items, users;
};

// Loads catalogue and users first (so their order fixes the indices), then the interactions.
Dataset loadDataset(const DatasetFiles& files, const LoadOptions& options = {},
                    DatasetLoadReport* report = nullptr);

}  // namespace vrmall::rec
