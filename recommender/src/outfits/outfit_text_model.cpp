#include "vrmall/rec/outfits/outfit_text_model.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "vrmall/rec/data/data_error.h"
#include "vrmall/rec/data/text_util.h"
#include "vrmall/rec/intent/intent_lexicon.h"
#include "vrmall/rec/outfits/outfit_knowledge.h"

namespace vrmall::rec {
namespace {

using nlohmann::json;

json readJson(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw DataError(path + ": cannot open");
  json j = json::parse(in, nullptr, false);
  if (j.is_discarded()) throw DataError(path + ": not valid JSON");
  return j;
}

std::vector<std::string> tokens(const std::string& name) {
  std::vector<std::string> out;
  for (std::string& w : wordTokens(name)) {
    if (w.size() >= 2) out.push_back(std::move(w));
  }
  return out;
}

// Colour words of a name, as canonical colours (the intent lexicon's English colour words).
std::vector<std::string> colours(const std::vector<std::string>& words) {
  static const std::map<std::string, std::string> lexicon = [] {
    std::map<std::string, std::string> m;
    for (const LexiconEntry& e : intentLexicon()) {
      if (e.kind == IntentWord::Color && e.surface.find(' ') == std::string::npos &&
          static_cast<unsigned char>(e.surface[0]) < 0x80) {
        m.emplace(e.surface, e.value);
      }
    }
    return m;
  }();
  std::vector<std::string> out;
  for (const std::string& w : words) {
    const auto it = lexicon.find(w);
    if (it != lexicon.end()) out.push_back(it->second);
  }
  return out;
}

uint64_t slotWord(int32_t slot, int32_t word) {
  return (static_cast<uint64_t>(static_cast<uint32_t>(slot)) << 24) | static_cast<uint32_t>(word);
}

uint64_t pairKey(int32_t a, int32_t b) {
  return (static_cast<uint64_t>(static_cast<uint32_t>(a)) << 32) | static_cast<uint32_t>(b);
}

}  // namespace

std::vector<TextOutfit> loadTextOutfits(const std::string& path) {
  const json j = readJson(path);
  if (!j.is_object()) throw DataError(path + ": wants an object of outfits by id");
  std::vector<TextOutfit> out;
  for (const auto& [id, items] : j.items()) {
    if (!items.is_object()) throw DataError(path + ": outfit " + id + " is not an object");
    TextOutfit o;
    o.id = id;
    for (const auto& [slot, item] : items.items()) {
      if (!item.is_object() || !item.value("name", json()).is_string()) {
        throw DataError(path + ": outfit " + id + ", slot " + slot + ": wants {\"name\": ...}");
      }
      o.items.emplace_back(slot, item["name"].get<std::string>());
    }
    out.push_back(std::move(o));
  }
  return out;
}

std::vector<FitbQuestion> loadFitbQuestions(const std::string& path) {
  const json j = readJson(path);
  const json& qs = j.is_array() ? j : j.value("questions", json());
  if (!qs.is_array()) throw DataError(path + ": wants a \"questions\" array");
  std::vector<FitbQuestion> out;
  for (size_t n = 0; n < qs.size(); ++n) {
    const json& q = qs[n];
    const std::string where = path + ": questions[" + std::to_string(n) + "]";
    if (!q.is_object() || !q.value("choices", json()).is_array() ||
        !q.value("given", json()).is_object()) {
      throw DataError(where + " wants given, choices and answer");
    }
    FitbQuestion f;
    f.outfit = q.value("outfit", std::string());
    f.blank_slot = q.value("blank_slot", std::string());
    for (const auto& [slot, name] : q["given"].items()) {
      if (!name.is_string()) throw DataError(where + ".given." + slot + " is not a name");
      f.given.emplace_back(slot, name.get<std::string>());
    }
    for (const json& c : q["choices"]) {
      if (!c.is_string()) throw DataError(where + ".choices holds a non-string");
      f.choices.push_back(c.get<std::string>());
    }
    f.answer = q.value("answer", -1);
    if (f.choices.empty() || f.answer < 0 || f.answer >= static_cast<int>(f.choices.size())) {
      throw DataError(where + ".answer is not the index of a choice");
    }
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<int32_t> OutfitTextModel::wordsOf(const std::string& name) const {
  std::vector<int32_t> out;
  for (const std::string& w : tokens(name)) {
    const auto it = vocab_.find(w);
    out.push_back(it == vocab_.end() ? -1 : it->second);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

float OutfitTextModel::idf(int32_t w) const {
  const double df = w >= 0 ? df_[static_cast<size_t>(w)] : 0.0;
  return static_cast<float>(std::log((items_ + 1.0) / (df + 1.0)));
}

int32_t OutfitTextModel::slotId(const std::string& slot) const {
  const auto it = slots_.find(slot);
  return it == slots_.end() ? -1 : it->second;
}

OutfitTextModel::Piece OutfitTextModel::pieceOf(const std::string& slot,
                                                const std::string& name) const {
  return {slotId(slot), wordsOf(name)};
}

float OutfitTextModel::slotNpmi(int32_t sa, int32_t a, int32_t sb, int32_t b) const {
  if (sa < 0 || sb < 0 || a < 0 || b < 0) return 0.0f;
  uint64_t x = slotWord(sa, a), y = slotWord(sb, b);
  if (x > y) std::swap(x, y);
  const auto j = slotPairs_.find((x << 32) ^ y);
  const double joint = j == slotPairs_.end() ? 0.0 : j->second;
  const auto fx = slotDf_.find(slotWord(sa, a)), fy = slotDf_.find(slotWord(sb, b));
  const double px = fx == slotDf_.end() ? 0.0 : fx->second;
  const double py = fy == slotDf_.end() ? 0.0 : fy->second;
  const double na = slotItems_[static_cast<size_t>(sa)], nb = slotItems_[static_cast<size_t>(sb)];
  const double outfits = std::max(1.0, std::min(na, nb));
  // Normalised PMI with add-half smoothing: -1 never together .. 1 always together.
  const double pj = (joint + 0.5) / outfits;
  const double pmiValue = std::log(pj / (((px + 1.0) / na) * ((py + 1.0) / nb)));
  return static_cast<float>(pmiValue / std::max(1e-6, -std::log(pj)));
}

float OutfitTextModel::pmi(int32_t a, int32_t b) const {
  if (a < 0 || b < 0) return 0.0f;
  const auto it = pairs_.find(pairKey(std::min(a, b), std::max(a, b)));
  const double joint = it == pairs_.end() ? 0.0 : it->second;
  const double pa = df_[static_cast<size_t>(a)], pb = df_[static_cast<size_t>(b)];
  return static_cast<float>(std::log((joint + 0.5) * items_ / ((pa + 1.0) * (pb + 1.0))));
}

void OutfitTextModel::count(const std::vector<const TextOutfit*>& outfits) {
  vocab_.clear();
  words_.clear();
  df_.clear();
  pairs_.clear();
  slotPairs_.clear();
  slotDf_.clear();
  slotItems_.clear();
  slots_.clear();
  items_ = 0;
  for (const TextOutfit* o : outfits) {
    std::vector<std::vector<int32_t>> items;
    std::vector<int32_t> itemSlots;
    for (const auto& item : o->items) {
      auto [sit, freshSlot] = slots_.emplace(item.first, static_cast<int32_t>(slots_.size()));
      if (freshSlot) slotItems_.push_back(0.0f);
      itemSlots.push_back(sit->second);
      slotItems_[static_cast<size_t>(sit->second)] += 1.0f;
      std::set<int32_t> ids;
      for (const std::string& w : tokens(item.second)) {
        auto [it, fresh] = vocab_.emplace(w, static_cast<int32_t>(words_.size()));
        if (fresh) {
          words_.push_back(w);
          df_.push_back(0.0f);
        }
        ids.insert(it->second);
      }
      for (int32_t w : ids) {
        df_[static_cast<size_t>(w)] += 1.0f;
        slotDf_[slotWord(itemSlots.back(), w)] += 1.0f;
      }
      items.emplace_back(ids.begin(), ids.end());
      items_ += 1;
    }
    for (size_t i = 0; i < items.size(); ++i) {
      for (size_t j = i + 1; j < items.size(); ++j) {
        for (int32_t a : items[i]) {
          for (int32_t b : items[j]) {
            if (a != b) pairs_[pairKey(std::min(a, b), std::max(a, b))] += 1.0f;
            uint64_t x = slotWord(itemSlots[i], a), y = slotWord(itemSlots[j], b);
            if (x > y) std::swap(x, y);
            slotPairs_[(x << 32) ^ y] += 1.0f;
          }
        }
      }
    }
  }
}

std::vector<float> OutfitTextModel::features(const std::vector<Piece>& givenPieces,
                                             const Piece& candPiece) const {
  std::vector<std::vector<int32_t>> given;
  for (const Piece& p : givenPieces) given.push_back(p.words);
  const std::vector<int32_t>& cand = candPiece.words;
  double slotSum = 0, slotMax = -1, slotPairsSeen = 0;
  for (const Piece& g : givenPieces) {
    for (int32_t a : g.words) {
      for (int32_t b : cand) {
        if (a < 0 || b < 0) continue;
        const float v = slotNpmi(g.slot, a, candPiece.slot, b);
        slotSum += v;
        slotMax = std::max<double>(slotMax, v);
        slotPairsSeen += 1;
      }
    }
  }
  std::vector<float> f(kFeatures, 0.0f);
  const auto wordOf = [&](int32_t id) -> const std::string& {
    static const std::string none;
    return id >= 0 ? words_[static_cast<size_t>(id)] : none;
  };
  std::vector<std::string> candWords;
  for (int32_t c : cand) candWords.push_back(wordOf(c));
  const std::vector<std::string> candColours = colours(candWords);
  int candSeason = 0, candFormality = 0;
  for (const std::string& w : candWords) {
    candSeason += seasonPull(w);
    candFormality += formalityPull(w);
  }
  double pmiSum = 0, pmiMax = -10, pmiPositive = 0, pairs = 0;
  double overlap = 0, shared = 0, harmony = 0, harmonyPairs = 0;
  int givenSeason = 0, givenFormality = 0;
  double lengthDiff = 0;
  std::set<int32_t> givenAll;
  for (const auto& g : given) {
    std::vector<std::string> gWords;
    for (int32_t w : g) {
      gWords.push_back(wordOf(w));
      if (w >= 0) givenAll.insert(w);
    }
    for (const std::string& w : gWords) {
      givenSeason += seasonPull(w);
      givenFormality += formalityPull(w);
    }
    for (int32_t a : g) {
      for (int32_t b : cand) {
        if (a < 0 || b < 0) continue;
        const float p = pmi(a, b);
        pmiSum += p;
        pmiMax = std::max<double>(pmiMax, p);
        pmiPositive += p > 1.0f ? 1 : 0;
        pairs += 1;
      }
    }
    for (const std::string& ca : colours(gWords)) {
      for (const std::string& cb : candColours) {
        harmony += colourHarmony(ca, cb);
        harmonyPairs += 1;
      }
    }
    lengthDiff += std::abs(static_cast<double>(g.size()) - static_cast<double>(cand.size()));
  }
  for (int32_t c : cand) {
    if (c >= 0 && givenAll.count(c) != 0) {
      overlap += idf(c);
      shared += 1;
    }
  }
  const double n = std::max<size_t>(1, given.size());
  f[0] = static_cast<float>(overlap);
  f[1] = static_cast<float>(shared);
  f[2] = pairs > 0 ? static_cast<float>(pmiSum / pairs) : 0.0f;
  f[3] = pairs > 0 ? static_cast<float>(pmiMax) : 0.0f;
  f[4] = pairs > 0 ? static_cast<float>(pmiPositive / pairs) : 0.0f;
  f[5] = harmonyPairs > 0 ? static_cast<float>(harmony / harmonyPairs) : 0.0f;
  f[6] = static_cast<float>(std::clamp(givenSeason, -3, 3) * std::clamp(candSeason, -1, 1));
  f[7] = static_cast<float>(std::clamp(givenFormality, -3, 3) * std::clamp(candFormality, -1, 1));
  f[8] = static_cast<float>(lengthDiff / n);
  f[9] = static_cast<float>(cand.size());
  f[10] = slotPairsSeen > 0 ? static_cast<float>(slotSum / slotPairsSeen) : 0.0f;
  f[11] = slotPairsSeen > 0 ? static_cast<float>(slotMax) : 0.0f;
  return f;
}

float OutfitTextModel::score(const Given& given, const std::string& slot,
                             const std::string& candidate) const {
  std::vector<Piece> g;
  for (const auto& [s, name] : given) g.push_back(pieceOf(s, name));
  const std::vector<float> f = features(g, pieceOf(slot, candidate));
  float s = 0.0f;
  for (size_t k = 0; k < kFeatures; ++k) s += weights_[k] * f[k];
  return s;
}

int OutfitTextModel::choose(const Given& given, const std::string& slot,
                            const std::vector<std::string>& choices) const {
  int best = 0;
  float bestScore = -INFINITY;
  for (size_t c = 0; c < choices.size(); ++c) {
    const float s = score(given, slot, choices[c]);
    if (s > bestScore) {
      bestScore = s;
      best = static_cast<int>(c);
    }
  }
  return best;
}

void OutfitTextModel::fit(const std::vector<const TextOutfit*>& outfits, uint64_t seed) {
  // The weights are learnt on blanks whose counts come from the other half of the outfits (a
  // model never sees the outfit it is asked about), both halves in turn.
  std::mt19937_64 rng(seed);
  std::vector<const TextOutfit*> order = outfits;
  std::shuffle(order.begin(), order.end(), rng);
  std::vector<const TextOutfit*> halves[2];
  for (size_t i = 0; i < order.size(); ++i) halves[i % 2].push_back(order[i]);
  struct Example {
    std::vector<std::vector<float>> f;  // per choice; the answer is choice 0
  };
  std::vector<Example> examples;
  for (int h = 0; h < 2; ++h) {
    count(halves[1 - h]);
    std::map<std::string, std::vector<std::pair<const TextOutfit*, size_t>>> bySlot;
    for (const TextOutfit* o : halves[h]) {
      for (size_t i = 0; i < o->items.size(); ++i) bySlot[o->items[i].first].emplace_back(o, i);
    }
    for (const TextOutfit* o : halves[h]) {
      for (size_t i = 0; i < o->items.size(); ++i) {
        const auto& pool = bySlot[o->items[i].first];
        if (pool.size() < 4) continue;
        std::vector<Piece> given;
        for (size_t j = 0; j < o->items.size(); ++j) {
          if (j != i) given.push_back(pieceOf(o->items[j].first, o->items[j].second));
        }
        const std::string& slot = o->items[i].first;
        Example e;
        e.f.push_back(features(given, pieceOf(slot, o->items[i].second)));
        std::uniform_int_distribution<size_t> pick(0, pool.size() - 1);
        while (e.f.size() < 4) {
          const auto& [other, k] = pool[pick(rng)];
          if (other == o) continue;
          e.f.push_back(features(given, pieceOf(slot, other->items[k].second)));
        }
        examples.push_back(std::move(e));
      }
    }
  }
  // Softmax regression, plain SGD with a little L2; features standardised first.
  std::vector<double> mean(kFeatures, 0.0), sd(kFeatures, 0.0);
  double n = 0;
  for (const auto& e : examples) {
    for (const auto& f : e.f) {
      for (size_t k = 0; k < kFeatures; ++k) mean[k] += f[k];
      n += 1;
    }
  }
  for (auto& m : mean) m /= std::max(1.0, n);
  for (const auto& e : examples) {
    for (const auto& f : e.f) {
      for (size_t k = 0; k < kFeatures; ++k) sd[k] += (f[k] - mean[k]) * (f[k] - mean[k]);
    }
  }
  for (auto& s : sd) s = std::sqrt(s / std::max(1.0, n)) + 1e-6;
  std::vector<double> w(kFeatures, 0.0);
  std::vector<size_t> idx(examples.size());
  for (size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  for (int epoch = 0; epoch < 30; ++epoch) {
    std::shuffle(idx.begin(), idx.end(), rng);
    const double lr = 0.05 / (1.0 + epoch * 0.1);
    for (size_t i : idx) {
      const Example& e = examples[i];
      std::vector<double> s(e.f.size());
      double m = -1e300;
      for (size_t c = 0; c < e.f.size(); ++c) {
        double v = 0;
        for (size_t k = 0; k < kFeatures; ++k) v += w[k] * (e.f[c][k] - mean[k]) / sd[k];
        s[c] = v;
        m = std::max(m, v);
      }
      double z = 0;
      for (double& v : s) z += (v = std::exp(v - m));
      for (size_t c = 0; c < e.f.size(); ++c) {
        const double g = s[c] / z - (c == 0 ? 1.0 : 0.0);
        for (size_t k = 0; k < kFeatures; ++k) {
          w[k] -= lr * (g * (e.f[c][k] - mean[k]) / sd[k] + 1e-4 * w[k]);
        }
      }
    }
  }
  // Back to raw feature units (the constant offset does not change any ranking).
  for (size_t k = 0; k < kFeatures; ++k) weights_[k] = static_cast<float>(w[k] / sd[k]);
  count(outfits);  // answers use the counts of every training outfit
}

FitbResult crossValidateFitb(const std::vector<TextOutfit>& outfits,
                             const std::vector<FitbQuestion>& questions, size_t folds,
                             uint64_t seed) {
  FitbResult r;
  r.folds = folds;
  std::map<std::string, size_t> index;
  std::map<std::string, std::set<size_t>> homes;  // item name -> outfits holding it
  for (size_t o = 0; o < outfits.size(); ++o) {
    index[outfits[o].id] = o;
    for (const auto& item : outfits[o].items) homes[item.second].insert(o);
  }
  // Outfits into folds at random.
  std::vector<size_t> fold(outfits.size());
  {
    std::vector<size_t> order(outfits.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::mt19937_64 rng(seed);
    std::shuffle(order.begin(), order.end(), rng);
    for (size_t i = 0; i < order.size(); ++i) fold[order[i]] = i % folds;
  }
  double trainingSum = 0;
  for (size_t k = 0; k < folds; ++k) {
    std::vector<const FitbQuestion*> asked;
    std::set<size_t> excluded;
    for (const FitbQuestion& q : questions) {
      const auto it = index.find(q.outfit);
      // A question whose outfit is not in the training file is answered from every fold's
      // complement alike; it is asked in fold 0.
      const size_t qf = it == index.end() ? 0 : fold[it->second];
      if (qf != k) continue;
      asked.push_back(&q);
      if (it != index.end()) excluded.insert(it->second);
      for (const std::string& c : q.choices) {
        const auto h = homes.find(c);
        if (h != homes.end()) excluded.insert(h->second.begin(), h->second.end());
      }
    }
    for (size_t o = 0; o < outfits.size(); ++o) {
      if (fold[o] == k) excluded.insert(o);
    }
    std::vector<const TextOutfit*> training;
    for (size_t o = 0; o < outfits.size(); ++o) {
      if (excluded.count(o) == 0) training.push_back(&outfits[o]);
    }
    trainingSum += static_cast<double>(training.size());
    OutfitTextModel model;
    model.fit(training, seed + k);
    for (const FitbQuestion* q : asked) {
      r.correct += model.choose(q->given, q->blank_slot, q->choices) == q->answer ? 1 : 0;
      ++r.questions;
    }
  }
  r.accuracy = r.questions > 0 ? static_cast<double>(r.correct) / r.questions : 0.0;
  r.mean_training_outfits = folds > 0 ? trainingSum / static_cast<double>(folds) : 0.0;
  return r;
}

}  // namespace vrmall::rec
