#pragma once
// Prints recommendation lists as text or JSON (the one format every subcommand shares).
#include <iostream>
#include <nlohmann/json.hpp>
#include <vector>

#include "vrmall/rec/service/recommender.h"

namespace vrmall::rec::cli {

nlohmann::json toJson(const std::vector<Recommendation>& list);
void printText(std::ostream& out, const std::vector<Recommendation>& list);

}  // namespace vrmall::rec::cli
