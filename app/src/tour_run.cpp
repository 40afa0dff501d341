#include "tour_run.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <glm/gtc/matrix_transform.hpp>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "fitting_room.h"
#include "json_file.h"
#include "store_guide.h"
#include "store_scene.h"
#include "vrmall/engine/context.h"
#include "vrmall/engine/frustum.h"
#include "vrmall/engine/gltf_loader.h"
#include "vrmall/engine/image_file.h"
#include "vrmall/engine/offscreen_target.h"
#include "vrmall/engine/renderer.h"
#include "vrmall/rec/data/text_util.h"
#include "vrmall/rec/guide/guide_service.h"
#include "vrmall/rec/guide/store_layout.h"

namespace vrmall::app {
namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;
namespace fs = std::filesystem;

double msBetween(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

engine::View viewOf(const TourStep& s, float aspect) {
  const glm::vec3 eye(s.x, s.y, s.z);
  if (s.lookAt) {
    const auto& l = *s.lookAt;
    return engine::View::lookAt(eye, {l[0], l[1], l[2]}, glm::radians(65.0F), aspect);
  }
  return engine::View::yawPitch(eye, s.yawDeg, s.pitchDeg, glm::radians(65.0F), aspect);
}

json countsJson(const engine::ValidationCounts& c) {
  return {{"error", c.error}, {"warning", c.warning}, {"info", c.info}, {"verbose", c.verbose}};
}

}  // namespace

std::vector<TourStep> loadTour(const fs::path& path) {
  const json j = readJsonFile(path);
  const json none;
  const json& steps = j.is_array() ? j : j.is_object() && j.contains("steps") ? j["steps"] : none;
  if (!steps.is_array() || steps.empty()) {
    throw std::runtime_error(path.string() + ": wants a non-empty \"steps\" array");
  }
  std::vector<TourStep> out;
  for (size_t n = 0; n < steps.size(); ++n) {
    const json& s = steps[n];
    const std::string where = path.string() + ": steps[" + std::to_string(n) + "]";
    if (!s.is_object()) throw std::runtime_error(where + " is not an object");
    TourStep t;
    const json cam = s.value("camera", json());
    const auto pos = cam.is_object() ? vec3Of(cam.value("position", json())) : std::nullopt;
    if (!pos) {
      throw std::runtime_error(where + ".camera.position wants [x, y, z]");
    }
    t.x = pos->x;
    t.y = pos->y;
    t.z = pos->z;
    if (cam.contains("look_at")) {
      const auto l = vec3Of(cam["look_at"]);
      if (!l) throw std::runtime_error(where + ".camera.look_at wants [x, y, z]");
      t.lookAt = std::vector<float>{l->x, l->y, l->z};
    } else {
      if (!cam.value("yaw_deg", json()).is_number()) {
        throw std::runtime_error(where + ".camera wants yaw_deg (and pitch_deg) or look_at");
      }
      t.yawDeg = cam["yaw_deg"].get<float>();
      if (cam.value("pitch_deg", json()).is_number()) t.pitchDeg = cam["pitch_deg"].get<float>();
    }
    if (s.contains("gaze")) {
      if (!s["gaze"].is_string()) throw std::runtime_error(where + ".gaze wants a string");
      t.gaze = s["gaze"].get<std::string>();
    }
    if (s.contains("dwell_ms")) {
      if (!s["dwell_ms"].is_number() || s["dwell_ms"].get<double>() < 0) {
        throw std::runtime_error(where + ".dwell_ms wants a number >= 0");
      }
      t.dwellMs = s["dwell_ms"].get<float>();
    }
    const json actions = s.value("actions", json::array());
    if (!actions.is_array()) throw std::runtime_error(where + ".actions wants an array");
    for (const auto& a : actions) {
      const std::string name = a.is_string() ? a.get<std::string>() : std::string();
      if (name != "pick_up" && name != "try_on" && name != "add_to_cart" && name != "purchase") {
        throw std::runtime_error(where + ".actions: '" + a.dump() +
                                 "' is none of pick_up, try_on, add_to_cart, purchase");
      }
      t.actions.push_back(name);
    }
    if ((!t.actions.empty()) && t.gaze.empty()) {
      throw std::runtime_error(where + ": actions need a gaze target");
    }
    const json avatarJson = s.value("avatar", json::object());
    if (!avatarJson.is_object()) throw std::runtime_error(where + ".avatar wants an object");
    for (const auto& [key, value] : avatarJson.items()) {
      if (key != "SIZE" && key != "STYLE" && key != "BUDGET" && key != "GENDER") {
        throw std::runtime_error(where + ".avatar: '" + key +
                                 "' is none of SIZE, STYLE, BUDGET, GENDER");
      }
      t.avatar[key] = value.is_string() ? value.get<std::string>() : value.dump();
    }
    if (s.contains("note")) {
      if (!s["note"].is_string()) throw std::runtime_error(where + ".note wants a string");
      t.note = s["note"].get<std::string>();
    }
    out.push_back(std::move(t));
  }
  return out;
}

int runTour(const TourOptions& o) {
  std::vector<TourStep> steps;
  try {
    steps = loadTour(o.tourFile);
  } catch (const std::exception& e) {
    std::cerr << "vrmall: " << e.what() << "\n";
    return 2;
  }

  // The shopping guide: trained on the store's own shopper history, then on its own thread.
  GuideStart started;
  try {
    started = startGuide(o.storeDir);
  } catch (const std::exception& e) {
    std::cerr << "vrmall: the shopping guide cannot start: " << e.what() << "\n";
    return 2;
  }
  std::shared_ptr<const rec::Recommender> recommender = started.recommender;
  rec::StoreSlots& storeSlots = started.slots;
  const double trainMs = started.trainMs;
  int64_t clock = started.clock;

  engine::ContextOptions contextOptions;
  contextOptions.validation = o.validation;
  engine::Context context(contextOptions);
  engine::RendererOptions rendererOptions;
  rendererOptions.samples = o.msaa;
  engine::Renderer renderer(context, rendererOptions);
  engine::Scene scene;
  auto built = StoreScene::buildOrReport(o.storeDir, renderer, scene);
  if (!built) return 2;
  StoreSummary& store = *built;
  const double loadMs = store.loadMs;
  std::unique_ptr<SlotPlacer> placer;
  try {
    placer = std::make_unique<SlotPlacer>(o.storeDir, store, renderer, scene);
  } catch (const std::exception& e) {
    std::cerr << "vrmall: " << e.what() << "\n";
    return 2;
  }
  // The fitting area, where a try_on step dresses the avatar (fitting_NNN.png).
  std::unique_ptr<FittingRoom> fitting;
  try {
    fitting = FittingRoom::forStore(o.storeDir, store, renderer, scene);
  } catch (const std::exception& e) {
    std::cerr << "vrmall: " << e.what() << "\n";
    return 2;
  }
  AvatarProfile shopper;
  std::cout << "store: " << store.products << " products, " << store.fixtures << " fixtures, "
            << store.models << " models loaded in " << static_cast<int>(loadMs)
            << " ms; guide trained in " << static_cast<int>(trainMs) << " ms ("
            << storeSlots.slots.size() << " guided slots)\n";

  std::error_code ec;
  fs::create_directories(o.outDir, ec);
  std::ofstream events(o.outDir / "events.jsonl");
  std::ofstream plans(o.outDir / "plans.jsonl");
  if (ec || !events || !plans) {
    std::cerr << "vrmall: cannot write into " << o.outDir << "\n";
    return 2;
  }

  rec::PlanOptions planOptions;
  planOptions.promo_signs = storeSlots.promo_signs;
  rec::GuideService guide(recommender, storeSlots.slots, rec::UserContext{}, planOptions);
  const auto& slots = storeSlots.slots;
  std::vector<rec::SlotState> state = storeSlots.state;
  std::unordered_map<std::string, std::string> avatar;
  const auto& items = recommender->data().items;

  engine::OffscreenTarget target(context, {o.width, o.height}, 1);
  const float aspect = static_cast<float>(o.width) / static_cast<float>(o.height);
  json frames = json::array();
  std::vector<double> computeUs, frameCpu;
  double cpuSum = 0.0, cpuMax = 0.0, flushMax = 0.0;
  size_t swaps = 0, inViewViolations = 0, eventsPosted = 0, fittingImages = 0;
  const auto validationBefore = context.validationCounts();

  // Renders `view` into "<prefix>_NNN.png"; false (reported) when the file cannot be written.
  const auto renderPng = [&](const engine::View& v, const char* prefix, size_t n,
                             engine::FrameStats* stats, std::string& file) {
    const engine::FrameStats frame =
        renderer.render(scene, std::span<const engine::View>(&v, 1), target);
    if (stats) *stats = frame;
    renderer.waitIdle();
    char name[64];
    std::snprintf(name, sizeof(name), "%s_%03zu.png", prefix, n);
    file = name;
    const engine::RgbaImage image{o.width, o.height, target.readPixels(target.lastIndex(), 0)};
    if (engine::writePng(o.outDir / name, image)) return true;
    std::cerr << "vrmall: cannot write " << (o.outDir / name) << "\n";
    return false;
  };

  for (size_t n = 0; n < steps.size(); ++n) {
    const TourStep& step = steps[n];
    const engine::View view = viewOf(step, aspect);
    const engine::Frustum frustum(view.viewProj());
    for (size_t s = 0; s < slots.size(); ++s) {
      state[s].in_view = placer->inView(slots[s].id, frustum);
    }
    guide.setSlotState(state);
    if (!step.avatar.empty()) {
      for (const auto& [k, v] : step.avatar) avatar[k] = v;
      guide.setAttributes(avatar);
      if (fitting) fitting->setAvatar(shopper.with(avatar));
    }

    // Gaze and actions become the guide's events.
    int32_t gazeItem = -1;
    std::string gazeSlot;
    if (!step.gaze.empty()) {
      for (size_t s = 0; s < slots.size(); ++s) {
        if (slots[s].id == step.gaze) {
          gazeItem = state[s].item;
          gazeSlot = slots[s].id;
        }
      }
      if (gazeSlot.empty()) {
        if (auto found = items.find(step.gaze)) gazeItem = *found;
      }
      if (gazeItem < 0) {
        std::cerr << "vrmall: " << o.tourFile.string() << ": steps[" << n << "].gaze '" << step.gaze
                  << "' is neither a guided slot nor an ITEM_ID\n";
        return 2;
      }
      std::vector<rec::Interaction> stepEvents;
      clock += 1;
      stepEvents.push_back({-1, gazeItem, clock, rec::EventType::GazeDwell, step.dwellMs});
      clock += static_cast<int64_t>(std::ceil(step.dwellMs / 1000.0F));
      for (const auto& a : step.actions) {
        stepEvents.push_back({-1, gazeItem, ++clock, rec::eventTypeFromString(a), 1.0F});
      }
      for (const auto& e : stepEvents) {
        guide.post(e);
        ++eventsPosted;
        json line = {{"step", n},
                     {"user", "tour-shopper"},
                     {"item_id", items.id(e.item)},
                     {"timestamp", e.timestamp},
                     {"event_type", rec::toString(e.type)},
                     {"event_value", e.value}};
        if (!gazeSlot.empty()) line["slot"] = gazeSlot;
        events << line.dump() << "\n";
      }
    }

    // The frame renders while the guide's worker scores the new events.
    engine::FrameStats frame;
    std::string stepImage;
    if (!renderPng(view, "step", n, &frame, stepImage)) return 2;
    cpuSum += frame.cpuMs;
    frameCpu.push_back(frame.cpuMs);
    cpuMax = std::max(cpuMax, frame.cpuMs);

    // Tried on: the avatar wears it in the fitting area, seen from its third-person view.
    json tryOn;
    const bool triesOn =
        std::find(step.actions.begin(), step.actions.end(), "try_on") != step.actions.end();
    if (triesOn && fitting && gazeItem >= 0) {
      const rec::Dataset& data = recommender->data();
      TryOnRequest request;
      request.itemId = items.id(gazeItem);
      request.name = data.itemName(gazeItem);
      request.category = data.item_attributes.value(gazeItem, "CATEGORY_L1");
      for (auto& size : rec::splitCopy(data.item_attributes.value(gazeItem, "SIZES"), '|')) {
        if (!size.empty()) request.sizes.push_back(size);
      }
      std::string error;
      if (!fitting->wear(request, error)) {
        std::cerr << "vrmall: warning: cannot try on " << request.itemId << ": " << error << "\n";
      } else {
        std::string fittingName;
        if (!renderPng(fitting->view(aspect), "fitting", n, nullptr, fittingName)) return 2;
        json worn = json::array();
        for (const WornPiece& p : fitting->worn()) {
          worn.push_back({{"role", p.role},
                          {"item", p.itemId},
                          {"size", p.size},
                          {"fit", toString(p.fit.kind)},
                          {"fit_text", p.fit.text}});
        }
        tryOn = {{"image", fittingName}, {"worn", worn}};
        ++fittingImages;
      }
    }

    const auto flushStart = Clock::now();
    guide.flush();
    const double flushMs = msBetween(flushStart, Clock::now());
    flushMax = std::max(flushMax, flushMs);
    const auto plan = guide.latest();
    if (!plan) {
      std::cerr << "vrmall: the guide produced no plan\n";
      return 2;
    }
    computeUs.push_back(plan->compute_us);

    // Frame boundary: swap the products of changed slots (never one in view).
    json planSlots = json::array();
    size_t changedHere = 0;
    for (size_t s = 0; s < plan->slots.size() && s < slots.size(); ++s) {
      const rec::PlannedSlot& p = plan->slots[s];
      const int32_t previous = state[s].item;
      json reasons = json::array();
      for (const auto& r : p.reasons) reasons.push_back(r.text);
      planSlots.push_back({{"slot", p.slot_id},
                           {"group", slots[s].group},
                           {"item", p.item_id},
                           {"score", p.score},
                           {"reasons", reasons},
                           {"in_view", state[s].in_view},
                           {"previous", previous >= 0 ? items.id(previous) : std::string()},
                           {"changed", p.item != previous},
                           {"held", p.held}});
      if (p.item < 0 || p.item == previous) continue;
      if (state[s].in_view) {
        ++inViewViolations;
        continue;
      }
      std::string error;
      if (!placer->show(p.slot_id, p.item_id, error)) {
        std::cerr << "vrmall: warning: " << error << "\n";
        continue;
      }
      state[s].item = p.item;
      ++swaps;
      ++changedHere;
    }
    // The showcase stage as shown after this step (held pieces included), for a quick read.
    json showcase = json::array();
    for (size_t s = 0; s < plan->slots.size() && s < slots.size(); ++s) {
      if (!slots[s].showcase) continue;
      const int32_t shown = state[s].item;
      json reasons = json::array();
      if (shown == plan->slots[s].item) {
        for (const auto& r : plan->slots[s].reasons) reasons.push_back(r.text);
      }
      showcase.push_back({{"slot", plan->slots[s].slot_id},
                          {"item", shown >= 0 ? items.id(shown) : std::string()},
                          {"reasons", reasons}});
    }
    json promotions = json::array();
    for (const auto& pr : plan->promotions) {
      json ids = json::array();
      for (int32_t i : pr.items) ids.push_back(items.id(i));
      promotions.push_back(
          {{"sign", pr.sign_id}, {"text", pr.text}, {"items", ids}, {"reason", pr.reason}});
    }
    plans << json{{"step", n},
                  {"version", plan->version},
                  {"compute_us", plan->compute_us},
                  {"flush_ms", flushMs},
                  {"swapped", changedHere},
                  {"slots", planSlots},
                  {"showcase", showcase},
                  {"try_on", tryOn},
                  {"promotions", promotions}}
                 .dump()
          << "\n";
    frames.push_back({{"step", n},
                      {"frame", n},
                      {"cpu_ms", frame.cpuMs},
                      {"wait_ms", frame.waitMs},
                      {"draw_calls", frame.drawCalls},
                      {"draw_commands", frame.drawCommands},
                      {"triangles", frame.triangles},
                      {"instances_drawn", frame.instancesDrawn},
                      {"instances_total", frame.instancesTotal},
                      {"plan_version", plan->version},
                      {"plan_compute_us", plan->compute_us},
                      {"slots_swapped", changedHere}});
  }
  renderer.waitIdle();
  events.close();
  plans.close();

  const auto counts = context.validationCounts();
  const engine::ValidationCounts during{
      counts.verbose - validationBefore.verbose, counts.info - validationBefore.info,
      counts.warning - validationBefore.warning, counts.error - validationBefore.error};
  const double n = static_cast<double>(std::max<size_t>(1, steps.size()));
  std::vector<double> sorted = computeUs;
  std::sort(sorted.begin(), sorted.end());
  const double medianUs = sorted.empty() ? 0.0 : sorted[sorted.size() / 2];
  const double maxUs = sorted.empty() ? 0.0 : sorted.back();
  // The first frame creates the pipelines; the rest is the steady state.
  std::vector<double> steady(frameCpu.begin() + (frameCpu.size() > 1 ? 1 : 0), frameCpu.end());
  std::sort(steady.begin(), steady.end());
  const double cpuMedian = steady.empty() ? 0.0 : steady[steady.size() / 2];
  json stats = {{"device", context.deviceName()},
                {"width", o.width},
                {"height", o.height},
                {"views", 1},
                {"msaa_samples", o.msaa >= 4 ? 4 : 1},
                {"validation_enabled", context.validationEnabled()},
                {"tour", o.tourFile.string()},
                {"store",
                 {{"dir", o.storeDir.string()},
                  {"products", store.products},
                  {"fixtures", store.fixtures},
                  {"models", store.models},
                  {"missing", store.missingModels},
                  {"load_ms", loadMs}}},
                {"guide",
                 {{"train_ms", trainMs},
                  {"slots", slots.size()},
                  {"events_posted", eventsPosted},
                  {"plans", computeUs.size()},
                  {"compute_us_median", medianUs},
                  {"compute_us_max", maxUs},
                  {"flush_ms_max", flushMax},
                  {"slots_swapped", swaps},
                  {"in_view_changes_refused", inViewViolations}}},
                {"summary",
                 {{"frames", steps.size()},
                  {"cpu_ms_mean", cpuSum / n},
                  {"cpu_ms_max", cpuMax},
                  {"cpu_ms_median_after_first", cpuMedian},
                  {"screenshots", steps.size()},
                  {"fitting_images", fittingImages}}},
                {"validation", countsJson(counts)},
                {"validation_during_frames", countsJson(during)},
                {"frames", frames}};
  std::ofstream out(o.outDir / "stats.json");
  out << stats.dump(2) << "\n";
  if (!out) {
    std::cerr << "vrmall: cannot write " << (o.outDir / "stats.json") << "\n";
    return 2;
  }
  std::cout << "tour: " << steps.size() << " steps, " << eventsPosted << " events, " << swaps
            << " slots swapped; plan compute median " << medianUs << " us, max " << maxUs
            << " us; frame cpu " << cpuSum / n << " ms mean, " << cpuMedian
            << " ms median after the first, with the guide running; validation errors "
            << counts.error << ", warnings " << counts.warning << "\n"
            << "screenshots: " << (o.outDir / "step_*.png").string()
            << (fittingImages > 0 ? ", try-ons: " + (o.outDir / "fitting_*.png").string() : "")
            << "\n"
            << "plans: " << (o.outDir / "plans.jsonl").string() << "\n"
            << "events: " << (o.outDir / "events.jsonl").string() << "\n"
            << "stats: " << (o.outDir / "stats.json").string() << "\n";
  if (counts.error > 0) return 3;
  if (inViewViolations > 0) {
    std::cerr << "vrmall: the guide's plans changed " << inViewViolations
              << " slots in view (not applied)\n";
    return 4;
  }
  return 0;
}

}  // namespace vrmall::app
