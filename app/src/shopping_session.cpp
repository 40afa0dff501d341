#include "shopping_session.h"

#include <algorithm>
#include <chrono>
#include <iostream>

#include "atomic_file.h"
#include "colourway_swatches.h"
#include "vrmall/engine/frustum.h"
#include "vrmall/rec/data/text_util.h"

namespace vrmall::app {
namespace {

// Saved history is kept in wall-clock seconds (its retention is in days of real time).
int64_t wallSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

using Clock = std::chrono::steady_clock;

// A guide slot's card reads its item and reasons from the plan: the same two, the same card.
bool sameCard(const rec::PlannedSlot& a, const rec::PlannedSlot& b) {
  if (a.item != b.item || a.reasons.size() != b.reasons.size()) return false;
  for (size_t r = 0; r < a.reasons.size(); ++r) {
    if (a.reasons[r].text != b.reasons[r].text || a.reasons[r].weight != b.reasons[r].weight)
      return false;
  }
  return true;
}

}  // namespace

ShoppingSession::ShoppingSession(const std::filesystem::path& storeDir, StoreSummary& store,
                                 engine::Renderer& renderer, engine::Scene& scene,
                                 SessionOptions options)
    : store_(store), renderer_(renderer), scene_(scene), options_(options), dwell_(options.dwell) {
  try {
    start_ = startGuide(storeDir);
    placer_ = std::make_unique<SlotPlacer>(storeDir, store, renderer, scene);
    rec::PlanOptions planOptions;
    planOptions.promo_signs = start_->slots.promo_signs;
    guide_ = std::make_unique<rec::GuideService>(start_->recommender, start_->slots.slots,
                                                 rec::UserContext{}, planOptions);
    guide_->setAttributes(avatar_.toAttributes());
    state_ = start_->slots.state;
    const auto preloadStart = Clock::now();
    counters_.modelsPreloaded = placer_->preloadAll();
    counters_.preloadMs =
        std::chrono::duration<double, std::milli>(Clock::now() - preloadStart).count();
  } catch (const std::exception& e) {
    guideError_ = e.what();
    std::cerr << "vrmall: warning: the shopping guide is off: " << guideError_ << "\n";
    guide_.reset();
  }
  for (const auto& [id, instance] : store_.slotInstances) slots_.push_back({id, instance, -1});
  productStamp_.assign(slots_.size(), 0);
  std::map<std::string, int> bySlot;
  for (size_t p = 0; p < slots_.size(); ++p) bySlot[slots_[p].id] = static_cast<int>(p);
  if (guide_) {
    const auto& guideSlots = start_->slots.slots;
    guideToProduct_.assign(guideSlots.size(), -1);
    for (const auto& slot : guideSlots) guideSlotBoxes_.push_back(placer_->box(slot.id));
    for (size_t g = 0; g < guideSlots.size(); ++g) {
      const auto it = bySlot.find(guideSlots[g].id);
      if (it == bySlot.end()) continue;
      guideToProduct_[g] = it->second;
      slots_[static_cast<size_t>(it->second)].guideSlot = static_cast<int>(g);
    }
  }
  std::vector<engine::InstanceId> instances;
  for (const Slot& s : slots_) instances.push_back(s.instance);
  picker_.rebuild(scene_, renderer_, instances);
  if (options_.profileDir) restoreProfile();
  // The fitting area after the picker: the avatar and what it wears are not store products.
  try {
    fitting_ = FittingRoom::forStore(storeDir, store_, renderer_, scene_, avatar_);
  } catch (const std::exception& e) {
    std::cerr << "vrmall: warning: no fitting area: " << e.what() << "\n";
  }
}

ShoppingSession::~ShoppingSession() = default;

int ShoppingSession::productOfSlot(const std::string& slotId) const {
  for (size_t p = 0; p < slots_.size(); ++p) {
    if (slots_[p].id == slotId) return static_cast<int>(p);
  }
  return -1;
}

int32_t ShoppingSession::itemIndex(const std::string& itemId) const {
  if (!start_) return -1;
  const auto found = start_->recommender->data().items.find(itemId);
  return found ? *found : -1;
}

const engine::Bounds& ShoppingSession::productBounds(int product) const {
  return picker_.bounds(static_cast<size_t>(product));
}

SavedShopper ShoppingSession::snapshot() const {
  SavedShopper s;
  s.avatar = avatar_;
  s.gazeConsent = gazeConsent_;
  s.history = history_;
  for (const CartLine& l : cart_) {
    s.cart.push_back({l.itemId, l.name, l.size, l.colourway, l.price});
  }
  return s;
}

void ShoppingSession::persist() {
  if (saver_) saver_->submit(snapshot(), wallSeconds());
}

void ShoppingSession::restoreProfile() {
  try {
    saver_ = std::make_unique<ShopperSaver>(ShopperStore(*options_.profileDir));
    const LoadedShopper loaded = saver_->store().load();
    if (!loaded.problem.empty()) {
      profileProblem_ = loaded.problem + " (kept as " + loaded.backup->string() + ")";
      std::cerr << "vrmall: warning: " << profileProblem_ << "; starting with a new profile\n";
    }
    const SavedShopper& s = loaded.shopper;
    gazeConsent_ = s.gazeConsent;
    history_ = s.history;
    for (const SavedCartLine& l : s.cart)
      cart_.push_back({l.item, l.name, l.size, l.colourway, l.price});
    avatar_ = s.avatar;
    if (guide_) {
      guide_->setAttributes(avatar_.toAttributes());
      // The saved history at its age: as long before the guide's "now" as it was before this
      // run, so recency weighs it as it should.
      const int64_t wallNow = wallSeconds();
      for (const SavedEvent& e : history_) {
        const int32_t item = itemIndex(e.item);
        if (item < 0) continue;
        guide_->post({-1, item, start_->clock - (wallNow - e.timestamp),
                      rec::eventTypeFromString(e.type), e.value});
      }
      if (options_.synchronousGuide) guide_->flush();
    }
  } catch (const std::exception& e) {
    profileProblem_ = e.what();
    std::cerr << "vrmall: warning: the profile cannot be used: " << e.what() << "\n";
    saver_.reset();
  }
  // Gaze is tracked only with consent; until the shopper answers (first start) it is off.
  applyGazeTracking(gazeConsent_.value_or(false));
}

std::optional<std::filesystem::path> ShoppingSession::exportMyData(
    std::string& error, const std::filesystem::path& file) {
  std::filesystem::path out = file;
  if (out.empty()) {
    if (!options_.profileDir) {
      error = "no profile folder (--profile-dir) to export into";
      return std::nullopt;
    }
    out = *options_.profileDir / ("vrmall-my-data-" + std::to_string(wallSeconds()) + ".json");
  }
  nlohmann::json j = ShopperStore::toJson(snapshot());
  j["exported_at_unix"] = wallSeconds();
  j["note"] =
      "Everything vrmall keeps about you on this device: the avatar, your answer on gaze "
      "tracking, your shopping history (looks longer than the interest threshold, pick-ups, "
      "try-ons, cart additions, purchases; never raw gaze samples) and your cart.";
  try {
    writeFileAtomically(out, j.dump(2) + "\n");
  } catch (const std::exception& e) {
    error = e.what();
    return std::nullopt;
  }
  return out;
}

void ShoppingSession::post(int product, rec::EventType type, float value) {
  if (!guide_ || product < 0) return;
  const auto it = store_.slotItems.find(slots_[static_cast<size_t>(product)].id);
  if (it == store_.slotItems.end()) return;
  const int32_t item = itemIndex(it->second);
  if (item < 0) return;
  const int64_t now = start_->clock + static_cast<int64_t>(seconds_);
  guide_->post({-1, item, now, type, value});
  ++counters_.eventsPosted;
  if (saver_) {
    history_.push_back({rec::toString(type), it->second, wallSeconds(), value});
    persist();
  }
  if (options_.logEvents) {
    posted_.push_back({rec::toString(type), slots_[static_cast<size_t>(product)].id, it->second,
                       value, seconds_});
  }
  if (options_.synchronousGuide) guide_->flush();
}

void ShoppingSession::update(const engine::View& view, const std::optional<PointerRay>& pointer,
                             float dt) {
  const auto t0 = Clock::now();
  seconds_ += dt;
  animator_.update(scene_, dt);
  if (guide_) {
    // Which guide slots are in view: the guide must not change them under the shopper's eyes.
    // The product under the pointer and the selected one are held too.
    const engine::Frustum frustum(view.viewProj());
    bool viewChanged = false;
    for (size_t g = 0; g < state_.size(); ++g) {
      const int p = guideToProduct_[g];
      const auto& box = guideSlotBoxes_[g];
      const bool in =
          (box && frustum.intersects(*box)) || (p >= 0 && (p == hovered_ || p == selected_));
      viewChanged = viewChanged || in != state_[g].in_view;
      state_[g].in_view = in;
    }
    if (viewChanged) {
      guide_->setSlotState(state_);
      if (options_.synchronousGuide) guide_->flush();
    }
    applyPlan();
  }
  // The pointer: nearest product hit, then the dwell tracker.
  int target = -1;
  if (pointer) {
    if (const auto hit = picker_.pick(*pointer, options_.maxPickDistance)) {
      target = static_cast<int>(hit->index);
    }
  }
  hovered_ = target;
  const auto events = gazeTracking_ ? dwell_.update(target, dt) : dwell_.reset();
  for (const auto& e : events) {
    if (e.kind == DwellTracker::Kind::Select) select(e.target);
    // Looking is never buying: a long look becomes one gaze_dwell event, nothing else.
    if (e.kind == DwellTracker::Kind::Leave && gazeTracking_ &&
        e.dwellSeconds >= dwell_.config().interestSeconds) {
      post(e.target, rec::EventType::GazeDwell, e.dwellSeconds * 1000.0F);
    }
  }
  counters_.lastFrameMs = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

StoreSearch ShoppingSession::search(const std::string& query, size_t k) const {
  StoreSearch out;
  out.query = query;
  if (!start_ || !guide_) return out;
  const rec::Recommender& r = *start_->recommender;
  if (!parser_) parser_ = std::make_unique<rec::IntentParser>(r.data().item_attributes);
  out.intent = parser_->parse(query);
  // The guide's order for this shopper (history, session and avatar) breaks the words' ties.
  const rec::UserContext shopper = guide_->shopperSnapshot();
  std::vector<float> personal(static_cast<size_t>(r.data().numItems()));
  r.model().score(shopper, personal);
  rec::SearchOptions o;
  o.k = k;
  o.personal = personal;
  out.results = rec::searchCatalogue(r.data(), out.intent, o);
  for (const rec::SearchHit& h : out.results.hits) out.products.push_back(productShowing(h.id));
  return out;
}

int ShoppingSession::productShowing(const std::string& itemId) const {
  for (size_t p = 0; p < slots_.size(); ++p) {
    const auto it = store_.slotItems.find(slots_[p].id);
    if (it != store_.slotItems.end() && it->second == itemId) return static_cast<int>(p);
  }
  return -1;
}

std::string ShoppingSession::itemIdOf(int32_t index) const {
  if (!start_ || index < 0) return "";
  const auto& ids = start_->recommender->data().items;
  return index < ids.size() ? ids.id(index) : "";
}

int ShoppingSession::pick(const PointerRay& ray) const {
  const auto hit = picker_.pick(ray, options_.maxPickDistance);
  return hit ? static_cast<int>(hit->index) : -1;
}

void ShoppingSession::applyPlan() {
  const auto plan = guide_->latest();
  if (!plan || (applied_ && plan->version == applied_->version)) return;
  const auto previous = std::exchange(applied_, plan);
  ++counters_.plansApplied;
  bool changed = false;
  std::vector<size_t> swapped;  // products (picker indices) whose model changed
  for (size_t g = 0; g < plan->slots.size() && g < state_.size(); ++g) {
    const rec::PlannedSlot& p = plan->slots[g];
    const int product = guideToProduct_[g];  // the store product showing this slot, or -1
    // Its card changes when the slot's item or reasons do.
    if (product >= 0 &&
        !(previous && g < previous->slots.size() && sameCard(previous->slots[g], p))) {
      ++productStamp_[static_cast<size_t>(product)];
    }
    if (p.item < 0 || p.item == state_[g].item) continue;
    if (state_[g].in_view) {
      ++counters_.inViewSwapsRefused;  // the plan was made before the shopper turned here
      continue;
    }
    std::string error;
    if (!placer_->show(p.slot_id, p.item_id, error)) continue;
    state_[g].item = p.item;
    ++counters_.slotsSwapped;
    changed = true;
    if (product >= 0) {
      const engine::InstanceId inst = slots_[static_cast<size_t>(product)].instance;
      animator_.start(inst, scene_.instance(inst).transform);
      swapped.push_back(static_cast<size_t>(product));
    }
  }
  if (changed) {
    guide_->setSlotState(state_);
    // Boxes for picking follow the final placement, not the growing animation.
    picker_.refresh(scene_, renderer_, swapped);
    animator_.update(scene_, 0.0F);
  }
}

void ShoppingSession::select(int product) {
  if (product < -1 || product >= static_cast<int>(slots_.size())) return;
  selected_ = product;
}

const ProductInfo& ShoppingSession::info(int product) const {
  static const ProductInfo kNone;
  if (product < 0 || product >= static_cast<int>(slots_.size())) return kNone;
  auto& cached = infoCache_[product];
  const uint64_t own = productStamp_[static_cast<size_t>(product)];
  if (!cached.valid || cached.stamp != stamp_ || cached.productStamp != own) {
    cached.info = computeInfo(product);
    cached.stamp = stamp_;
    cached.productStamp = own;
    cached.valid = true;
  }
  return cached.info;
}

const ProductInfo& ShoppingSession::catalogueInfo(int32_t index) const {
  auto it = catalogueInfo_.find(index);
  if (it != catalogueInfo_.end()) return it->second;
  ProductInfo out;
  const rec::Dataset& data = start_->recommender->data();
  const rec::AttributeTable& t = data.item_attributes;
  out.name = data.itemName(index);
  out.brand = t.value(index, "BRAND");
  out.category = t.value(index, "CATEGORY_L2");
  out.kind = t.value(index, "CATEGORY_L1");
  try {
    out.price = std::stod(t.value(index, "PRICE"));
  } catch (const std::exception&) {
    out.price = 0.0;
  }
  for (std::string& size : rec::splitCopy(t.value(index, "SIZES"), '|')) {
    if (!size.empty()) out.sizes.push_back(std::move(size));
  }
  for (const auto& [label, column] :
       std::vector<std::pair<const char*, const char*>>{{"Main colour", "COLOR"},
                                                        {"Style", "STYLE"},
                                                        {"Season", "SEASON"},
                                                        {"Material", "MATERIAL"},
                                                        {"For", "GENDER"}}) {
    std::string v = t.value(index, column);
    std::replace(v.begin(), v.end(), '|', ',');
    if (!v.empty()) out.attributes.emplace_back(label, v);
  }
  return catalogueInfo_.emplace(index, std::move(out)).first->second;
}

ProductInfo ShoppingSession::computeInfo(int product) const {
  ProductInfo out;
  if (product < 0 || product >= static_cast<int>(slots_.size())) return out;
  const Slot& slot = slots_[static_cast<size_t>(product)];
  out.slotId = slot.id;
  const auto item = store_.slotItems.find(slot.id);
  if (item != store_.slotItems.end()) out.itemId = item->second;
  out.name = out.itemId;
  const engine::Instance& inst = scene_.instances().at(slot.instance);
  if (const auto v = store_.variantNames.find(inst.model); v != store_.variantNames.end()) {
    out.colourways = v->second;
  }
  out.colourway = inst.variant;
  const int32_t index = itemIndex(out.itemId);
  if (index >= 0) {
    const ProductInfo& c = catalogueInfo(index);
    out.name = c.name;
    out.brand = c.brand;
    out.category = c.category;
    out.kind = c.kind;
    out.price = c.price;
    out.sizes = c.sizes;
    out.attributes = c.attributes;
    // Why: the plan's own reasons for a guide slot; for any other product, the guide's reasons
    // for this shopper (asked once, when the card opens).
    if (slot.guideSlot >= 0 && applied_ &&
        static_cast<size_t>(slot.guideSlot) < applied_->slots.size() &&
        applied_->slots[static_cast<size_t>(slot.guideSlot)].item == index) {
      out.reasons = applied_->slots[static_cast<size_t>(slot.guideSlot)].reasons;
      out.suggested = true;
    } else if (guide_) {
      out.reasons = start_->recommender->reasonsFor(guide_->shopperSnapshot(), index, 3);
    }
    completeTheLook(index, out);
  }
  return out;
}

void ShoppingSession::completeTheLook(int32_t index, ProductInfo& out) const {
  if (!guide_) return;
  const rec::Recommender& r = *start_->recommender;
  if (!outfits_) outfits_ = std::make_unique<rec::OutfitBuilder>(r.data());
  // For this shopper: their gender, sizes and budget, and the guide's taste as a tie-breaker.
  const rec::UserContext shopper = guide_->shopperSnapshot();
  std::vector<float> taste(static_cast<size_t>(r.data().numItems()));
  r.model().score(shopper, taste);
  rec::OutfitOptions o;
  o.k = 1;
  o.preference = taste;
  const std::vector<rec::Outfit> looks = outfits_->complete(index, shopper, o);
  if (looks.empty()) return;
  out.lookPrice = looks.front().total_price;
  for (const rec::OutfitPiece& piece : looks.front().pieces) {
    if (piece.item == index) continue;  // the card's own product
    LookPiece p;
    p.slot = rec::outfitSlotName(piece.slot);
    p.itemId = r.data().items.id(piece.item);
    p.name = r.data().itemName(piece.item);
    p.price = piece.price;
    if (!piece.reasons.empty()) p.reason = piece.reasons.front();
    p.product = productShowing(p.itemId);
    out.look.push_back(std::move(p));
  }
}

std::vector<glm::vec3> ShoppingSession::swatches(const std::string& itemId) const {
  const auto model = store_.modelOf.find(itemId);
  if (model == store_.modelOf.end()) return {};
  auto cached = swatchCache_.find(itemId);
  if (cached == swatchCache_.end()) {
    cached = swatchCache_.emplace(itemId, colourwaySwatches(model->second)).first;
  }
  return cached->second;
}

void ShoppingSession::pickUp(int product) {
  post(product, rec::EventType::PickUp, 1.0F);
}

void ShoppingSession::tryOn(int product, const std::string& size) {
  const ProductInfo p = info(product);
  if (p.itemId.empty()) return;
  triedOn_.erase(std::remove(triedOn_.begin(), triedOn_.end(), p.name), triedOn_.end());
  triedOn_.insert(triedOn_.begin(), p.name);
  post(product, rec::EventType::TryOn, 1.0F);
  dress({p.itemId, p.name, p.kind, size, p.sizes, p.colourway, p.colourwayName()});
}

void ShoppingSession::tryOnLook(int product, const std::string& size) {
  const ProductInfo p = info(product);
  if (p.itemId.empty()) return;
  const std::vector<LookPiece> look = p.look;
  tryOn(product, size);
  for (const LookPiece& piece : look) {
    if (piece.product >= 0) {
      tryOn(piece.product);  // on display: as if the shopper tried that product on too
      continue;
    }
    const int32_t index = itemIndex(piece.itemId);
    if (index < 0) continue;
    const ProductInfo& c = catalogueInfo(index);
    dress({piece.itemId, c.name, c.kind, "", c.sizes, -1, ""});
  }
}

void ShoppingSession::dress(const TryOnRequest& request) {
  if (!fitting_) {
    fittingError_ = "this store has no fitting area (layout.json fitting_area)";
    return;
  }
  if (fitting_->wear(request, fittingError_)) {
    fittingError_.clear();
    fittingView_ = true;
  } else {
    std::cerr << "vrmall: warning: cannot try on " << request.itemId << ": " << fittingError_
              << "\n";
  }
}

void ShoppingSession::undress() {
  if (fitting_) fitting_->undress();
}

void ShoppingSession::addToCart(int product, const std::string& size) {
  const ProductInfo p = info(product);
  if (p.itemId.empty()) return;
  CartLine line{p.itemId, p.name, size, p.colourwayName(), p.price};
  cart_.push_back(line);
  post(product, rec::EventType::AddToCart, 1.0F);
}

void ShoppingSession::setColourway(int product, int colourway) {
  if (product < 0 || product >= static_cast<int>(slots_.size())) return;
  scene_.instance(slots_[static_cast<size_t>(product)].instance).variant = colourway;
  ++productStamp_[static_cast<size_t>(product)];
}

void ShoppingSession::checkout() {
  if (guide_) {
    const int64_t now = start_->clock + static_cast<int64_t>(seconds_);
    for (const CartLine& line : cart_) {
      const int32_t item = itemIndex(line.itemId);
      if (item < 0) continue;
      guide_->post({-1, item, now, rec::EventType::Purchase, 1.0F});
      ++counters_.eventsPosted;
      if (saver_) history_.push_back({"purchase", line.itemId, wallSeconds(), 1.0F});
    }
    if (options_.synchronousGuide) guide_->flush();
  }
  cart_.clear();
  ++stamp_;
  persist();
}

void ShoppingSession::removeFromCart(size_t line) {
  if (line < cart_.size()) cart_.erase(cart_.begin() + static_cast<std::ptrdiff_t>(line));
  persist();
}

double ShoppingSession::cartTotal() const {
  double total = 0.0;
  for (const CartLine& line : cart_) total += line.price;
  return total;
}

void ShoppingSession::setAvatar(const AvatarProfile& avatar) {
  if (avatar == avatar_) return;
  avatar_ = avatar;
  ++stamp_;
  if (fitting_) fitting_->setAvatar(avatar_);
  persist();
  if (guide_) {
    guide_->setAttributes(avatar_.toAttributes());
    if (options_.synchronousGuide) guide_->flush();
  }
}

void ShoppingSession::setGazeTracking(bool on) {
  if (saver_ && gazeConsent_ != on) {
    gazeConsent_ = on;
    persist();
  }
  applyGazeTracking(on);
}

void ShoppingSession::applyGazeTracking(bool on) {
  if (on == gazeTracking_) return;
  gazeTracking_ = on;
  if (!on) dwell_.reset();  // the dwell in progress is dropped, not posted
  if (guide_) guide_->setGazeTracking(on);
}

void ShoppingSession::forgetMe() {
  ++stamp_;
  dwell_.reset();
  cart_.clear();
  triedOn_.clear();
  undress();
  fittingView_ = false;
  if (saver_) {
    history_.clear();
    saver_->forget();
    avatar_ = AvatarProfile{};
    if (fitting_) fitting_->setAvatar(avatar_);
    if (guide_) guide_->setAttributes(avatar_.toAttributes());
    gazeConsent_.reset();  // asked again, as at a first start
    applyGazeTracking(false);
  }
  if (guide_) {
    guide_->forgetMe();
    if (options_.synchronousGuide) guide_->flush();
  }
}

std::vector<int> ShoppingSession::forYou() const {
  std::vector<int> out;
  if (!guide_) return out;
  for (size_t g = 0; g < start_->slots.slots.size(); ++g) {
    if (start_->slots.slots[g].group == "for-you" && guideToProduct_[g] >= 0) {
      out.push_back(guideToProduct_[g]);
    }
  }
  return out;
}

}  // namespace vrmall::app
