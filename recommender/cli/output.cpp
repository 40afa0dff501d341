#include "output.h"

#include <iomanip>

namespace vrmall::rec::cli {

nlohmann::json toJson(const std::vector<Recommendation>& list) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : list) {
    nlohmann::json reasons = nlohmann::json::array();
    for (const auto& reason : r.reasons)
      reasons.push_back({{"text", reason.text}, {"source", reason.source}});
    out.push_back({{"item", r.id}, {"name", r.name}, {"score", r.score}, {"reasons", reasons}});
  }
  return out;
}

void printText(std::ostream& out, const std::vector<Recommendation>& list) {
  int rank = 1;
  for (const auto& r : list) {
    out << std::setw(3) << rank++ << ". " << r.name << "  [" << r.id << "]  score " << std::fixed
        << std::setprecision(3) << r.score << "\n";
    for (const auto& reason : r.reasons) out << "       - " << reason.text << "\n";
  }
  if (list.empty()) out << "  (nothing matches)\n";
}

}  // namespace vrmall::rec::cli
