// vrmall-rec showcase: what the showcase stage would present: what is trending among the store's
// shoppers (recency-weighted popularity with a half-life), re-ranked for one shopper when a
// trained guide and a user are given, each with its "trending" reason.
#include <chrono>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "common.h"
#include "vrmall/rec/data/data_error.h"
#include "vrmall/rec/data/interaction.h"
#include "vrmall/rec/guide/trending.h"
#include "vrmall/rec/hybrid/hybrid_model.h"
#include "vrmall/rec/service/recommender.h"

namespace vrmall::rec::cli {
namespace {

namespace fs = std::filesystem;

struct ShowcaseArgs {
  std::string items, interactions, model, user, format = "text";
  double half_life_days = 3.0;
  size_t k = 9;
  float personal = 0.6f;
};

std::string defaultStoreFile(const char* name) {
  std::error_code ec;
  const fs::path here = fs::path("assets/store") / name;
  return fs::is_regular_file(here, ec)
             ? here.string()
             : (fs::path(VRMALL_SOURCE_DIR) / "assets/store" / name).string();
}

void run(const ShowcaseArgs& a) {
  if (!a.user.empty() && a.model.empty())
    throw DataError("showcase --user needs --model (a guide trained with vrmall-rec train)");
  std::optional<Recommender> guide;
  Dataset catalogue;
  const Dataset* data = nullptr;
  if (!a.model.empty()) {
    guide = Recommender::load(a.model);
    data = &guide->data();
  } else {
    const std::string items = a.items.empty() ? defaultStoreFile("items.csv") : a.items;
    std::string events = a.interactions;
    std::error_code ec;
    if (events.empty()) {
      const fs::path beside = fs::path(items).parent_path() / "interactions.csv";
      if (!fs::is_regular_file(beside, ec))
        throw DataError("showcase needs the shoppers' events: pass --interactions FILE");
      events = beside.string();
    }
    catalogue = loadDataset({events, items, ""});
    data = &catalogue;
  }
  const auto t0 = std::chrono::steady_clock::now();
  TrendOptions to;
  to.half_life_days = a.half_life_days;
  const TrendingItems trending(*data, to);
  std::vector<float> personal;
  UserContext shopper;
  if (guide && !a.user.empty()) {
    if (!data->users.find(a.user)) throw DataError("no shopper '" + a.user + "' in " + a.model);
    shopper = guide->contextFor(a.user);
    personal.resize(static_cast<size_t>(data->numItems()));
    guide->model().score(shopper, personal);
    standardize(personal);
  }
  // What the shopper already owns is never presented to them again (as on the stage).
  std::vector<uint8_t> owned(static_cast<size_t>(data->numItems()), 0);
  for (const auto& e : shopper.events) {
    if ((e.type == EventType::Purchase || e.type == EventType::AddToCart) && e.item >= 0)
      owned[static_cast<size_t>(e.item)] = 1;
  }
  const auto ranked = trending.rerank(personal, owned, a.personal, std::max<size_t>(a.k, 40));
  const double us =
      std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count();
  nlohmann::json out = {{"half_life_days", a.half_life_days},
                        {"now", trending.now()},
                        {"user", a.user.empty() ? nlohmann::json(nullptr) : nlohmann::json(a.user)},
                        {"items", nlohmann::json::array()},
                        {"us", us}};
  for (size_t n = 0; n < ranked.size() && n < a.k; ++n) {
    const int32_t item = ranked[n].first;
    std::vector<std::string> reasons = {trending.reason(item)};
    if (guide && !a.user.empty()) {
      for (const auto& r : guide->reasonsFor(shopper, item, 1)) reasons.push_back(r.text);
    }
    out["items"].push_back({{"item", data->items.id(item)},
                            {"name", data->itemName(item)},
                            {"score", ranked[n].second},
                            {"trend", trending.score(item)},
                            {"recent_shoppers", trending.recentShoppers(item)},
                            {"reasons", reasons}});
  }
  if (a.format == "json") {
    std::cout << out.dump() << "\n";
    return;
  }
  std::cout << "trending now (half-life " << a.half_life_days << " days)"
            << (a.user.empty() ? "" : ", re-ranked for " + a.user) << "\n";
  for (const auto& it : out["items"]) {
    std::cout << "  " << it["item"].get<std::string>() << "  " << it["name"].get<std::string>();
    for (const auto& r : it["reasons"]) std::cout << "  -- " << r.get<std::string>();
    std::cout << "\n";
  }
}

}  // namespace

void registerShowcase(CLI::App& app) {
  auto args = std::make_shared<ShowcaseArgs>();
  CLI::App* cmd = app.add_subcommand(
      "showcase", "What the showcase stage presents: trending items, re-ranked for a shopper");
  cmd->add_option("--items", args->items, "Catalogue items CSV (default: the default store's)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--interactions", args->interactions,
                  "Shoppers' events (default: interactions.csv beside --items)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--model", args->model, "A trained guide (vrmall-rec train): re-rank per shopper")
      ->check(CLI::ExistingFile);
  cmd->add_option("--user", args->user, "With --model: the shopper watching");
  cmd->add_option("--half-life-days", args->half_life_days, "Recency half-life")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--personal", args->personal, "Weight of the shopper's own scores")
      ->check(CLI::Range(0.0f, 10.0f))
      ->capture_default_str();
  cmd->add_option("--k", args->k, "Items")->check(CLI::Range(1, 1000))->capture_default_str();
  cmd->add_option("--format", args->format, "Output: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->callback([args] { run(*args); });
}

}  // namespace vrmall::rec::cli
