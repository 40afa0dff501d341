#include "vrmall/rec/models/reason_drafts.h"

#include <algorithm>

namespace vrmall::rec {

uint32_t ReasonDrafts::phrase(std::string text) {
  if (const auto it = phrase_ids_.find(text); it != phrase_ids_.end()) return it->second;
  const auto id = static_cast<uint32_t>(phrases_.size());
  phrase_ids_.emplace(phrases_.emplace_back(std::move(text)), id);
  return id;
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
