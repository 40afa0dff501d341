// vrmall-rec recommend / similar: query a saved model file.
#include <iostream>

#include "common.h"
#include "output.h"
#include "vrmall/rec/data/data_error.h"
#include "vrmall/rec/data/text_util.h"

namespace vrmall::rec::cli {
namespace {

struct QueryArgs {
  std::string model, user, item, filter, format = "text", events;
  std::vector<std::string> attributes;
  size_t k = 10;
  bool include_seen = false, any_size = false;
};

// --event ITEM:TYPE[:VALUE] adds live session events (e.g. 12:gaze_dwell:3200).
std::vector<Interaction> parseEvents(const std::string& spec, const Recommender& r, int64_t now) {
  std::vector<Interaction> out;
  if (trim(spec).empty()) return out;
  int64_t t = now;
  for (auto part : split(spec, ',')) {
    const auto fields = split(trim(part), ':');
    if (fields.size() < 2)
      throw DataError("--events: '" + std::string(part) + "' is not ITEM:TYPE[:VALUE]");
    const auto item = r.data().items.find(trim(fields[0]));
    if (!item) throw DataError("--events: unknown item '" + std::string(fields[0]) + "'");
    Interaction e;
    e.item = *item;
    e.type = eventTypeFromString(fields[1]);
    e.timestamp = ++t;
    if (fields.size() > 2) {
      const auto v = parseNumber(fields[2]);
      if (!v) throw DataError("--events: bad value '" + std::string(fields[2]) + "'");
      e.value = static_cast<float>(*v);
    }
    out.push_back(e);
  }
  return out;
}

void runRecommend(const QueryArgs& a) {
  const Recommender r = Recommender::load(a.model);
  UserContext ctx = r.contextFor(a.user);
  const bool known = ctx.user >= 0;
  for (const auto& kv : a.attributes) {
    const auto eq = kv.find('=');
    if (eq == std::string::npos) throw DataError("--attr '" + kv + "' is not NAME=VALUE");
    std::string name = kv.substr(0, eq);
    for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    ctx.attributes[name] = kv.substr(eq + 1);
  }
  const auto live = parseEvents(a.events, r, ctx.now);
  if (!live.empty()) r.addEvents(ctx, live);
  RecommendOptions options;
  options.n = a.k;
  options.filter = a.filter;
  options.filter_already_liked = !a.include_seen;
  options.only_in_size = !a.any_size;
  const auto list = r.recommend(ctx, options);
  if (a.format == "json") {
    std::cout << nlohmann::json{{"user", a.user},
                                {"known_user", known},
                                {"recommendations", toJson(list)}}
                     .dump()
              << "\n";
    return;
  }
  std::cout << "For " << (known ? "shopper " : "new shopper ") << a.user << ":\n";
  printText(std::cout, list);
}

void runSimilar(const QueryArgs& a) {
  const Recommender r = Recommender::load(a.model);
  const auto list = r.similar(a.item, a.k);
  if (a.format == "json") {
    std::cout << nlohmann::json{{"item", a.item}, {"similar", toJson(list)}}.dump() << "\n";
    return;
  }
  std::cout << "Like " << r.data().itemName(*r.data().items.find(a.item)) << ":\n";
  printText(std::cout, list);
}

}  // namespace

void registerRecommend(CLI::App& app) {
  auto a = std::make_shared<QueryArgs>();
  CLI::App* cmd = app.add_subcommand("recommend", "Top-k suggestions with reasons for one shopper");
  cmd->add_option("--model", a->model, "Model file from vrmall-rec train")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--user", a->user, "Shopper id (an unknown id is a new shopper)")->required();
  cmd->add_option("--k", a->k, "How many")->check(CLI::Range(1, 1000))->capture_default_str();
  cmd->add_option("--filter", a->filter,
                  "Attribute filter, e.g. \"PRICE < 300 AND CATEGORY_L1 IN (dresses, skirts)\"");
  cmd->add_option("--attr", a->attributes,
                  "Shopper attribute NAME=VALUE (SIZE=M, STYLE=casual|boho, BUDGET=300)");
  cmd->add_option("--events", a->events,
                  "Live events ITEM:TYPE[:VALUE],... (e.g. 12:gaze_dwell:3200)");
  cmd->add_flag("--include-seen", a->include_seen, "Keep items already in the shopper's history");
  cmd->add_flag("--any-size", a->any_size,
                "Do not restrict to items stocked in the shopper's SIZE");
  cmd->add_option("--format", a->format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->callback([a] { runRecommend(*a); });
}

void registerSimilar(CLI::App& app) {
  auto a = std::make_shared<QueryArgs>();
  CLI::App* cmd = app.add_subcommand("similar", "Items similar to one item");
  cmd->add_option("--model", a->model, "Model file from vrmall-rec train")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--item", a->item, "Item id")->required();
  cmd->add_option("--k", a->k, "How many")->check(CLI::Range(1, 1000))->capture_default_str();
  cmd->add_option("--format", a->format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->callback([a] { runSimilar(*a); });
}

}  // namespace vrmall::rec::cli
