#include "vrmall/rec/reason_drafts.h"

#include <algorithm>

namespace vrmall::rec {

uint32_t ReasonDrafts::phrase(std::string text) {
  const auto [it, added] = phrase_ids_.try_emplace(text, static_cast<uint32_t>(phrases_.size()));
  if (added) phrases_.push_back(std::move(text));
  return it->second;
}

uint16_t ReasonDrafts::source(const std::string& model_kind) {
  const auto it = std::find(sources_.begin(), sources_.end(), model_kind);
  if (it != sources_.end()) return static_cast<uint16_t>(it - sources_.begin());
  sources_.push_back(model_kind);
  return static_cast<uint16_t>(sources_.size() - 1);
}

std::vector<std::vector<Reason>> ReasonDrafts::render(size_t items) const {
  std::vector<std::vector<Reason>> out(items);
  for (const auto& d : drafts_) {
    if (d.item < items) out[d.item].push_back(reason(d));
  }
  return out;
}

}  // namespace vrmall::rec
