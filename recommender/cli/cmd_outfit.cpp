// vrmall-rec eval-outfits: fill-in-the-blank accuracy of the outfit model from product names,
// learning only from --outfits (cross-validated by outfit when the questions come from it).
// vrmall-rec outfit: complete outfits around one item of a store catalogue.
#include <chrono>
#include <filesystem>
#include <iostream>

#include "common.h"
#include "vrmall/rec/data/data_error.h"
#include "vrmall/rec/outfits/outfit_builder.h"
#include "vrmall/rec/outfits/outfit_text_model.h"
#include "vrmall/rec/service/recommender.h"

namespace vrmall::rec::cli {
namespace {

namespace fs = std::filesystem;

struct EvalOutfitsArgs {
  std::string fitb, outfits, format = "text";
  size_t folds = 10;
  uint64_t seed = 42;
};

void runEvalOutfits(const EvalOutfitsArgs& a) {
  const auto t0 = std::chrono::steady_clock::now();
  const std::vector<FitbQuestion> questions = loadFitbQuestions(a.fitb);
  if (a.outfits.empty()) {
    throw DataError(
        "eval-outfits learns from outfits only: pass --outfits FILE (never the "
        "questions' answers)");
  }
  const std::vector<TextOutfit> outfits = loadTextOutfits(a.outfits);
  // Questions about outfits of the training file are cross-validated; questions about other
  // outfits (a separate test split) are answered by one model of the whole file.
  size_t inFile = 0;
  {
    std::set<std::string> ids;
    for (const auto& o : outfits) ids.insert(o.id);
    for (const auto& q : questions) inFile += ids.count(q.outfit);
  }
  const size_t folds = inFile > 0 ? a.folds : 1;
  const FitbResult r = crossValidateFitb(outfits, questions, folds, a.seed);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  nlohmann::json out = {{"accuracy", r.accuracy},
                        {"questions", r.questions},
                        {"correct", r.correct},
                        {"folds", r.folds},
                        {"cross_validated", inFile > 0},
                        {"training_outfits_per_fold", r.mean_training_outfits},
                        {"chance", 0.25},
                        {"seconds", seconds}};
  if (a.format == "json") {
    std::cout << out.dump() << "\n";
    return;
  }
  std::cout << "fill-in-the-blank: " << r.correct << " of " << r.questions << " right ("
            << r.accuracy << "; chance 0.25), " << r.folds << " folds, " << r.mean_training_outfits
            << " training outfits per fold\n";
}

struct OutfitArgs {
  DataOptions data;
  std::string item, user, interactions, format = "text";
  size_t k = 3;
};

void runOutfit(const OutfitArgs& a) {
  std::string itemsPath = a.data.items;
  if (itemsPath.empty()) {
    std::error_code ec;
    itemsPath = fs::is_regular_file("assets/store/items.csv", ec)
                    ? "assets/store/items.csv"
                    : (fs::path(VRMALL_SOURCE_DIR) / "assets" / "store" / "items.csv").string();
  }
  std::string events = a.interactions;
  std::string usersPath = a.data.users;
  std::error_code ec;
  const fs::path dir = fs::path(itemsPath).parent_path();
  if (events.empty() && fs::is_regular_file(dir / "interactions.csv", ec)) {
    events = (dir / "interactions.csv").string();
  }
  if (usersPath.empty() && fs::is_regular_file(dir / "users.csv", ec)) {
    usersPath = (dir / "users.csv").string();
  }
  if (events.empty()) throw DataError("outfit needs the catalogue's interactions (--interactions)");
  Dataset data = loadDataset({events, itemsPath, usersPath}, loadOptions(a.data));
  const auto anchor = data.items.find(a.item);
  if (!anchor) throw DataError("no item '" + a.item + "' in " + itemsPath);
  UserContext shopper;
  if (!a.user.empty()) {
    const auto u = data.users.find(a.user);
    if (!u) throw DataError("no shopper '" + a.user + "' in " + usersPath);
    shopper.user = *u;
    shopper.attributes = userAttributes(data, *u);
    for (const auto& e : data.events) {
      if (e.user == *u) shopper.events.push_back(e);
    }
  }
  OutfitBuilder builder(data);
  const auto t0 = std::chrono::steady_clock::now();
  const std::vector<Outfit> looks = builder.complete(*anchor, shopper, a.k);
  const double us =
      std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count();
  nlohmann::json out = {{"anchor", a.item}, {"outfits", nlohmann::json::array()}, {"us", us}};
  for (const Outfit& o : looks) {
    nlohmann::json items = nlohmann::json::array();
    for (const OutfitPiece& p : o.pieces) {
      items.push_back({{"slot", outfitSlotName(p.slot)},
                       {"item", data.items.id(p.item)},
                       {"name", data.itemName(p.item)},
                       {"price", p.price},
                       {"reasons", p.reasons}});
    }
    out["outfits"].push_back({{"score", o.score},
                              {"total_price", o.total_price},
                              {"items", items},
                              {"reasons", o.reasons}});
  }
  if (a.format == "json") {
    std::cout << out.dump() << "\n";
    return;
  }
  std::cout << "outfits around " << data.itemName(*anchor) << " (" << a.item << ")\n";
  for (size_t n = 0; n < looks.size(); ++n) {
    std::cout << " " << n + 1 << ". total " << looks[n].total_price << ", score " << looks[n].score
              << "\n";
    for (const OutfitPiece& p : looks[n].pieces) {
      std::cout << "    " << outfitSlotName(p.slot) << ": " << data.itemName(p.item) << " ("
                << data.items.id(p.item) << ", " << p.price << ")";
      for (size_t r = 0; r < p.reasons.size(); ++r)
        std::cout << (r ? "; " : " -- ") << p.reasons[r];
      std::cout << "\n";
    }
  }
}

}  // namespace

void registerOutfits(CLI::App& app) {
  auto eval = std::make_shared<EvalOutfitsArgs>();
  CLI::App* e = app.add_subcommand(
      "eval-outfits", "Fill-in-the-blank accuracy of the outfit model (product names only)");
  e->add_option("--fitb", eval->fitb, "Questions JSON (given, blank_slot, choices, answer)")
      ->required()
      ->check(CLI::ExistingFile);
  e->add_option("--outfits", eval->outfits,
                "Outfits to learn from (Polyvore-style JSON); cross-validated by outfit when the "
                "questions come from them")
      ->check(CLI::ExistingFile);
  e->add_option("--folds", eval->folds, "Cross-validation folds")
      ->check(CLI::Range(2, 100))
      ->capture_default_str();
  e->add_option("--seed", eval->seed, "Which outfits fall in which fold")->capture_default_str();
  e->add_option("--format", eval->format, "Output: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  e->callback([eval] { runEvalOutfits(*eval); });

  auto args = std::make_shared<OutfitArgs>();
  CLI::App* o = app.add_subcommand("outfit", "Complete outfits around one item, with reasons");
  o->add_option("--item", args->item, "The anchor ITEM_ID")->required();
  o->add_option("--user", args->user, "The shopper (sizes, budget, gender, taste)");
  o->add_option("--interactions", args->interactions,
                "Events (default: interactions.csv beside --items)")
      ->check(CLI::ExistingFile);
  o->add_option("--k", args->k, "Outfits")->check(CLI::Range(1, 20))->capture_default_str();
  o->add_option("--format", args->format, "Output: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  addDataOptions(*o, args->data);
  o->callback([args] { runOutfit(*args); });
}

}  // namespace vrmall::rec::cli
