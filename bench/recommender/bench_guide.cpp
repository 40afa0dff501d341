// The guide in the loop: a gaze event to a new shelf plan (GuideService: event handed over,
// context updated, all parts scored, wall + mannequins + promos planned, plan published) for a
// 10,000-item catalogue, and the planner alone. Reports p50/p99 per event as counters (wall time
// from post to published plan, and the planning thread's CPU time for the plan).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <string>

#include "vrmall/rec/guide/guide_service.h"

namespace vrmall::rec {
namespace {

constexpr int kItems = 10000;
constexpr int kShoppers = 2000;

// A synthetic store with the default store's attribute vocabulary, and persona-like shoppers.
std::shared_ptr<const Recommender> bigStore() {
  static const auto guide = [] {
    const char* kinds[] = {"tops",  "trousers", "dresses", "skirts",  "jackets",
                           "shoes", "bags",     "hats",    "glasses", "watches"};
    const char* colors[] = {"black", "white", "navy", "red",  "green",
                            "beige", "grey",  "blue", "pink", "brown"};
    const char* styles[] = {"casual", "formal",     "street", "sporty",
                            "boho",   "minimalist", "evening"};
    std::mt19937 rng(11);
    std::string csv = "ITEM_ID,NAME,CATEGORY_L1,CATEGORY_L2,GENDER,COLOR,STYLE,BRAND,PRICE,SIZES\n";
    for (int i = 0; i < kItems; ++i) {
      const int k = i % 10;
      csv += "P" + std::to_string(i) + ",Item " + std::to_string(i) + "," + kinds[k] + "," +
             kinds[k] + std::to_string(rng() % 6) + "," + (rng() % 2 ? "women" : "men") + "," +
             colors[rng() % 10] + "," + styles[rng() % 7] + "," + "Brand" +
             std::to_string(rng() % 40) + "," + std::to_string(20 + rng() % 300) + "," +
             (k >= 6 ? "one-size" : "S|M|L|XL") + "\n";
    }
    Dataset data;
    data.item_attributes = AttributeTable::fromCsvText(csv, "synthetic", "ITEM_ID", data.items);
    std::exponential_distribution<> pick(1.0 / 1500.0);
    for (int u = 0; u < kShoppers; ++u) {
      const int32_t user = data.users.add("S" + std::to_string(u));
      const int style = u % 7;
      for (int n = 0; n < 50; ++n) {
        int32_t item = std::min(kItems - 1, static_cast<int>(pick(rng)));
        item = static_cast<int32_t>((item / 7) * 7 + style) % kItems;  // persona taste
        data.events.push_back(
            {user, item, 1000 + n, n % 5 ? EventType::GazeDwell : EventType::TryOn, 2000});
      }
    }
    data.syncSizes();
    TrainOptions o;
    o.tune = false;
    return std::make_shared<const Recommender>(Recommender::train(std::move(data), o));
  }();
  return guide;
}

// The default store's shape: a 24-slot "For you" wall, 8 mannequins of 5 slots (complete looks
// around what the shopper engaged with), the 3-piece showcase stage (trending, re-ranked for the
// shopper), 2 promo signs.
std::vector<SlotSpec> storeSlots() {
  std::vector<SlotSpec> slots;
  for (int s = 0; s < 24; ++s)
    slots.push_back({"FY" + std::to_string(s), "for-you", {}, 1.0f - 0.02f * s, "", ""});
  const char* roles[][2] = {{"top", "tops"},
                            {"bottom", "trousers"},
                            {"shoes", "shoes"},
                            {"bag", "bags"},
                            {"hat", "hats"}};
  for (int m = 0; m < 8; ++m) {
    for (const auto& r : roles) {
      slots.push_back({"MQ" + std::to_string(m) + "-" + r[0],
                       "MQ" + std::to_string(m),
                       {r[1]},
                       0.9f,
                       r[0],
                       m % 2 ? "men" : "women"});
    }
  }
  for (int s = 1; s <= 3; ++s) {
    SlotSpec stage{"SC1-" + std::to_string(s), "SC1", {}, 0.9f, "", ""};
    stage.showcase = true;
    slots.push_back(stage);
  }
  return slots;
}

void report(benchmark::State& state, std::vector<double>& us, const char* prefix = "") {
  std::sort(us.begin(), us.end());
  if (us.empty()) return;
  state.counters[std::string(prefix) + "p50_us"] = us[us.size() / 2];
  state.counters[std::string(prefix) + "p99_us"] =
      us[std::min(us.size() - 1, us.size() * 99 / 100)];
}

void BM_GazeEventToShelfPlan10k(benchmark::State& state) {
  const auto rec = bigStore();
  PlanOptions options;
  options.promo_signs = {"PR1", "PR2"};
  UserContext shopper;
  shopper.attributes = {{"SIZE", "M"}, {"STYLE", "boho"}, {"BUDGET", "150"}};
  GuideService guide(rec, storeSlots(), shopper, options);
  guide.flush();
  std::mt19937 rng(5);
  std::vector<double> us, plan_cpu_us, plan_wall_us, wait_us;
  int64_t t = 2'000'000'000;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    guide.post({-1, static_cast<int32_t>(rng() % kItems), ++t, EventType::GazeDwell, 1500});
    guide.flush();
    // Until the plan is there for the render thread to take (latest()), not until flush()
    // returns: the render thread polls, it never waits.
    const auto plan = guide.latest();
    const auto published =
        std::chrono::steady_clock::time_point(std::chrono::nanoseconds(plan->published_ns));
    us.push_back(std::chrono::duration<double, std::micro>(published - start).count());
    plan_cpu_us.push_back(plan->compute_cpu_us);
    plan_wall_us.push_back(plan->compute_us);
    wait_us.push_back(us.back() - plan->compute_us);
    // A shopper's session grows to a few dozen events, not thousands: start afresh now and then.
    if (us.size() % 40 == 0) {
      guide.forgetMe();
      guide.flush();
    }
  }
  report(state, us);
  // The planning thread's CPU time alone (no hand-off, no preemption).
  report(state, plan_cpu_us, "plan_cpu_");
  // The planning call's wall time, and the rest (hand-off to the worker, context update).
  report(state, plan_wall_us, "plan_wall_");
  report(state, wait_us, "handoff_");
}
BENCHMARK(BM_GazeEventToShelfPlan10k)
    ->Unit(benchmark::kMicrosecond)
    ->Iterations(2000)
    ->UseRealTime();

}  // namespace
}  // namespace vrmall::rec
