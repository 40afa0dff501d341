#include "vrmall/rec/size_match.h"

#include "vrmall/rec/text_util.h"

namespace vrmall::rec {

SizeMatch matchSize(const Column* sizes, int32_t item,
                    const std::unordered_map<std::string, std::string>& attributes) {
  SizeMatch m;
  if (!sizes) return m;
  const auto [b, e] = sizes->bag(item);
  if (b == e) return m;
  for (auto c = b; c != e; ++c) {
    const std::string& v = sizes->dictionary[static_cast<size_t>(*c)];
    if (v == "one-size" || v == "one size" || v == "os") return m;
  }
  const bool numeric = parseNumber(sizes->dictionary[static_cast<size_t>(*b)]).has_value();
  const auto it = attributes.find(numeric ? "SHOE_SIZE" : "SIZE");
  if (it == attributes.end() || trim(it->second).empty()) return m;
  m.applies = true;
  m.size = std::string(trim(it->second));
  const std::string want = toLower(m.size);
  m.fits = false;
  for (auto c = b; c != e && !m.fits; ++c)
    m.fits = sizes->dictionary[static_cast<size_t>(*c)] == want;
  return m;
}

SizeIndex::SizeIndex(const Column* sizes) : sizes_(sizes) {
  if (!sizes) return;
  std::vector<uint8_t> numeric(sizes->dictionary.size()), one(sizes->dictionary.size());
  for (size_t c = 0; c < sizes->dictionary.size(); ++c) {
    const std::string& v = sizes->dictionary[c];
    numeric[c] = parseNumber(v).has_value();
    one[c] = v == "one-size" || v == "one size" || v == "os";
  }
  kind_.assign(sizes->rows(), kAny);
  for (size_t i = 0; i < sizes->rows(); ++i) {
    const auto [b, e] = sizes->bag(static_cast<int32_t>(i));
    if (b == e) continue;
    bool any = false;
    for (auto c = b; c != e; ++c) any = any || one[static_cast<size_t>(*c)];
    if (!any) kind_[i] = numeric[static_cast<size_t>(*b)] ? kShoes : kClothing;
  }
}

void SizeIndex::excludeNotFitting(const std::unordered_map<std::string, std::string>& attributes,
                                  std::vector<uint8_t>& excluded) const {
  if (!sizes_) return;
  // -2: the shopper gave no such size (no restriction); -1: a size no item is stocked in.
  const auto code_of = [&](const char* key) -> int32_t {
    const auto it = attributes.find(key);
    if (it == attributes.end() || trim(it->second).empty()) return -2;
    return sizes_->findCode(it->second).value_or(-1);
  };
  const int32_t clothing = code_of("SIZE"), shoes = code_of("SHOE_SIZE");
  for (size_t i = 0; i < kind_.size() && i < excluded.size(); ++i) {
    if (kind_[i] == kAny) continue;
    const int32_t want = kind_[i] == kShoes ? shoes : clothing;
    if (want == -2) continue;
    bool fits = false;
    for (auto [b, e] = sizes_->bag(static_cast<int32_t>(i)); b != e && !fits; ++b)
      fits = *b == want;
    if (!fits) excluded[i] = 1;
  }
}

void SizeIndex::markApplicable(const std::unordered_map<std::string, std::string>& attributes,
                               std::vector<uint8_t>& applies) const {
  const auto given = [&](const char* key) {
    const auto it = attributes.find(key);
    return it != attributes.end() && !trim(it->second).empty();
  };
  const bool clothing = given("SIZE"), shoes = given("SHOE_SIZE");
  for (size_t i = 0; i < kind_.size() && i < applies.size(); ++i) {
    applies[i] = (kind_[i] == kClothing && clothing) || (kind_[i] == kShoes && shoes);
  }
}

SizeIndex::ShopperSizes SizeIndex::shopperSizes(
    const std::unordered_map<std::string, std::string>& attributes) const {
  ShopperSizes out;
  const char* keys[2] = {"SIZE", "SHOE_SIZE"};
  for (int k = 0; k < 2; ++k) {
    const auto it = attributes.find(keys[k]);
    if (it == attributes.end() || trim(it->second).empty()) continue;
    out.size[k] = std::string(trim(it->second));
    const std::string want = toLower(out.size[k]);
    for (size_t c = 0; sizes_ && c < sizes_->dictionary.size(); ++c) {
      if (sizes_->dictionary[c] == want) out.code[k] = static_cast<int32_t>(c);
    }
  }
  return out;
}

SizeIndex::Fit SizeIndex::fit(const ShopperSizes& shopper, int32_t item) const {
  Fit f;
  if (item < 0 || static_cast<size_t>(item) >= kind_.size() || kind_[item] == kAny) return f;
  const int k = kind_[static_cast<size_t>(item)] == kShoes ? 1 : 0;
  if (shopper.size[k].empty()) return f;
  f.applies = true;
  f.size = &shopper.size[k];
  f.fits = false;
  for (auto [b, e] = sizes_->bag(item); b != e && !f.fits; ++b) f.fits = *b == shopper.code[k];
  return f;
}

}  // namespace vrmall::rec
