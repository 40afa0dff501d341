#include "vrmall/rec/content_model.h"

#include <algorithm>
#include <cmath>

#include "vrmall/rec/size_match.h"
#include "vrmall/rec/text_util.h"

namespace vrmall::rec {

// Per usable column: a distribution over codes (bags) or mean/sd (numbers); budget is separate.
struct ContentModel::Profile {
  struct Part {
    bool active = false;
    std::vector<float> p;  // bag: code -> share
    float max_p = 0.0f;
    double mean = 0, sd = 1;
    bool explicit_value = false;  // came from the shopper's own attributes
  };
  std::vector<Part> parts;
  double budget = -1;  // BUDGET attribute, when given
  const std::unordered_map<std::string, std::string>* attributes = nullptr;  // for sizes
};

namespace {
bool skipColumn(const std::string& name) {
  return name == "MODEL" || name == "IMAGE" || name == "URL" || name == "RELEASE_DATE" ||
         name == "COLORWAYS" || name == "SIZES";
}
// The shopper attribute that speaks for an item column, when names differ.
const char* userAttributeFor(const std::string& item_column) {
  if (item_column == "STYLE") return "STYLE";
  if (item_column == "GENDER") return "GENDER";
  if (item_column == "COLOR") return "COLOR";
  return nullptr;
}
}  // namespace

nlohmann::json ContentModel::params() const {
  return {{"text_weight", text_weight_},
          {"number_weight", number_weight_},
          {"attribute_weight", attribute_weight_}};
}

void ContentModel::setParams(const nlohmann::json& p) {
  text_weight_ = p.value("text_weight", text_weight_);
  number_weight_ = p.value("number_weight", number_weight_);
  attribute_weight_ = p.value("attribute_weight", attribute_weight_);
  if (dataset_) prepare();
}

std::vector<nlohmann::json> ContentModel::searchSpace() const {
  std::vector<nlohmann::json> space;
  for (float t : {0.0f, 0.5f, 1.0f}) {
    for (float n : {0.0f, 1.0f}) space.push_back({{"text_weight", t}, {"number_weight", n}});
  }
  return space;
}

void ContentModel::prepare() {
  sizes_ = SizeIndex(dataset_->item_attributes.column("SIZES"));
  columns_.clear();
  column_weight_.clear();
  column_sd_.clear();
  const auto& cols = dataset_->item_attributes.columns();
  for (size_t c = 0; c < cols.size(); ++c) {
    const Column& col = cols[c];
    if (skipColumn(col.name)) continue;
    float w = col.type == ColumnType::Text     ? text_weight_
              : col.type == ColumnType::Number ? number_weight_
                                               : 1.0f;
    if (col.name == "PRICE") w = number_weight_;  // budget handled apart, price taste here
    if (w <= 0.0f) continue;
    double sum = 0, sq = 0, n = 0;
    for (double x : col.numbers) {
      if (std::isnan(x)) continue;
      sum += x;
      sq += x * x;
      n += 1;
    }
    const double mean = n > 0 ? sum / n : 0.0;
    columns_.push_back(static_cast<int>(c));
    column_weight_.push_back(w);
    column_sd_.push_back(n > 1 ? std::sqrt(std::max(1e-12, sq / n - mean * mean)) : 1.0);
  }
}

void ContentModel::fit(const TrainingData& data) {
  dataset_ = data.data;
  prepare();
}

ContentModel::Profile ContentModel::buildProfile(
    std::span<const ItemWeight> items,
    const std::unordered_map<std::string, std::string>* attributes) const {
  Profile prof;
  const auto& cols = dataset_->item_attributes.columns();
  prof.parts.resize(columns_.size());
  for (size_t k = 0; k < columns_.size(); ++k) {
    const Column& col = cols[static_cast<size_t>(columns_[k])];
    auto& part = prof.parts[k];
    if (col.type == ColumnType::Number) {
      double sw = 0, sum = 0, sq = 0;
      for (const auto& h : items) {
        const double x = col.number(h.item);
        if (std::isnan(x)) continue;
        sw += h.weight;
        sum += h.weight * x;
        sq += h.weight * x * x;
      }
      if (sw > 0) {
        part.active = true;
        part.mean = sum / sw;
        // A floor on the spread keeps one-item profiles from being needle-sharp.
        part.sd = std::max(std::sqrt(std::max(0.0, sq / sw - part.mean * part.mean)),
                           0.25 * column_sd_[k]);
      }
      continue;
    }
    part.p.assign(col.dictionary.size(), 0.0f);
    float total = 0;
    for (const auto& h : items) {
      const auto [b, e] = col.bag(h.item);
      if (b == e) continue;
      const float share = h.weight / static_cast<float>(e - b);
      for (auto c = b; c != e; ++c) part.p[static_cast<size_t>(*c)] += share;
      total += h.weight;
    }
    if (total > 0) {
      for (float& v : part.p) v /= total;
      part.active = true;
    }
    // The shopper's own attributes (avatar style, gender) join the history's evidence.
    const char* user_key = userAttributeFor(col.name);
    if (attributes && user_key) {
      const auto it = attributes->find(user_key);
      if (it != attributes->end()) {
        std::vector<int32_t> codes;
        for (auto v : split(it->second, '|')) {
          if (auto code = col.findCode(v)) codes.push_back(*code);
        }
        if (col.name == "GENDER") {
          if (auto unisex = col.findCode("unisex")) codes.push_back(*unisex);
        }
        if (!codes.empty()) {
          const float mass = attribute_weight_ / static_cast<float>(codes.size());
          if (!part.active) std::fill(part.p.begin(), part.p.end(), 0.0f);
          for (int32_t c : codes) part.p[static_cast<size_t>(c)] += mass;
          part.active = true;
          part.explicit_value = true;
        }
      }
    }
    if (part.active) part.max_p = *std::max_element(part.p.begin(), part.p.end());
    if (part.max_p <= 0) part.active = false;
  }
  if (attributes) {
    if (auto it = attributes->find("BUDGET"); it != attributes->end()) {
      if (auto b = parseNumber(it->second); b && *b > 0) prof.budget = *b;
    }
    prof.attributes = attributes;
  }
  return prof;
}

void ContentModel::scoreProfile(const Profile& prof, std::span<float> scores) const {
  // Column by column over the catalogue (tight loops over one column's codes), accumulating the
  // weighted similarity and the weight each item actually has a value for.
  const auto& cols = dataset_->item_attributes.columns();
  const size_t n = scores.size();
  std::vector<float> num(n, 0.0f), den(n, 0.0f);
  for (size_t k = 0; k < columns_.size(); ++k) {
    const auto& part = prof.parts[k];
    if (!part.active) continue;
    const Column& col = cols[static_cast<size_t>(columns_[k])];
    const float w = column_weight_[k];
    if (col.type == ColumnType::Number) {
      const auto mean = static_cast<float>(part.mean);
      const auto inv_sd = static_cast<float>(1.0 / part.sd);
      for (size_t i = 0; i < n && i < col.numbers.size(); ++i) {
        const auto x = static_cast<float>(col.numbers[i]);
        if (std::isnan(x)) continue;
        const float z = (x - mean) * inv_sd;
        num[i] += w * std::exp(-0.5f * z * z);
        den[i] += w;
      }
      continue;
    }
    const float inv_max = 1.0f / part.max_p;
    const float* p = part.p.data();
    const uint32_t* off = col.offsets.data();
    const int32_t* codes = col.codes.data();
    const size_t rows = std::min(n, col.offsets.size() - 1);
    for (size_t i = 0; i < rows; ++i) {
      const uint32_t b = off[i], e = off[i + 1];
      if (b == e) continue;
      float best = 0, sum = 0;
      for (uint32_t c = b; c < e; ++c) {
        const float v = p[codes[c]];
        best = std::max(best, v);
        sum += v;
      }
      // Categories: how typical the value is; sets/text: the mean share of the item's values.
      const float sim = col.type == ColumnType::Category ? best : sum / static_cast<float>(e - b);
      num[i] += w * sim * inv_max;
      den[i] += w;
    }
  }
  if (prof.budget > 0) {
    if (const Column* price = dataset_->item_attributes.column("PRICE")) {
      const auto budget = static_cast<float>(prof.budget);
      for (size_t i = 0; i < n && i < price->numbers.size(); ++i) {
        const auto x = static_cast<float>(price->numbers[i]);
        if (std::isnan(x)) continue;
        num[i] += x <= budget ? 1.0f : std::exp(-(x - budget) / (0.25f * budget));
        den[i] += 1.0f;
      }
    }
  }
  if (prof.attributes) {
    // Size counts as one more attribute: 1 when stocked in the shopper's size, 0 when not.
    std::vector<uint8_t> misfit(n, 0), applies(n, 0);
    sizes_.excludeNotFitting(*prof.attributes, misfit);
    sizes_.markApplicable(*prof.attributes, applies);
    for (size_t i = 0; i < n; ++i) {
      if (!applies[i]) continue;
      num[i] += misfit[i] ? 0.0f : 1.0f;
      den[i] += 1.0f;
    }
  }
  for (size_t i = 0; i < n; ++i) scores[i] = den[i] > 0 ? num[i] / den[i] : 0.0f;
}

void ContentModel::score(const UserContext& user, std::span<float> scores) const {
  if (!dataset_ || columns_.empty()) {
    std::fill(scores.begin(), scores.end(), 0.0f);
    if (!dataset_) return;
  }
  scoreProfile(buildProfile(user.history, &user.attributes), scores);
}

void ContentModel::scoreFromItems(std::span<const ItemWeight> items,
                                  std::span<float> scores) const {
  if (!dataset_) {
    std::fill(scores.begin(), scores.end(), 0.0f);
    return;
  }
  scoreProfile(buildProfile(items, nullptr), scores);
}

void ContentModel::explain(const UserContext& user, int32_t item, std::vector<Reason>& out) const {
  if (!dataset_) return;
  explainWith(buildProfile(user.history, &user.attributes), user, item, out);
}

void ContentModel::explainItems(const UserContext& user, std::span<const int32_t> items,
                                std::vector<std::vector<Reason>>& out) const {
  out.resize(items.size());
  if (!dataset_) return;
  const Profile prof = buildProfile(user.history, &user.attributes);
  for (size_t n = 0; n < items.size(); ++n) explainWith(prof, user, items[n], out[n]);
}

void ContentModel::explainWith(const Profile& prof, const UserContext& user, int32_t item,
                               std::vector<Reason>& out) const {
  const auto& cols = dataset_->item_attributes.columns();
  // The strongest matching category/set value carries the reason.
  float best = 0.0f;
  std::string best_text;
  for (size_t k = 0; k < columns_.size(); ++k) {
    const auto& part = prof.parts[k];
    const Column& col = cols[static_cast<size_t>(columns_[k])];
    // Gender matching is a given in a fashion store, not news worth a reason.
    if (!part.active || col.type == ColumnType::Number || col.type == ColumnType::Text ||
        col.name == "GENDER") {
      continue;
    }
    const auto [b, e] = col.bag(item);
    for (auto c = b; c != e; ++c) {
      const float s =
          part.p[static_cast<size_t>(*c)] / part.max_p * (part.explicit_value ? 1.2f : 1.0f);
      if (s > best && s > 0.3f) {
        best = s;
        std::string name = toLower(col.name);
        std::replace(name.begin(), name.end(), '_', ' ');
        // Show the value as written in the catalogue for this item.
        std::string value = col.dictionary[static_cast<size_t>(*c)];
        best_text = (part.explicit_value ? "matches your " : "matches your taste in ") + name +
                    ": " + value;
      }
    }
  }
  if (!best_text.empty()) out.push_back({best_text, best * 0.5f, kind()});
  const Column* price = dataset_->item_attributes.column("PRICE");
  if (prof.budget > 0 && price) {
    const double x = price->number(item);
    if (!std::isnan(x) && x <= prof.budget) {
      char buffer[64];
      std::snprintf(buffer, sizeof buffer, "within your budget of %.0f", prof.budget);
      out.push_back({buffer, 0.2f, kind()});
    }
  }
  const SizeMatch size =
      matchSize(dataset_->item_attributes.column("SIZES"), item, user.attributes);
  if (size.applies && size.fits)
    out.push_back({"available in your size " + size.size, 0.15f, kind()});
}

void ContentModel::save(BinaryWriter& out) const {
  out.putString(params().dump());
}

void ContentModel::load(BinaryReader& in, const Dataset& data) {
  dataset_ = &data;
  setParams(nlohmann::json::parse(in.getString()));
  prepare();
}

}  // namespace vrmall::rec
