#pragma once
// ReasonDrafts: the reasons for many items, drafted before any of them is put into words. A draft
// names a phrase in a table the parts of a blend share ("because you looked at the linen shirt
// for 2 s" is written once, not once per item it explains), so a shelf plan with dozens of items
// writes only the few reasons per item that are kept.
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "vrmall/rec/models/model.h"

namespace vrmall::rec {

struct ReasonDraft {
  uint32_t item = 0;    // position in the list of items asked about
  uint32_t phrase = 0;  // index into ReasonDrafts::phrases
  float weight = 0.0f;
  uint16_t source = 0;  // index into ReasonDrafts::sources
};

class ReasonDrafts {
 public:
  // The id of a phrase, added on first use; the same words always get the same id.
  uint32_t phrase(std::string text);
  uint16_t source(const std::string& model_kind);
  void add(size_t item, uint32_t phrase, float weight, uint16_t source) {
    drafts_.push_back({static_cast<uint32_t>(item), phrase, weight, source});
  }

  std::vector<ReasonDraft>& drafts() { return drafts_; }
  const std::vector<ReasonDraft>& drafts() const { return drafts_; }
  const std::string& text(const ReasonDraft& d) const { return phrases_[d.phrase]; }
  Reason reason(const ReasonDraft& d) const {
    return {phrases_[d.phrase], d.weight, sources_[d.source]};
  }
  // Every draft in words: out[n] holds item n's reasons in the order they were drafted.
  std::vector<std::vector<Reason>> render(size_t items) const;

 private:
  std::vector<ReasonDraft> drafts_;
  std::deque<std::string> phrases_;  // stable: phrase_ids_ views them
  std::vector<std::string> sources_;
  std::unordered_map<std::string_view, uint32_t> phrase_ids_;
};

}  // namespace vrmall::rec
