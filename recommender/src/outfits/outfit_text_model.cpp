#include "vrmall/rec/outfits/outfit_text_model.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "vrmall/rec/data/data_error.h"
#include "vrmall/rec/outfits/outfit_knowledge.h"
#include "vrmall/rec/outfits/outfit_text_tokens.h"

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

// The canonical colours a name's words name.
std::vector<std::string> colours(const std::vector<std::string>& words) {
  std::vector<std::string> out;
  for (const std::string& w : words) {
    std::string c = colourOfWord(w);
    if (!c.empty()) out.push_back(std::move(c));
  }
  return out;
}

constexpr const char* kContextSlot = "#context";

std::string typeToken(const std::string& type) {
  return "#type:" + type;
}
std::string tierToken(int tier) {
  return tier >= 0 ? "#tier:" + std::to_string(tier) : "#tier:";
}
std::string slotToken(bool filled, const std::string& slot) {
  return (filled ? "#has:" : "#no:") + slot;
}

// A running mean, 0 when empty.
struct Mean {
  double sum = 0;
  size_t n = 0;
  void add(double v) {
    sum += v;
    ++n;
  }
  float value() const { return n > 0 ? static_cast<float>(sum / static_cast<double>(n)) : 0.0f; }
};

// The model's settings. A research build (-DVRMALL_FITB_RESEARCH) reads FITB_<NAME> from the
// environment to try others against the inner validation (FITB_INNER=1 prints it); the product
// always uses the defaults chosen that way, whatever the environment says.
double knob([[maybe_unused]] const char* name, double fallback) {
#ifdef VRMALL_FITB_RESEARCH
  const char* v = std::getenv((std::string("FITB_") + name).c_str());
  if (v) return std::atof(v);
#endif
  return fallback;
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

// Softmax regression over each example's choices (the answer is choice 0), plain SGD with a
// little L2 on standardised features; returned in raw feature units (a constant offset would not
// change any ranking).
std::vector<float> softmaxWeights(const std::vector<OutfitTextModel::Example>& examples,
                                  std::mt19937_64& rng) {
  const size_t dims = examples.empty() ? 0 : examples[0].f[0].size();
  std::vector<double> mean(dims, 0.0), sd(dims, 0.0);
  double n = 0;
  for (const auto& e : examples) {
    for (const auto& f : e.f) {
      for (size_t k = 0; k < dims; ++k) mean[k] += f[k];
      n += 1;
    }
  }
  for (auto& m : mean) m /= std::max(1.0, n);
  for (const auto& e : examples) {
    for (const auto& f : e.f) {
      for (size_t k = 0; k < dims; ++k) sd[k] += (f[k] - mean[k]) * (f[k] - mean[k]);
    }
  }
  for (auto& s : sd) s = std::sqrt(s / std::max(1.0, n)) + 1e-6;
  std::vector<double> w(dims, 0.0);
  std::vector<size_t> idx(examples.size());
  for (size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  for (int epoch = 0; epoch < 30; ++epoch) {
    std::shuffle(idx.begin(), idx.end(), rng);
    const double lr = 0.05 / (1.0 + epoch * 0.1);
    for (size_t i : idx) {
      const auto& e = examples[i];
      std::vector<double> s(e.f.size());
      double m = -1e300;
      for (size_t c = 0; c < e.f.size(); ++c) {
        double v = 0;
        for (size_t k = 0; k < dims; ++k) v += w[k] * (e.f[c][k] - mean[k]) / sd[k];
        s[c] = v;
        m = std::max(m, v);
      }
      double z = 0;
      for (double& v : s) z += (v = std::exp(v - m));
      for (size_t c = 0; c < e.f.size(); ++c) {
        const double g = s[c] / z - (c == 0 ? 1.0 : 0.0);
        for (size_t k = 0; k < dims; ++k) {
          w[k] -= lr * (g * (e.f[c][k] - mean[k]) / sd[k] + 1e-4 * w[k]);
        }
      }
    }
  }
  std::vector<float> out(dims);
  for (size_t k = 0; k < dims; ++k) out[k] = static_cast<float>(w[k] / sd[k]);
  return out;
}

float OutfitTextModel::idf(int32_t token) const {
  return static_cast<float>(std::log((stats_.items() + 1.0) / (stats_.df(token) + 1.0)));
}

OutfitTextModel::Piece OutfitTextModel::pieceOf(const std::string& slot,
                                                const std::string& name) const {
  Piece p;
  p.slot = stats_.slot(slot);
  p.text = nameWords(name);
  for (const std::string& w : p.text) {
    const int32_t id = stats_.token(w);
    if (id >= 0) p.words.push_back(id);
  }
  std::sort(p.words.begin(), p.words.end());
  p.words.erase(std::unique(p.words.begin(), p.words.end()), p.words.end());
  const std::string type = garmentType(p.text);
  p.type = stats_.token(typeToken(type));
  p.tier = priceTier(p.text);
  p.tokens = p.words;
  if (p.type >= 0) p.tokens.push_back(p.type);
  static const bool tierTokens = knob("TIERTOK", 1) > 0;
  const int32_t tier = stats_.token(tierToken(p.tier));
  if (tierTokens && tier >= 0) p.tokens.push_back(tier);
  static const bool bigrams = knob("BIGRAMS", 0) > 0;
  for (size_t k = 1; bigrams && k < p.text.size(); ++k) {
    const int32_t id = stats_.token(p.text[k - 1] + "_" + p.text[k]);
    if (id >= 0) p.tokens.push_back(id);
  }
  std::sort(p.tokens.begin(), p.tokens.end());
  p.tokens.erase(std::unique(p.tokens.begin(), p.tokens.end()), p.tokens.end());
  return p;
}

OutfitTextModel::Context OutfitTextModel::contextOf(const std::vector<Piece>& given,
                                                    int32_t blankSlot) const {
  std::vector<bool> filled(stats_.slots(), false);
  for (const Piece& g : given) {
    if (g.slot >= 0) filled[static_cast<size_t>(g.slot)] = true;
  }
  Context c;
  for (size_t s = 0; s < filled.size(); ++s) {
    const auto slot = static_cast<int32_t>(s);
    if (slot == contextSlot_ || slot == blankSlot) continue;
    const int32_t t = stats_.token(slotToken(filled[s], stats_.slotName(slot)));
    if (t < 0) continue;
    c.tokens.push_back(t);
    if (!filled[s]) c.empty.push_back(t);
  }
  return c;
}

void OutfitTextModel::learn(const std::vector<const TextOutfit*>& outfits, uint64_t seed) {
  stats_ = OutfitTextStats();
  contextSlot_ = stats_.addSlot(kContextSlot);
  // Slots and tokens first, so that each outfit's empty slots are known when it is counted.
  for (const TextOutfit* o : outfits) {
    for (const auto& [slot, name] : o->items) {
      stats_.addSlot(slot);
      const std::vector<std::string> words = nameWords(name);
      for (const std::string& w : words) stats_.addToken(w);
      stats_.addToken(typeToken(garmentType(words)));
      stats_.addToken(tierToken(priceTier(words)));
      if (knob("BIGRAMS", 0) > 0) {
        for (size_t k = 1; k < words.size(); ++k) stats_.addToken(words[k - 1] + "_" + words[k]);
      }
    }
  }
  for (size_t s = 0; s < stats_.slots(); ++s) {
    stats_.addToken(slotToken(true, stats_.slotName(static_cast<int32_t>(s))));
    stats_.addToken(slotToken(false, stats_.slotName(static_cast<int32_t>(s))));
  }
  std::vector<EmbeddingOutfit> embedded;
  for (const TextOutfit* o : outfits) {
    std::vector<CountedItem> items;
    std::vector<Piece> pieces;
    EmbeddingOutfit e;
    for (const auto& [slot, name] : o->items) {
      Piece p = pieceOf(slot, name);
      items.push_back({p.slot, p.tokens});
      e.slots.push_back(p.slot);
      e.tokens.push_back(p.tokens);
      pieces.push_back(std::move(p));
    }
    const Context context = contextOf(pieces, -1);
    items.push_back({contextSlot_, context.tokens});
    e.empty = context.empty;
    stats_.add(items);
    embedded.push_back(std::move(e));
  }
  EmbeddingOptions options;
  options.dims = static_cast<int>(knob("DIMS", 48));
  options.epochs = static_cast<int>(knob("EPOCHS", 50));
  options.negatives = static_cast<int>(knob("NEG", 8));
  options.rate = static_cast<float>(knob("RATE", 0.2));
  options.decay = static_cast<float>(knob("DECAY", 1e-5));
  options.minCount = static_cast<int>(knob("MINC", 1));
  options.dropout = static_cast<float>(knob("DROPOUT", 0.4));
  // Settings chosen on the inner validation (FITB_INNER=1: blanks carved from training outfits,
  // never the questions): more epochs at a higher rate with word dropout beat 15 epochs at 0.05.
  // Several embeddings from different starts, averaged: SGD on a few hundred outfits lands
  // somewhere different each time.
  embeddings_.assign(options.dims > 0 ? static_cast<size_t>(knob("ENS", 1)) : 0, {});
  for (size_t k = 0; k < embeddings_.size(); ++k) {
    embeddings_[k].fit(embedded, stats_.vocabulary(), options, seed + k);
  }
}

std::vector<float> OutfitTextModel::features(const std::vector<Piece>& given,
                                             const Context& context, const Piece& cand) const {
  const std::vector<std::string> candColours = colours(cand.text);
  int candSeason = 0, candFormality = 0;
  for (const std::string& w : cand.text) {
    candSeason += seasonPull(w);
    candFormality += formalityPull(w);
  }
  Mean tierGap;
  Mean pmiMean, pmiPositive, slotMean, harmony, lengthDiff, typeType, typeWord, wordType;
  float pmiMax = -10, slotMax = -1;
  double overlap = 0, shared = 0;
  int givenSeason = 0, givenFormality = 0;
  std::set<int32_t> givenWords;
  for (const Piece& g : given) {
    givenWords.insert(g.words.begin(), g.words.end());
    for (const std::string& w : g.text) {
      givenSeason += seasonPull(w);
      givenFormality += formalityPull(w);
    }
    for (int32_t a : g.words) {
      for (int32_t b : cand.words) {
        const float p = stats_.pmi(a, b);
        pmiMean.add(p);
        pmiMax = std::max(pmiMax, p);
        pmiPositive.add(p > 1.0f ? 1.0f : 0.0f);
        const float v = stats_.npmi(g.slot, a, cand.slot, b);
        slotMean.add(v);
        slotMax = std::max(slotMax, v);
      }
      if (cand.type >= 0) wordType.add(stats_.npmi(g.slot, a, cand.slot, cand.type));
    }
    if (g.type >= 0 && cand.type >= 0)
      typeType.add(stats_.npmi(g.slot, g.type, cand.slot, cand.type));
    if (g.type >= 0) {
      for (int32_t b : cand.words) typeWord.add(stats_.npmi(g.slot, g.type, cand.slot, b));
    }
    for (const std::string& ca : colours(g.text)) {
      for (const std::string& cb : candColours) harmony.add(colourHarmony(ca, cb));
    }
    if (g.tier >= 0 && cand.tier >= 0) tierGap.add(std::abs(g.tier - cand.tier));
    lengthDiff.add(
        std::abs(static_cast<float>(g.text.size()) - static_cast<float>(cand.text.size())));
  }
  for (int32_t c : cand.words) {
    if (givenWords.count(c) != 0) {
      overlap += idf(c);
      shared += 1;
    }
  }
  Mean contextType, contextWord;
  for (int32_t t : context.tokens) {
    if (cand.type >= 0) contextType.add(stats_.npmi(contextSlot_, t, cand.slot, cand.type));
    for (int32_t b : cand.words) contextWord.add(stats_.npmi(contextSlot_, t, cand.slot, b));
  }
  std::vector<const std::vector<int32_t>*> givenTokens;
  for (const Piece& g : given) givenTokens.push_back(&g.tokens);
  Mean embedded, pairMax, pairMin;
  for (const OutfitTextEmbedding& e : embeddings_) {
    embedded.add(e.score(givenTokens, context.empty, cand.tokens));
    const std::vector<float> pairs = e.pairScores(givenTokens, cand.tokens);
    if (!pairs.empty()) {
      pairMax.add(*std::max_element(pairs.begin(), pairs.end()));
      pairMin.add(*std::min_element(pairs.begin(), pairs.end()));
    }
  }
  const bool anyPairs = pmiMean.n > 0;
  std::vector<float> out = {
      static_cast<float>(overlap),
      static_cast<float>(shared),
      pmiMean.value(),
      anyPairs ? pmiMax : 0.0f,
      pmiPositive.value(),
      harmony.value(),
      static_cast<float>(std::clamp(givenSeason, -3, 3) * std::clamp(candSeason, -1, 1)),
      static_cast<float>(std::clamp(givenFormality, -3, 3) * std::clamp(candFormality, -1, 1)),
      lengthDiff.value(),
      static_cast<float>(cand.text.size()),
      slotMean.value(),
      anyPairs ? slotMax : 0.0f,
      typeType.value(),
      typeWord.value(),
      wordType.value(),
      contextType.value(),
      contextWord.value(),
      embedded.value(),
      tierGap.value(),
      pairMax.value(),
      pairMin.value()};
  static const double only = knob("ONLY", -1), drop = knob("DROP", -1);
  for (size_t k = 0; k < out.size(); ++k) {
    if ((only >= 0 && k != static_cast<size_t>(only)) || k == static_cast<size_t>(drop)) out[k] = 0;
  }
  return out;
}

float OutfitTextModel::score(const Given& given, const std::string& slot,
                             const std::string& candidate) const {
  std::vector<Piece> g;
  for (const auto& [s, name] : given) g.push_back(pieceOf(s, name));
  const Piece cand = pieceOf(slot, candidate);
  const std::vector<float> f = features(g, contextOf(g, cand.slot), cand);
  float s = 0.0f;
  for (size_t k = 0; k < f.size() && k < weights_.size(); ++k) s += weights_[k] * f[k];
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

std::vector<OutfitTextModel::Example> OutfitTextModel::carveExamples(
    const std::vector<const TextOutfit*>& asked, std::mt19937_64& rng) const {
  std::map<std::string, std::vector<std::pair<const TextOutfit*, size_t>>> bySlot;
  for (const TextOutfit* o : asked) {
    for (size_t i = 0; i < o->items.size(); ++i) bySlot[o->items[i].first].emplace_back(o, i);
  }
  std::vector<Example> examples;
  for (const TextOutfit* o : asked) {
    for (size_t i = 0; i < o->items.size(); ++i) {
      const auto& pool = bySlot[o->items[i].first];
      if (pool.size() < 4) continue;
      std::vector<Piece> given;
      for (size_t j = 0; j < o->items.size(); ++j) {
        if (j != i) given.push_back(pieceOf(o->items[j].first, o->items[j].second));
      }
      const std::string& slot = o->items[i].first;
      const Piece answer = pieceOf(slot, o->items[i].second);
      const Context context = contextOf(given, answer.slot);
      Example e;
      e.f.push_back(features(given, context, answer));
      std::uniform_int_distribution<size_t> pick(0, pool.size() - 1);
      while (e.f.size() < 4) {
        const auto& [other, k] = pool[pick(rng)];
        if (other == o) continue;
        e.f.push_back(features(given, context, pieceOf(slot, other->items[k].second)));
      }
      examples.push_back(std::move(e));
    }
  }
  return examples;
}

// Accuracy on the carved blanks of each fold with weights learnt on the other folds' blanks:
// a validation made from the training outfits alone, for choosing settings without ever
// looking at the questions. Printed to stderr as "inner <correct> <blanks>".
static void reportInnerValidation(const std::vector<OutfitTextModel::Example>& examples,
                                  const std::vector<size_t>& firstOf, uint64_t seed) {
  size_t correct = 0, total = 0;
  for (size_t h = 0; h + 1 < firstOf.size(); ++h) {
    std::vector<OutfitTextModel::Example> train;
    for (size_t i = 0; i < examples.size(); ++i) {
      if (i < firstOf[h] || i >= firstOf[h + 1]) train.push_back(examples[i]);
    }
    std::mt19937_64 rng(seed ^ 0x9e3779b97f4a7c15ULL);
    const std::vector<float> w = softmaxWeights(train, rng);
    for (size_t i = firstOf[h]; i < firstOf[h + 1]; ++i) {
      const auto& f = examples[i].f;
      std::vector<float> s(f.size(), 0.0f);
      for (size_t c = 0; c < f.size(); ++c) {
        for (size_t k = 0; k < w.size(); ++k) s[c] += w[k] * f[c][k];
      }
      // Ties count against: the answer must strictly beat every wrong choice.
      bool best = true;
      for (size_t c = 1; c < f.size(); ++c) best = best && s[0] > s[c];
      correct += best ? 1 : 0;
      ++total;
    }
  }
  std::fprintf(stderr, "inner %zu %zu\n", correct, total);
}

void OutfitTextModel::fit(const std::vector<const TextOutfit*>& outfits, uint64_t seed) {
  // The weights are learnt on blanks whose counts come from the other folds of the outfits (a
  // model never sees the outfit it is asked about), each fold in turn.
  std::mt19937_64 rng(seed);
  std::vector<const TextOutfit*> order = outfits;
  std::shuffle(order.begin(), order.end(), rng);
  // Four folds, not two: the weights meet features counted on three quarters of the outfits,
  // nearer in scale to the counts of all of them that answer the questions (PMI and the learnt
  // embeddings sharpen as outfits are added).
  const size_t folds = static_cast<size_t>(knob("FOLDS", 4));
  std::vector<Example> examples;
  std::vector<size_t> firstOf;  // where each fold's examples start
  for (size_t h = 0; h < folds; ++h) {
    std::vector<const TextOutfit*> asked, counted;
    for (size_t i = 0; i < order.size(); ++i)
      (i % folds == h ? asked : counted).push_back(order[i]);
    learn(counted, rng());
    std::vector<Example> e = carveExamples(asked, rng);
    firstOf.push_back(examples.size());
    examples.insert(examples.end(), std::make_move_iterator(e.begin()),
                    std::make_move_iterator(e.end()));
  }
  firstOf.push_back(examples.size());
  if (knob("INNER", 0) > 0) reportInnerValidation(examples, firstOf, seed);
  weights_ = softmaxWeights(examples, rng);
  learn(outfits, rng());  // answers use the counts of every training outfit
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
