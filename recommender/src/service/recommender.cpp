#include "vrmall/rec/service/recommender.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <fstream>

#include "vrmall/rec/data/data_error.h"
#include "vrmall/rec/data/size_match.h"
#include "vrmall/rec/models/reason_drafts.h"
#include "vrmall/rec/models/top_k.h"
#include "vrmall/rec/service/tune_model.h"

namespace vrmall::rec {
namespace {

constexpr char kMagic[8] = {'V', 'R', 'M', 'A', 'L', 'L', 'R', 'C'};

void writeTable(BinaryWriter& out, const AttributeTable& t) {
  out.put<uint64_t>(t.rows());
  out.putVector(t.listed());
  out.put<uint32_t>(static_cast<uint32_t>(t.columns().size()));
  for (const auto& c : t.columns()) {
    out.putString(c.name);
    out.put<uint8_t>(static_cast<uint8_t>(c.type));
    out.putStrings(c.raw);
  }
}

AttributeTable readTable(BinaryReader& in) {
  AttributeTable t;
  const auto rows = in.get<uint64_t>();
  auto listed = in.getVector<uint8_t>();
  const auto columns = in.get<uint32_t>();
  if (columns > 10000) in.fail("attribute column count");
  for (uint32_t c = 0; c < columns; ++c) {
    Column col;
    col.name = in.getString();
    const auto type = in.get<uint8_t>();
    if (type > static_cast<uint8_t>(ColumnType::Text)) in.fail("attribute column type");
    col.type = static_cast<ColumnType>(type);
    for (const auto& raw : in.getStrings()) appendCell(col, raw);
    if (col.rows() != rows) in.fail("attribute column length");
    t.columns().push_back(std::move(col));
  }
  if (listed.size() != rows) in.fail("attribute row flags");
  t.listed() = std::move(listed);
  t.setRowCount(rows);
  return t;
}

// Field by field rather than as raw structs: no padding bytes in the file, so the same model
// always writes the same bytes (and checksum).
void writeEvents(BinaryWriter& out, const std::vector<Interaction>& events) {
  out.put<uint64_t>(events.size());
  for (const auto& e : events) {
    out.put<int32_t>(e.user);
    out.put<int32_t>(e.item);
    out.put<int64_t>(e.timestamp);
    out.put<uint8_t>(static_cast<uint8_t>(e.type));
    out.put<float>(e.value);
  }
}

std::vector<Interaction> readEvents(BinaryReader& in) {
  constexpr size_t kBytesPerEvent = 4 + 4 + 8 + 1 + 4;
  const auto n = in.get<uint64_t>();
  if (n > in.remaining() / kBytesPerEvent) in.fail("event list of " + std::to_string(n));
  std::vector<Interaction> events(static_cast<size_t>(n));
  for (auto& e : events) {
    e.user = in.get<int32_t>();
    e.item = in.get<int32_t>();
    e.timestamp = in.get<int64_t>();
    const auto type = in.get<uint8_t>();
    if (type > static_cast<uint8_t>(EventType::Other)) in.fail("event type");
    e.type = static_cast<EventType>(type);
    e.value = in.get<float>();
  }
  return events;
}

std::vector<uint8_t> readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError(path + ": cannot open model file");
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

Recommender Recommender::train(Dataset data, const TrainOptions& options, TuningResult* tuning) {
  Recommender r;
  r.data_ = std::make_shared<Dataset>(std::move(data));
  r.model_ = makeModel(options.model);
  if (!options.params.is_null()) r.model_->setParams(options.params);
  if (options.tune) {
    TuningOptions to;
    to.seed = options.seed;
    to.threads = options.threads;
    to.progress = options.progress;
    TuningResult result = tuneModel(*r.model_, *r.data_, r.data_->events, options.weights, to);
    if (!options.params.is_null()) r.model_->setParams(options.params);
    if (tuning) *tuning = std::move(result);
  }
  r.training_ =
      makeTrainingData(*r.data_, r.data_->events, options.weights, options.threads, options.seed);
  r.sizes_ = SizeIndex(r.data_->item_attributes.column("SIZES"));
  const auto start = std::chrono::steady_clock::now();
  r.model_->fit(r.training_);
  r.train_seconds_ =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

Recommender Recommender::assemble(
    Dataset data, const EventWeights& weights,
    const std::function<std::unique_ptr<Model>(const TrainingData&)>& fit) {
  Recommender r;
  r.data_ = std::make_shared<Dataset>(std::move(data));
  r.training_ = makeTrainingData(*r.data_, r.data_->events, weights, 2, 42);
  r.sizes_ = SizeIndex(r.data_->item_attributes.column("SIZES"));
  const auto start = std::chrono::steady_clock::now();
  r.model_ = fit(r.training_);
  r.train_seconds_ =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

void Recommender::save(const std::string& path) const {
  BinaryWriter payload;
  payload.putStrings(data_->users.ids());
  payload.putStrings(data_->items.ids());
  writeTable(payload, data_->item_attributes);
  writeTable(payload, data_->user_attributes);
  writeEvents(payload, data_->events);
  payload.put(training_.weights);
  payload.putString(model_->kind());
  payload.putString(model_->params().dump());
  model_->save(payload);

  BinaryWriter file;
  for (char c : kMagic) file.put<char>(c);
  file.put<uint32_t>(kFormatVersion);
  file.put<uint64_t>(payload.bytes().size());
  auto& bytes = file.bytes();
  bytes.insert(bytes.end(), payload.bytes().begin(), payload.bytes().end());
  file.put<uint64_t>(checksum64(payload.bytes().data(), payload.bytes().size()));

  // Write to a temporary name and rename, so a failed save never destroys the previous model.
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw DataError(path + ": cannot write model file");
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
    if (!out) throw DataError(path + ": write failed (disk full?)");
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0)
    throw DataError(path + ": cannot replace model file");
}

Recommender Recommender::load(const std::string& path) {
  const std::vector<uint8_t> bytes = readFile(path);
  BinaryReader header(bytes.data(), bytes.size(), path);
  if (bytes.size() < sizeof kMagic + 4 + 8 + 8 || !std::equal(kMagic, kMagic + 8, bytes.begin())) {
    throw DataError(path + ": not a vrmall model file (bad magic)");
  }
  for (size_t i = 0; i < 8; ++i) header.get<char>();
  const auto version = header.get<uint32_t>();
  if (version != kFormatVersion) {
    throw DataError(path + ": model format version " + std::to_string(version) +
                    " is not supported (this build reads version " +
                    std::to_string(kFormatVersion) + "); retrain with vrmall-rec train");
  }
  const auto size = header.get<uint64_t>();
  if (size != header.remaining() - 8) {
    throw DataError(path + ": model file is truncated (payload says " + std::to_string(size) +
                    " bytes, file holds " +
                    std::to_string(header.remaining() >= 8 ? header.remaining() - 8 : 0) + ")");
  }
  const uint8_t* payload = bytes.data() + header.position();
  uint64_t stored = 0;
  std::memcpy(&stored, payload + size, 8);
  if (stored != checksum64(payload, static_cast<size_t>(size))) {
    throw DataError(path + ": model file is corrupt (checksum mismatch)");
  }

  BinaryReader in(payload, static_cast<size_t>(size), path);
  Recommender r;
  r.data_ = std::make_shared<Dataset>();
  for (const auto& id : in.getStrings()) r.data_->users.add(id);
  for (const auto& id : in.getStrings()) r.data_->items.add(id);
  r.data_->item_attributes = readTable(in);
  r.data_->user_attributes = readTable(in);
  r.data_->events = readEvents(in);
  for (const auto& e : r.data_->events) {
    if (e.user < 0 || e.user >= r.data_->numUsers() || e.item < 0 ||
        e.item >= r.data_->numItems()) {
      in.fail("event ids");
    }
  }
  if (r.data_->item_attributes.rows() != static_cast<size_t>(r.data_->numItems()))
    in.fail("item table rows");
  const auto weights = in.get<EventWeights>();
  const std::string kind = in.getString();
  try {
    r.model_ = makeModel(kind);
  } catch (const DataError&) {
    in.fail("unknown model kind '" + kind + "'");
  }
  r.model_->setParams(nlohmann::json::parse(in.getString()));
  r.training_ = makeTrainingData(*r.data_, r.data_->events, weights, 2, 42);
  r.sizes_ = SizeIndex(r.data_->item_attributes.column("SIZES"));
  r.model_->load(in, *r.data_);
  return r;
}

UserContext Recommender::contextFor(const std::string& user_id) const {
  if (auto u = data_->users.find(user_id)) return contextFromTraining(training_, *u);
  return UserContext{};
}

void Recommender::addEvents(UserContext& user, const std::vector<Interaction>& events) const {
  for (const auto& e : events) {
    const float w = training_.weights.weight(e);
    user.events.push_back(e);
    user.now = std::max(user.now, e.timestamp);
    if (w <= 0.0f || e.item < 0 || e.item >= data_->numItems()) continue;
    auto it = std::lower_bound(user.history.begin(), user.history.end(), e.item,
                               [](const ItemWeight& h, int32_t item) { return h.item < item; });
    if (it != user.history.end() && it->item == e.item) {
      it->weight += w;
    } else {
      user.history.insert(it, {e.item, w});
    }
  }
  user.history_matches_training = false;
}

std::vector<uint8_t> Recommender::excludedItems(const UserContext& user,
                                                const RecommendOptions& options) const {
  const auto items = static_cast<size_t>(data_->numItems());
  std::vector<uint8_t> excluded(items, 0);
  if (options.filter_already_liked) {
    for (const auto& h : user.history) excluded[static_cast<size_t>(h.item)] = 1;
  }
  for (int32_t i : options.exclude) {
    if (i >= 0 && static_cast<size_t>(i) < items) excluded[static_cast<size_t>(i)] = 1;
  }
  if (!options.filter.empty()) {
    ItemFilter::parse(options.filter, data_->item_attributes).excludeFailing(excluded);
  }
  if (options.only_in_size) sizes_.excludeNotFitting(user.attributes, excluded);
  return excluded;
}

std::vector<std::vector<Reason>> Recommender::reasonsFor(const UserContext& user,
                                                         std::span<const int32_t> items,
                                                         size_t limit) const {
  ReasonDrafts drafts;
  model_->draftReasons(user, items, drafts);
  // Per item, strongest first (ties in the order the parts gave them).
  auto& all = drafts.drafts();
  std::stable_sort(all.begin(), all.end(), [](const ReasonDraft& a, const ReasonDraft& b) {
    return a.item < b.item || (a.item == b.item && a.weight > b.weight);
  });
  std::vector<std::vector<Reason>> out(items.size());
  std::vector<uint32_t> kept;
  size_t d = 0;
  for (size_t n = 0; n < items.size(); ++n) {
    kept.clear();
    for (; d < all.size() && all[d].item == n; ++d) {
      // Two parts may say the same thing in the same words (the same phrase): say it once.
      if (kept.size() >= limit ||
          std::find(kept.begin(), kept.end(), all[d].phrase) != kept.end()) {
        continue;
      }
      kept.push_back(all[d].phrase);
      out[n].push_back(drafts.reason(all[d]));
    }
    if (out[n].empty() && limit > 0) {
      out[n].push_back({"popular with shoppers like you", 0.0f, "fallback"});
    }
  }
  return out;
}

std::vector<Reason> Recommender::reasonsFor(const UserContext& user, int32_t item,
                                            size_t limit) const {
  return std::move(reasonsFor(user, std::span<const int32_t>(&item, 1), limit).front());
}

std::vector<Recommendation> Recommender::recommend(const UserContext& user,
                                                   const RecommendOptions& options) const {
  std::vector<float> scores(static_cast<size_t>(data_->numItems()));
  model_->score(user, scores);
  const auto excluded = excludedItems(user, options);
  std::vector<Recommendation> out;
  for (const auto& t : topK(scores, options.n, excluded)) {
    Recommendation r;
    r.item = t.item;
    r.id = data_->items.id(t.item);
    r.name = data_->itemName(t.item);
    r.score = t.score;
    r.reasons = reasonsFor(user, t.item, options.reasons);
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<Recommendation> Recommender::similar(const std::string& item_id, size_t n) const {
  const auto item = data_->items.find(item_id);
  if (!item) throw DataError("unknown item '" + item_id + "'");
  UserContext ctx;
  ctx.history.push_back({*item, 1.0f});
  RecommendOptions options;
  options.n = n;
  options.only_in_size = false;
  auto out = recommend(ctx, options);
  const std::string because = "similar to " + data_->itemName(*item);
  for (auto& r : out) r.reasons.insert(r.reasons.begin(), {because, 1.0f, "similar"});
  return out;
}

}  // namespace vrmall::rec
