#include "vrmall/rec/data/size_match.h"

#include "vrmall/rec/data/text_util.h"

namespace vrmall::rec {
namespace {

// The one rule, shared by matchSize() and SizeIndex. Which of the shopper's sizes an item calls
// for: 0 clothing (SIZE), 1 shoes (SHOE_SIZE, numeric sizes), -1 none (no sizes listed, or sold
// in one size). `one` and `numeric` say so of a size code.
template <class One, class Numeric>
int8_t sizeKind(const Column& sizes, int32_t item, const One& one, const Numeric& numeric) {
  const auto [b, e] = sizes.bag(item);
  if (b == e) return -1;
  for (auto c = b; c != e; ++c) {
    if (one(*c)) return -1;
  }
  return numeric(*b) ? 1 : 0;
}

bool oneSize(const std::string& v) {
  return v == "one-size" || v == "one size" || v == "os";
}

SizeIndex::ShopperSizes readShopperSizes(
    const Column& sizes, const std::unordered_map<std::string, std::string>& attributes) {
  SizeIndex::ShopperSizes out;
  const char* keys[2] = {"SIZE", "SHOE_SIZE"};
  for (int k = 0; k < 2; ++k) {
    const auto it = attributes.find(keys[k]);
    if (it == attributes.end() || trim(it->second).empty()) continue;
    out.size[k] = std::string(trim(it->second));
    out.code[k] = sizes.findCode(out.size[k]).value_or(-1);
  }
  return out;
}

bool hasCode(const Column& sizes, int32_t item, int32_t code) {
  for (auto [b, e] = sizes.bag(item); b != e; ++b) {
    if (*b == code) return true;
  }
  return false;
}

}  // namespace

SizeMatch matchSize(const Column* sizes, int32_t item,
                    const std::unordered_map<std::string, std::string>& attributes) {
  SizeMatch m;
  if (!sizes) return m;
  const auto& dict = sizes->dictionary;
  const int8_t k = sizeKind(
      *sizes, item, [&](int32_t c) { return oneSize(dict[static_cast<size_t>(c)]); },
      [&](int32_t c) { return parseNumber(dict[static_cast<size_t>(c)]).has_value(); });
  if (k < 0) return m;
  const auto shopper = readShopperSizes(*sizes, attributes);
  if (shopper.size[k].empty()) return m;
  m.applies = true;
  m.size = shopper.size[k];
  m.fits = hasCode(*sizes, item, shopper.code[k]);
  return m;
}

SizeIndex::SizeIndex(const Column* sizes) : sizes_(sizes) {
  if (!sizes) return;
  // Per code first, so the rule reads integers per item.
  std::vector<uint8_t> numeric(sizes->dictionary.size()), one(sizes->dictionary.size());
  for (size_t c = 0; c < sizes->dictionary.size(); ++c) {
    numeric[c] = parseNumber(sizes->dictionary[c]).has_value();
    one[c] = oneSize(sizes->dictionary[c]);
  }
  kind_.resize(sizes->rows());
  for (size_t i = 0; i < kind_.size(); ++i) {
    kind_[i] = sizeKind(
        *sizes, static_cast<int32_t>(i),
        [&](int32_t c) { return one[static_cast<size_t>(c)] != 0; },
        [&](int32_t c) { return numeric[static_cast<size_t>(c)] != 0; });
  }
}

void SizeIndex::excludeNotFitting(const std::unordered_map<std::string, std::string>& attributes,
                                  std::vector<uint8_t>& excluded) const {
  if (!sizes_) return;
  const ShopperSizes shopper = shopperSizes(attributes);
  for (size_t i = 0; i < kind_.size() && i < excluded.size(); ++i) {
    const Fit f = fit(shopper, static_cast<int32_t>(i));
    if (f.applies && !f.fits) excluded[i] = 1;
  }
}

void SizeIndex::markApplicable(const std::unordered_map<std::string, std::string>& attributes,
                               std::vector<uint8_t>& applies) const {
  const ShopperSizes shopper = shopperSizes(attributes);
  for (size_t i = 0; i < kind_.size() && i < applies.size(); ++i) {
    applies[i] = fit(shopper, static_cast<int32_t>(i)).applies;
  }
}

SizeIndex::ShopperSizes SizeIndex::shopperSizes(
    const std::unordered_map<std::string, std::string>& attributes) const {
  return sizes_ ? readShopperSizes(*sizes_, attributes) : ShopperSizes{};
}

SizeIndex::Fit SizeIndex::fit(const ShopperSizes& shopper, int32_t item) const {
  Fit f;
  if (item < 0 || static_cast<size_t>(item) >= kind_.size()) return f;
  const int8_t k = kind_[static_cast<size_t>(item)];
  if (k < 0 || shopper.size[k].empty()) return f;
  f.applies = true;
  f.size = &shopper.size[k];
  f.fits = hasCode(*sizes_, item, shopper.code[k]);
  return f;
}

}  // namespace vrmall::rec
