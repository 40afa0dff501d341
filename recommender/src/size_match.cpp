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

}  // namespace vrmall::rec
