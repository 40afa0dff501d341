#include "vrmall/rec/models/demographic_model.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "vrmall/rec/data/text_util.h"

namespace vrmall::rec {

void DemographicModel::fit(const TrainingData& data) {
  dataset_ = data.data;
  const auto items = static_cast<size_t>(data.numItems());
  popularity_.assign(items, 0.0f);
  attributes_.clear();
  const int32_t users = data.numUsers();
  std::vector<uint8_t> active(static_cast<size_t>(users), 0);
  for (int32_t u = 0; u < users; ++u) {
    for (SparseMatrix::InnerIterator it(data.user_items, u); it; ++it) {
      popularity_[static_cast<size_t>(it.col())] += 1.0f;
      active[static_cast<size_t>(u)] = 1;
    }
  }
  if (data.data == nullptr) return;
  const AttributeTable& table = data.data->user_attributes;
  for (const Column& column : table.columns()) {
    Attribute a;
    a.name = column.name;
    if (column.type == ColumnType::Text) continue;
    if (column.type == ColumnType::Number) {
      std::vector<double> seen;
      for (int32_t u = 0; u < users; ++u) {
        const double v = column.number(u);
        if (active[static_cast<size_t>(u)] && std::isfinite(v)) seen.push_back(v);
      }
      if (seen.size() < kBins * 4) continue;
      std::sort(seen.begin(), seen.end());
      a.number = true;
      for (size_t b = 1; b < kBins; ++b) {
        const double edge = seen[b * seen.size() / kBins];
        if (a.edges.empty() || edge > a.edges.back()) a.edges.push_back(edge);
      }
      for (size_t b = 0; b <= a.edges.size(); ++b) {
        std::ostringstream label;
        label << a.name << " ";
        if (b == 0) {
          label << "under " << a.edges.front();
        } else if (b == a.edges.size()) {
          label << a.edges.back() << "+";
        } else {
          label << a.edges[b - 1] << "-" << a.edges[b];
        }
        a.labels.push_back(toLower(label.str()));
      }
    } else {
      if (column.dictionary.empty() || column.dictionary.size() > kMaxValues) continue;
      a.values = column.dictionary;
      a.labels = column.dictionary;
    }
    const size_t nvalues = a.labels.size();
    a.counts.assign(nvalues, std::vector<float>(items, 0.0f));
    a.totals.assign(nvalues, 0.0f);
    for (int32_t u = 0; u < users; ++u) {
      if (!active[static_cast<size_t>(u)]) continue;
      std::vector<size_t> vs;
      if (a.number) {
        const double v = column.number(u);
        if (!std::isfinite(v)) continue;
        vs.push_back(static_cast<size_t>(std::upper_bound(a.edges.begin(), a.edges.end(), v) -
                                         a.edges.begin()));
      } else {
        const auto [b, e] = column.bag(u);
        for (const int32_t* c = b; c != e; ++c) vs.push_back(static_cast<size_t>(*c));
      }
      for (size_t v : vs) {
        for (SparseMatrix::InnerIterator it(data.user_items, u); it; ++it) {
          a.counts[v][static_cast<size_t>(it.col())] += 1.0f;
          a.totals[v] += 1.0f;
        }
      }
    }
    attributes_.push_back(std::move(a));
  }
  // Pairs: what young women chose is not what women and the young chose apart.
  const size_t base = attributes_.size();
  std::vector<std::vector<std::vector<size_t>>> userValues(static_cast<size_t>(users));
  for (int32_t u = 0; u < users; ++u) {
    if (!active[static_cast<size_t>(u)]) continue;
    const UserContext ctx{u, {}, {}, userAttributes(*data.data, u), 0, false};
    userValues[static_cast<size_t>(u)] = valuesOf(ctx);
  }
  for (size_t l = 0; l < base; ++l) {
    for (size_t r = l + 1; r < base; ++r) {
      const size_t nl = attributes_[l].labels.size(), nr = attributes_[r].labels.size();
      if (nl * nr > kMaxPairValues) continue;
      Attribute a;
      a.name = attributes_[l].name + "&" + attributes_[r].name;
      a.left = static_cast<int>(l);
      a.right = static_cast<int>(r);
      for (size_t vl = 0; vl < nl; ++vl) {
        for (size_t vr = 0; vr < nr; ++vr) {
          a.labels.push_back(attributes_[l].labels[vl] + ", " + attributes_[r].labels[vr]);
        }
      }
      a.counts.assign(a.labels.size(), std::vector<float>(items, 0.0f));
      a.totals.assign(a.labels.size(), 0.0f);
      for (int32_t u = 0; u < users; ++u) {
        const auto& vs = userValues[static_cast<size_t>(u)];
        if (vs.empty()) continue;
        for (size_t vl : vs[l]) {
          for (size_t vr : vs[r]) {
            const size_t v = vl * nr + vr;
            for (SparseMatrix::InnerIterator it(data.user_items, u); it; ++it) {
              a.counts[v][static_cast<size_t>(it.col())] += 1.0f;
              a.totals[v] += 1.0f;
            }
          }
        }
      }
      attributes_.push_back(std::move(a));
    }
  }
}

std::vector<std::vector<size_t>> DemographicModel::valuesOf(const UserContext& user) const {
  std::vector<std::vector<size_t>> out(attributes_.size());
  for (size_t k = 0; k < attributes_.size(); ++k) {
    const Attribute& a = attributes_[k];
    if (a.left >= 0) {
      const size_t nr = attributes_[static_cast<size_t>(a.right)].labels.size();
      for (size_t vl : out[static_cast<size_t>(a.left)]) {
        for (size_t vr : out[static_cast<size_t>(a.right)]) out[k].push_back(vl * nr + vr);
      }
      continue;
    }
    const auto it = user.attributes.find(a.name);
    if (it != user.attributes.end()) out[k] = valuesOf(a, it->second);
  }
  return out;
}

std::vector<size_t> DemographicModel::valuesOf(const Attribute& a, const std::string& raw) const {
  std::vector<size_t> out;
  if (a.number) {
    const auto v = parseNumber(raw);
    if (!v) return out;
    out.push_back(static_cast<size_t>(std::upper_bound(a.edges.begin(), a.edges.end(), *v) -
                                      a.edges.begin()));
    return out;
  }
  for (const std::string& part : splitCopy(raw, '|')) {
    const std::string v = toLower(trim(part));
    const auto it = std::find(a.values.begin(), a.values.end(), v);
    if (it != a.values.end()) out.push_back(static_cast<size_t>(it - a.values.begin()));
  }
  return out;
}

void DemographicModel::logPrior(std::vector<float>& out) const {
  double total = 0;
  for (float c : popularity_) total += c;
  const double denom = total + static_cast<double>(popularity_.size());
  out.resize(popularity_.size());
  for (size_t i = 0; i < popularity_.size(); ++i) {
    out[i] = static_cast<float>(std::log((popularity_[i] + 1.0) / denom));
  }
}

void DemographicModel::score(const UserContext& user, std::span<float> scores) const {
  std::fill(scores.begin(), scores.end(), 0.0f);
  if (popularity_.size() != scores.size()) return;
  std::vector<float> prior, p(scores.size());
  logPrior(prior);
  std::copy(prior.begin(), prior.end(), scores.begin());
  for (size_t i = 0; i < p.size(); ++i) p[i] = std::exp(prior[i]);
  const float m = smoothing_;
  const auto values = valuesOf(user);
  for (size_t k = 0; k < attributes_.size(); ++k) {
    const Attribute& a = attributes_[k];
    for (size_t v : values[k]) {
      const std::vector<float>& counts = a.counts[v];
      const float total = a.totals[v];
      for (size_t i = 0; i < scores.size(); ++i) {
        const float conditional = (counts[i] + m * p[i]) / (total + m);
        scores[i] += beta_ * (std::log(conditional) - prior[i]);
      }
    }
  }
}

void DemographicModel::explain(const UserContext& user, int32_t item,
                               std::vector<Reason>& out) const {
  const auto i = static_cast<size_t>(item);
  if (i >= popularity_.size()) return;
  std::vector<float> prior;
  logPrior(prior);
  const float p = std::exp(prior[i]);
  std::vector<std::pair<float, std::string>> lifts;
  const auto values = valuesOf(user);
  for (size_t k = 0; k < attributes_.size(); ++k) {
    const Attribute& a = attributes_[k];
    for (size_t v : values[k]) {
      const float conditional = (a.counts[v][i] + smoothing_ * p) / (a.totals[v] + smoothing_);
      const float lift = conditional / p;
      if (lift > 1.25f) lifts.emplace_back(lift, a.labels[v]);
    }
  }
  if (lifts.empty()) return;
  std::sort(lifts.begin(), lifts.end(), [](const auto& x, const auto& y) { return x > y; });
  std::string text = "popular with shoppers like you (";
  for (size_t n = 0; n < lifts.size() && n < 2; ++n) text += (n ? ", " : "") + lifts[n].second;
  text += ")";
  out.push_back({text, std::log(lifts.front().first) * 0.5f, kind()});
}

nlohmann::json DemographicModel::params() const {
  return {{"smoothing", smoothing_}, {"beta", beta_}};
}

void DemographicModel::setParams(const nlohmann::json& p) {
  smoothing_ = p.value("smoothing", smoothing_);
  beta_ = p.value("beta", beta_);
}

std::vector<nlohmann::json> DemographicModel::searchSpace() const {
  std::vector<nlohmann::json> space;
  for (float m : {320.0f, 1280.0f, 5120.0f, 20480.0f}) {
    for (float b : {0.25f, 0.5f, 0.75f, 1.0f}) space.push_back({{"smoothing", m}, {"beta", b}});
  }
  return space;
}

std::vector<std::pair<std::string, size_t>> DemographicModel::attributesUsed() const {
  std::vector<std::pair<std::string, size_t>> out;
  for (const Attribute& a : attributes_) out.emplace_back(a.name, a.labels.size());
  return out;
}

void DemographicModel::save(BinaryWriter& out) const {
  out.putVector(popularity_);
  out.put<uint32_t>(static_cast<uint32_t>(attributes_.size()));
  for (const Attribute& a : attributes_) {
    out.putString(a.name);
    out.put<uint8_t>(a.number ? 1 : 0);
    out.put<int32_t>(a.left);
    out.put<int32_t>(a.right);
    out.putVector(a.edges);
    out.putStrings(a.labels);
    out.putStrings(a.values);
    out.putVector(a.totals);
    for (const auto& c : a.counts) out.putVector(c);
  }
}

void DemographicModel::load(BinaryReader& in, const Dataset& data) {
  dataset_ = &data;
  popularity_ = in.getVector<float>();
  if (popularity_.size() != static_cast<size_t>(data.numItems())) in.fail("demographic items");
  const auto n = in.get<uint32_t>();
  if (n > 256) in.fail("demographic attribute count");
  attributes_.assign(n, {});
  for (Attribute& a : attributes_) {
    a.name = in.getString();
    a.number = in.get<uint8_t>() != 0;
    a.left = in.get<int32_t>();
    a.right = in.get<int32_t>();
    const auto index = static_cast<int32_t>(&a - attributes_.data());
    if (a.left >= index || a.right >= index || (a.left < 0) != (a.right < 0)) {
      in.fail("demographic pair");
    }
    a.edges = in.getVector<double>();
    a.labels = in.getStrings();
    a.values = in.getStrings();
    a.totals = in.getVector<float>();
    if (a.labels.size() > kMaxPairValues || a.totals.size() != a.labels.size()) {
      in.fail("demographic values");
    }
    a.counts.resize(a.labels.size());
    for (auto& c : a.counts) {
      c = in.getVector<float>();
      if (c.size() != popularity_.size()) in.fail("demographic counts");
    }
  }
}

}  // namespace vrmall::rec
