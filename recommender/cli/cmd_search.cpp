// vrmall-rec search "QUERY": shopping intent in plain words (English or Chinese) to a structured
// intent and a ranked result list from the catalogue, personalised by a trained guide when one
// is given (--model, --user), else ordered by popularity (the catalogue's interactions.csv).
#include <filesystem>
#include <iostream>

#include "common.h"
#include "vrmall/rec/data/data_error.h"
#include "vrmall/rec/data/interaction.h"
#include "vrmall/rec/intent/intent_parser.h"
#include "vrmall/rec/intent/intent_search.h"
#include "vrmall/rec/service/recommender.h"

namespace vrmall::rec::cli {
namespace {

namespace fs = std::filesystem;

struct SearchArgs {
  std::string query, items, interactions, model, user, format = "text";
  size_t k = 10;
};

// The default store's catalogue: assets/store next to the working directory, else the
// source tree's.
std::string defaultItems() {
  std::error_code ec;
  if (fs::is_regular_file("assets/store/items.csv", ec)) return "assets/store/items.csv";
  return (fs::path(VRMALL_SOURCE_DIR) / "assets" / "store" / "items.csv").string();
}

nlohmann::json optionalJson(const std::optional<std::string>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}
nlohmann::json optionalJson(const std::optional<double>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json intentJson(const ShoppingIntent& i) {
  return {{"categories", i.categories},
          {"colors", i.colors},
          {"materials", i.materials},
          {"price_min", optionalJson(i.price_min)},
          {"price_max", optionalJson(i.price_max)},
          {"size", optionalJson(i.size)},
          {"gender", optionalJson(i.gender)},
          {"season", optionalJson(i.season)},
          {"occasion", optionalJson(i.occasion)},
          {"style", optionalJson(i.style)},
          {"modifiers", i.modifiers},
          {"unknown", i.unknown}};
}

void run(const SearchArgs& a) {
  std::optional<Recommender> guide;
  Dataset catalogue;
  const Dataset* data = nullptr;
  std::vector<float> personal;
  UserContext shopper;
  if (!a.model.empty()) {
    guide = Recommender::load(a.model);
    data = &guide->data();
    shopper = guide->contextFor(a.user);
    personal.resize(static_cast<size_t>(data->numItems()));
    guide->model().score(shopper, personal);
  } else {
    const std::string itemsPath = a.items.empty() ? defaultItems() : a.items;
    catalogue.item_attributes =
        AttributeTable::load(itemsPath, "ITEM_ID", catalogue.items, LoadOptions{});
    // Popularity orders what the words leave tied, from the catalogue's own history.
    std::string events = a.interactions;
    std::error_code ec;
    if (events.empty()) {
      const fs::path beside = fs::path(itemsPath).parent_path() / "interactions.csv";
      if (fs::is_regular_file(beside, ec)) events = beside.string();
    }
    personal.assign(static_cast<size_t>(catalogue.numItems()), 0.0f);
    if (!events.empty()) {
      const int32_t known = catalogue.numItems();
      for (const Interaction& e : loadInteractions(events, catalogue.users, catalogue.items)) {
        if (e.item >= 0 && e.item < known) personal[static_cast<size_t>(e.item)] += 1.0f;
      }
      catalogue.syncSizes();
      personal.resize(static_cast<size_t>(catalogue.numItems()), 0.0f);
    }
    data = &catalogue;
  }
  const IntentParser parser(data->item_attributes);
  const ShoppingIntent intent = parser.parse(a.query);
  SearchOptions so;
  so.k = a.k;
  so.personal = personal;
  if (guide) {
    so.personal_reason = [&](int32_t item) {
      const auto reasons = guide->reasonsFor(shopper, item, 1);
      return reasons.empty() ? std::string() : reasons.front().text;
    };
  }
  const SearchResults results = searchCatalogue(*data, intent, so);

  nlohmann::json out = {{"query", a.query}, {"intent", intentJson(intent)}};
  out["results"] = nlohmann::json::array();
  for (const SearchHit& h : results.hits) {
    out["results"].push_back({{"item", h.id},
                              {"name", h.name},
                              {"price", h.price},
                              {"score", h.score},
                              {"reasons", h.reasons}});
  }
  out["matched"] = results.matched;
  out["empty_reason"] =
      results.hits.empty() ? nlohmann::json(results.empty_reason) : nlohmann::json(nullptr);
  if (a.format == "json") {
    std::cout << out.dump() << "\n";
    return;
  }
  std::cout << "understood: " << intentJson(intent).dump() << "\n";
  if (!intent.unknown.empty()) {
    std::cout << "not understood:";
    for (const auto& w : intent.unknown) std::cout << " '" << w << "'";
    std::cout << "\n";
  }
  if (results.hits.empty()) {
    std::cout << results.empty_reason << "\n";
    return;
  }
  for (const SearchHit& h : results.hits) {
    std::cout << "  " << h.id << "  " << h.name << "  " << h.price;
    for (size_t r = 0; r < h.reasons.size(); ++r) std::cout << (r ? ", " : "  -- ") << h.reasons[r];
    std::cout << "\n";
  }
}

}  // namespace

void registerSearch(CLI::App& app) {
  auto args = std::make_shared<SearchArgs>();
  CLI::App* cmd = app.add_subcommand(
      "search", "Shopping intent in plain words (English or Chinese) to ranked items");
  cmd->add_option("query", args->query, "What the shopper asks for, in quotes")->required();
  cmd->add_option("--items", args->items, "Catalogue items CSV (default: the default store's)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--interactions", args->interactions,
                  "Events for popularity (default: interactions.csv beside --items)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--model", args->model, "A trained guide (vrmall-rec train): personal order")
      ->check(CLI::ExistingFile);
  cmd->add_option("--user", args->user, "With --model: the shopper");
  cmd->add_option("--k", args->k, "Results")->check(CLI::Range(1, 1000))->capture_default_str();
  cmd->add_option("--format", args->format, "Output: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->callback([args] { run(*args); });
}

}  // namespace vrmall::rec::cli
