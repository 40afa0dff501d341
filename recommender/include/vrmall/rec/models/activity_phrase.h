#pragma once
// Shopper-facing phrases for "because you ..." reasons, from the strongest event a shopper had
// with an item: "because you looked at Linen Shirt for 3.2 s", "because you tried on ...".
#include <string>

#include "vrmall/rec/models/model.h"

namespace vrmall::rec {

std::string becauseYou(const UserContext& user, int32_t item, const Dataset& data);

}  // namespace vrmall::rec
