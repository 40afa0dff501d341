#include "vrmall/rec/models/content_model.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

#include "vrmall/rec/data/size_match.h"
#include "vrmall/rec/data/text_util.h"
#include "vrmall/rec/models/reason_drafts.h"

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

// The last profile built, with what it was built from: one shelf plan scores and then explains
// for the same shopper, and the profile is built once for both.
struct ContentModel::ProfileEntry {
  std::vector<ItemWeight> items;
  bool has_attributes = false;
  std::unordered_map<std::string, std::string> attributes;
  Profile profile;  // profile.attributes points at `attributes` above
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
  terms_cache_ = std::make_shared<TermsCache>();  // cached for another data set
  profile_cache_ = std::make_shared<ProfileCache>();
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
    UsableColumn& u = columns_.emplace_back();
    u.index = static_cast<int>(c);
    u.label = toLower(col.name);
    std::replace(u.label.begin(), u.label.end(), '_', ' ');
    // Categories and sets name a reason; gender matching is a given in a fashion store, not
    // news worth one.
    u.explains =
        col.type != ColumnType::Number && col.type != ColumnType::Text && col.name != "GENDER";
    u.weight = w;
    u.sd = n > 1 ? std::sqrt(std::max(1e-12, sq / n - mean * mean)) : 1.0;
    if (col.type != ColumnType::Number && col.offsets.size() > 1) {
      const size_t rows = col.offsets.size() - 1;
      u.single_code.assign(rows, -1);
      for (size_t i = 0; i < rows && !u.single_code.empty(); ++i) {
        const uint32_t b = col.offsets[i], e = col.offsets[i + 1];
        if (e - b > 1)
          u.single_code.clear();
        else if (e == b + 1)
          u.single_code[i] = col.codes[b];
      }
    }
    if (col.type != ColumnType::Number && u.single_code.empty()) {
      u.inv_count.assign(col.offsets.size() - 1, 0.0f);
      for (size_t i = 0; i < u.inv_count.size(); ++i) {
        const uint32_t count = col.offsets[i + 1] - col.offsets[i];
        if (count > 0) u.inv_count[i] = 1.0f / static_cast<float>(count);
      }
    }
    indexDistinctValues(col, u);
  }
  groupSingleColumns();
}

void ContentModel::groupSingleColumns() {
  groups_.clear();
  const auto& cols = dataset_->item_attributes.columns();
  SingleGroup group;
  size_t size = 1;
  const auto close = [&] {
    if (group.columns.size() >= 2) {  // one alone gains nothing
      for (size_t k : group.columns) columns_[k].grouped = true;
      groups_.push_back(std::move(group));
    }
    group = SingleGroup{};
    size = 1;
  };
  for (size_t k = 0; k < columns_.size(); ++k) {
    const UsableColumn& u = columns_[k];
    const Column& col = cols[static_cast<size_t>(u.index)];
    if (u.single_code.empty() || col.type == ColumnType::Number) continue;
    const size_t radix = col.dictionary.size() + 1;
    if (radix > kGroupTable) continue;
    if (size * radix > kGroupTable) close();
    if (!group.columns.empty() && group.code.size() != u.single_code.size()) close();
    if (group.columns.empty()) group.code.assign(u.single_code.size(), 0);
    for (size_t i = 0; i < u.single_code.size(); ++i)
      group.code[i] = static_cast<uint16_t>(group.code[i] + (u.single_code[i] + 1) * size);
    group.columns.push_back(k);
    group.radix.push_back(static_cast<uint32_t>(radix));
    size *= radix;
  }
  close();
}

void ContentModel::indexDistinctValues(const Column& col, UsableColumn& out) {
  std::vector<float> values;
  std::vector<uint16_t> index;
  if (col.type == ColumnType::Number) {
    std::unordered_map<float, uint16_t> slot;
    index.assign(col.numbers.size(), kNoValue);
    for (size_t i = 0; i < col.numbers.size(); ++i) {
      const auto x = static_cast<float>(col.numbers[i]);
      if (std::isnan(x)) continue;
      const auto [it, added] = slot.try_emplace(x, static_cast<uint16_t>(values.size()));
      if (added) values.push_back(x);
      index[i] = it->second;
      // Worth it only while values repeat (and the index fits): else score item by item.
      if (values.size() >= kNoValue || values.size() > col.numbers.size() / 4 + 16) {
        values.clear();
        index.clear();
        break;
      }
    }
    // Rows with no value read the slot after the last value, which scores 0 with weight 0.
    for (auto& v : index) v = v == kNoValue ? static_cast<uint16_t>(values.size()) : v;
  }
  out.distinct_values = std::move(values);
  out.value_index = std::move(index);
}

struct ContentModel::AttributeTerms {
  // The key: the data set, the shopper's budget and sizes as given.
  const Dataset* data = nullptr;
  double budget = -1;
  bool has_size = false, has_shoe_size = false;
  std::string size, shoe_size;
  // Per item, added to the numerator and denominator in this order: budget, then size.
  std::vector<float> budget_num, budget_den, size_num, size_den;
};

std::shared_ptr<const ContentModel::AttributeTerms> ContentModel::attributeTerms(
    const std::unordered_map<std::string, std::string>& attributes, double budget) const {
  auto key = std::make_shared<AttributeTerms>();
  key->data = dataset_;
  key->budget = budget;
  if (auto it = attributes.find("SIZE"); it != attributes.end()) {
    key->has_size = true;
    key->size = it->second;
  }
  if (auto it = attributes.find("SHOE_SIZE"); it != attributes.end()) {
    key->has_shoe_size = true;
    key->shoe_size = it->second;
  }
  const auto same = [&](const AttributeTerms& t) {
    return t.data == key->data && t.budget == key->budget && t.has_size == key->has_size &&
           t.has_shoe_size == key->has_shoe_size && t.size == key->size &&
           t.shoe_size == key->shoe_size;
  };
  const std::shared_ptr<TermsCache> cache = terms_cache_;
  {
    std::lock_guard lock(cache->mutex);
    for (const auto& t : cache->recent) {
      if (same(*t)) return t;
    }
  }
  const size_t n = static_cast<size_t>(dataset_->numItems());
  AttributeTerms& t = *key;
  if (budget > 0) {
    if (const Column* price = dataset_->item_attributes.column("PRICE")) {
      t.budget_num.assign(n, 0.0f);
      t.budget_den.assign(n, 0.0f);
      const auto b = static_cast<float>(budget);
      for (size_t i = 0; i < n && i < price->numbers.size(); ++i) {
        const auto x = static_cast<float>(price->numbers[i]);
        if (std::isnan(x)) continue;
        t.budget_num[i] = x <= b ? 1.0f : std::exp(-(x - b) / (0.25f * b));
        t.budget_den[i] = 1.0f;
      }
    }
  }
  // Size counts as one more attribute: 1 when stocked in the shopper's size, 0 when not.
  std::vector<uint8_t> misfit(n, 0), applies(n, 0);
  sizes_.excludeNotFitting(attributes, misfit);
  sizes_.markApplicable(attributes, applies);
  t.size_num.assign(n, 0.0f);
  t.size_den.assign(n, 0.0f);
  for (size_t i = 0; i < n; ++i) {
    if (!applies[i]) continue;
    t.size_num[i] = misfit[i] ? 0.0f : 1.0f;
    t.size_den[i] = 1.0f;
  }
  std::lock_guard lock(cache->mutex);
  constexpr size_t kRecent = 4;  // a few avatars at once (several guides, tests)
  if (cache->recent.size() >= kRecent) cache->recent.erase(cache->recent.begin());
  cache->recent.push_back(key);
  return key;
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
    const Column& col = cols[static_cast<size_t>(columns_[k].index)];
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
                           0.25 * columns_[k].sd);
      }
      continue;
    }
    // Only the codes the history (and the avatar) touch are non-zero: normalise and take the
    // maximum over those instead of the whole dictionary (a text column has thousands of words).
    part.p.assign(col.dictionary.size(), 0.0f);
    std::vector<int32_t> touched;
    float total = 0;
    for (const auto& h : items) {
      const auto [b, e] = col.bag(h.item);
      if (b == e) continue;
      const float share = h.weight / static_cast<float>(e - b);
      for (auto c = b; c != e; ++c) part.p[static_cast<size_t>(*c)] += share;
      touched.insert(touched.end(), b, e);
      total += h.weight;
    }
    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
    if (total > 0) {
      for (int32_t c : touched) part.p[static_cast<size_t>(c)] /= total;
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
          touched.insert(touched.end(), codes.begin(), codes.end());
          part.active = true;
          part.explicit_value = true;
        }
      }
    }
    if (part.active) {
      std::sort(touched.begin(), touched.end());
      touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
      // The untouched codes hold 0, which counts when any is left.
      part.max_p = touched.size() < part.p.size() ? 0.0f : -INFINITY;
      for (int32_t c : touched) part.max_p = std::max(part.max_p, part.p[static_cast<size_t>(c)]);
    }
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
  // Column by column (tight loops over one column's codes), accumulating the weighted similarity
  // and the weight each item actually has a value for. The catalogue is walked in blocks so the
  // running sums stay in L1 while every column passes over them; each item still adds its
  // columns in column order, so the sums are the same.
  const auto& cols = dataset_->item_attributes.columns();
  const size_t n = scores.size();
  struct Pass {
    const Column* col = nullptr;
    float w = 0.0f, inv_max = 0.0f, mean = 0.0f, inv_sd = 0.0f;
    const float* p = nullptr;          // bag: code -> share
    const int32_t* single = nullptr;   // one code per row (-1: none); p: terms, shifted one up
    const uint16_t* value = nullptr;   // number: index into `kernel` per row
    const float* kernel = nullptr;     // number: w * similarity per distinct value, then 0
    const float* kernel_w = nullptr;   // number: w per distinct value, then 0 (no value)
    const float* inv_count = nullptr;  // set/text: 1 / number of values per row (0: none)
    size_t rows = 0;
  };
  std::vector<Pass> passes;
  std::vector<std::vector<float>> shifted;  // shares one code up: code -1 (no value) reads 0
  shifted.reserve(2 * columns_.size());
  // Each group's table: per combination of its columns' values, the summed term and weight of
  // its active columns (a column with no value, or not in the profile, adds nothing).
  struct Term {
    float num = 0.0f, den = 0.0f;
  };
  std::vector<std::vector<Term>> tables(groups_.size());
  for (size_t g = 0; g < groups_.size(); ++g) {
    auto& table = tables[g];
    table.assign(1, Term{});
    for (size_t m = 0; m < groups_[g].columns.size(); ++m) {
      const size_t k = groups_[g].columns[m];
      const auto& part = prof.parts[k];
      const size_t below = table.size(), radix = groups_[g].radix[m];
      table.resize(below * radix);
      const float w = columns_[k].weight;
      const float inv_max = part.active ? 1.0f / part.max_p : 0.0f;
      for (size_t v = radix - 1; v >= 1; --v) {  // value code v - 1; v = 0: no value
        Term add;
        if (part.active) {
          add.num = v - 1 < part.p.size() ? w * part.p[v - 1] * inv_max : 0.0f;
          add.den = w;
        }
        for (size_t i = 0; i < below; ++i)
          table[v * below + i] = {table[i].num + add.num, table[i].den + add.den};
      }
    }
  }
  for (size_t k = 0; k < columns_.size(); ++k) {
    const auto& part = prof.parts[k];
    if (!part.active || columns_[k].grouped) continue;
    Pass pass;
    pass.col = &cols[static_cast<size_t>(columns_[k].index)];
    pass.w = columns_[k].weight;
    if (pass.col->type == ColumnType::Number) {
      pass.mean = static_cast<float>(part.mean);
      pass.inv_sd = static_cast<float>(1.0 / part.sd);
      pass.rows = std::min(n, pass.col->numbers.size());
      if (!columns_[k].value_index.empty()) {
        // The kernel once per distinct value, with the very operations the per-item path uses.
        const auto& values = columns_[k].distinct_values;
        auto& kernel = shifted.emplace_back(values.size() + 1, 0.0f);
        auto& kernel_w = shifted.emplace_back(values.size() + 1, 0.0f);
        for (size_t v = 0; v < values.size(); ++v) {
          const float z = (values[v] - pass.mean) * pass.inv_sd;
          kernel[v] = pass.w * std::exp(-0.5f * z * z);
          kernel_w[v] = pass.w;
        }
        pass.kernel = kernel.data();
        pass.kernel_w = kernel_w.data();
        pass.value = columns_[k].value_index.data();
        pass.rows = std::min(n, columns_[k].value_index.size());
      }
    } else if (!columns_[k].single_code.empty()) {
      pass.inv_max = 1.0f / part.max_p;
      // Each code's term, w * share / max share, once per code rather than once per item.
      auto& sp = shifted.emplace_back(part.p.size() + 1, 0.0f);
      for (size_t c = 0; c < part.p.size(); ++c) sp[c + 1] = pass.w * part.p[c] * pass.inv_max;
      pass.p = sp.data() + 1;
      pass.single = columns_[k].single_code.data();
      pass.rows = std::min(n, columns_[k].single_code.size());
    } else {
      pass.inv_max = 1.0f / part.max_p;
      pass.p = part.p.data();
      pass.rows = std::min(n, pass.col->offsets.size() - 1);
      pass.inv_count = columns_[k].inv_count.data();
      pass.rows = std::min(pass.rows, columns_[k].inv_count.size());
    }
    passes.push_back(pass);
  }
  std::shared_ptr<const AttributeTerms> terms;
  if (prof.attributes) terms = attributeTerms(*prof.attributes, prof.budget);

  constexpr size_t kBlock = 512;
  float num[kBlock], den[kBlock];
  for (size_t first = 0; first < n; first += kBlock) {
    const size_t last = std::min(n, first + kBlock);
    std::fill(num, num + (last - first), 0.0f);
    std::fill(den, den + (last - first), 0.0f);
    for (size_t g = 0; g < groups_.size(); ++g) {
      const Term* table = tables[g].data();
      const uint16_t* code = groups_[g].code.data();
      const size_t end = std::min(last, groups_[g].code.size());
      for (size_t i = first; i < end; ++i) {
        const Term t = table[code[i]];
        num[i - first] += t.num;
        den[i - first] += t.den;
      }
    }
    for (const Pass& pass : passes) {
      const size_t end = std::min(last, pass.rows);
      const float w = pass.w;
      if (pass.value) {
        const uint16_t* value = pass.value;
        for (size_t i = first; i < end; ++i) {
          num[i - first] += pass.kernel[value[i]];
          den[i - first] += pass.kernel_w[value[i]];
        }
      } else if (pass.col->type == ColumnType::Number) {
        const double* numbers = pass.col->numbers.data();
        for (size_t i = first; i < end; ++i) {
          const auto x = static_cast<float>(numbers[i]);
          if (std::isnan(x)) continue;
          const float z = (x - pass.mean) * pass.inv_sd;
          num[i - first] += w * std::exp(-0.5f * z * z);
          den[i - first] += w;
        }
      } else if (pass.single) {
        // At most one value per row: the similarity is that value's share (category: how
        // typical it is; set/text: the mean share of one value). No value adds exactly 0.
        for (size_t i = first; i < end; ++i) {
          const int32_t c = pass.single[i];
          num[i - first] += pass.p[c];  // the code's term (shifted: no value reads 0)
          den[i - first] += c >= 0 ? w : 0.0f;
        }
      } else {
        const uint32_t* off = pass.col->offsets.data();
        const int32_t* codes = pass.col->codes.data();
        const float inv_max = pass.inv_max;
        if (pass.col->type == ColumnType::Category) {
          // Categories: how typical the most typical value is.
          for (size_t i = first; i < end; ++i) {
            const uint32_t b = off[i], e = off[i + 1];
            if (b == e) continue;
            float best = 0;
            for (uint32_t c = b; c < e; ++c) best = std::max(best, pass.p[codes[c]]);
            num[i - first] += w * best * inv_max;
            den[i - first] += w;
          }
        } else {
          // Sets and text: the mean share of the values (1 / count kept per row).
          const float* inv_count = pass.inv_count;
          for (size_t i = first; i < end; ++i) {
            const uint32_t b = off[i], e = off[i + 1];
            float sum = 0;
            for (uint32_t c = b; c < e; ++c) sum += pass.p[codes[c]];
            num[i - first] += w * (sum * inv_count[i]) * inv_max;
            den[i - first] += b == e ? 0.0f : w;
          }
        }
      }
    }
    if (terms) {
      // The shopper's budget, then size (one more attribute: 1 when stocked in their size).
      for (size_t i = first; i < std::min(last, terms->budget_num.size()); ++i) {
        num[i - first] += terms->budget_num[i];
        den[i - first] += terms->budget_den[i];
      }
      for (size_t i = first; i < std::min(last, terms->size_num.size()); ++i) {
        num[i - first] += terms->size_num[i];
        den[i - first] += terms->size_den[i];
      }
    }
    for (size_t i = first; i < last; ++i) {  // branch-free, so it vectorises
      const float d = den[i - first];
      const float q = num[i - first] / (d > 0 ? d : 1.0f);
      scores[i] = d > 0 ? q : 0.0f;
    }
  }
}

std::shared_ptr<const ContentModel::ProfileEntry> ContentModel::profileFor(
    std::span<const ItemWeight> items,
    const std::unordered_map<std::string, std::string>* attributes) const {
  const std::shared_ptr<ProfileCache> cache = profile_cache_;
  const auto same = [&](const ProfileEntry& e) {
    return e.has_attributes == (attributes != nullptr) &&
           std::equal(e.items.begin(), e.items.end(), items.begin(), items.end(),
                      [](const ItemWeight& a, const ItemWeight& b) {
                        return a.item == b.item && a.weight == b.weight;
                      }) &&
           (!attributes || e.attributes == *attributes);
  };
  {
    std::lock_guard lock(cache->mutex);
    if (cache->last && same(*cache->last)) return cache->last;
  }
  auto entry = std::make_shared<ProfileEntry>();
  entry->items.assign(items.begin(), items.end());
  entry->has_attributes = attributes != nullptr;
  if (attributes) entry->attributes = *attributes;
  entry->profile = buildProfile(items, attributes ? &entry->attributes : nullptr);
  std::lock_guard lock(cache->mutex);
  cache->last = entry;
  return entry;
}

void ContentModel::score(const UserContext& user, std::span<float> scores) const {
  if (!dataset_ || columns_.empty()) {
    std::fill(scores.begin(), scores.end(), 0.0f);
    if (!dataset_) return;
  }
  scoreProfile(profileFor(user.history, &user.attributes)->profile, scores);
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
  ReasonDrafts drafts;
  draftReasons(user, std::span<const int32_t>(&item, 1), drafts);
  auto reasons = drafts.render(1);
  for (auto& r : reasons.front()) out.push_back(std::move(r));
}

// Each phrase is written once per batch: "matches your taste in style: boho" serves every boho
// item on the wall.
struct ContentModel::PhraseCache {
  std::unordered_map<uint64_t, uint32_t> values;  // (column, code, explicit) -> phrase
  std::optional<uint32_t> budget;
  SizeIndex::ShopperSizes shopper_sizes;
  std::optional<uint32_t> size_phrase[2];  // clothing, shoes
  const Column* price = nullptr;
};

void ContentModel::draftReasons(const UserContext& user, std::span<const int32_t> items,
                                ReasonDrafts& out) const {
  if (!dataset_ || items.empty()) return;
  const auto entry = profileFor(user.history, &user.attributes);
  const Profile& prof = entry->profile;
  PhraseCache cache;
  cache.shopper_sizes = sizes_.shopperSizes(user.attributes);
  cache.price = dataset_->item_attributes.column("PRICE");
  const uint16_t source = out.source(kind());
  for (size_t n = 0; n < items.size(); ++n) draftWith(prof, items[n], n, source, cache, out);
}

void ContentModel::draftWith(const Profile& prof, int32_t item, size_t at, uint16_t source,
                             PhraseCache& cache, ReasonDrafts& out) const {
  const auto& cols = dataset_->item_attributes.columns();
  // The strongest matching category/set value carries the reason.
  float best = 0.0f;
  size_t best_k = 0;
  int32_t best_code = -1;
  bool best_explicit = false;
  for (size_t k = 0; k < columns_.size(); ++k) {
    const auto& part = prof.parts[k];
    if (!part.active || !columns_[k].explains) continue;
    const Column& col = cols[static_cast<size_t>(columns_[k].index)];
    const auto [b, e] = col.bag(item);
    for (auto c = b; c != e; ++c) {
      const float s =
          part.p[static_cast<size_t>(*c)] / part.max_p * (part.explicit_value ? 1.2f : 1.0f);
      if (s > best && s > 0.3f) {
        best = s;
        best_k = k;
        best_code = *c;
        best_explicit = part.explicit_value;
      }
    }
  }
  if (best_code >= 0) {
    const uint64_t key = (static_cast<uint64_t>(best_k) << 33) |
                         (static_cast<uint64_t>(static_cast<uint32_t>(best_code)) << 1) |
                         (best_explicit ? 1U : 0U);
    auto it = cache.values.find(key);
    if (it == cache.values.end()) {
      // The value as written in the catalogue.
      const Column& col = cols[static_cast<size_t>(columns_[best_k].index)];
      const std::string& value = col.dictionary[static_cast<size_t>(best_code)];
      it = cache.values
               .emplace(key,
                        out.phrase((best_explicit ? "matches your " : "matches your taste in ") +
                                   columns_[best_k].label + ": " + value))
               .first;
    }
    out.add(at, it->second, best * 0.5f, source);
  }
  const Column* price = cache.price;
  if (prof.budget > 0 && price) {
    const double x = price->number(item);
    if (!std::isnan(x) && x <= prof.budget) {
      if (!cache.budget) {
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "within your budget of %.0f", prof.budget);
        cache.budget = out.phrase(buffer);
      }
      out.add(at, *cache.budget, 0.2f, source);
    }
  }
  const SizeIndex::Fit size = sizes_.fit(cache.shopper_sizes, item);
  if (size.applies && size.fits) {
    auto& phrase = cache.size_phrase[size.size == &cache.shopper_sizes.size[0] ? 0 : 1];
    if (!phrase) phrase = out.phrase("available in your size " + *size.size);
    out.add(at, *phrase, 0.15f, source);
  }
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
