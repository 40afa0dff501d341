// vrmall-rec import-als: factors trained on Apache Spark (MLlib's ALS, for a retailer whose data
// outgrows one machine) into a model file the client loads. The item and user factor folders are
// checked against the catalogue (every item id must be one of its ITEM_IDs; every row the same
// length, the same for users and items); catalogue items Spark never saw get no factors (ALS
// cannot suggest them; reported); shoppers with events but no factors are folded in locally, as
// the client folds in a shopper it meets live.
#include <chrono>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "common.h"
#include "vrmall/rec/data/data_error.h"
#include "vrmall/rec/data/mllib_factors.h"
#include "vrmall/rec/models/als_model.h"
#include "vrmall/rec/service/recommender.h"

namespace vrmall::rec::cli {
namespace {

struct ImportArgs {
  std::string item_factors, user_factors, interactions, out, format = "text";
  float alpha = 1.0f, reg = 0.1f;
};

void run(const ImportArgs& a, const DataOptions& d) {
  if (d.items.empty()) throw DataError("import-als needs --items (the catalogue the ids refer to)");
  const auto t0 = std::chrono::steady_clock::now();
  const MllibFactors items = readMllibFactors(a.item_factors);
  const MllibFactors users = readMllibFactors(a.user_factors);
  if (items.dims != users.dims) {
    throw DataError(a.item_factors + " has " + std::to_string(items.dims) + " features per row, " +
                    a.user_factors + " " + std::to_string(users.dims) +
                    ": not the same ALS model (rank)");
  }
  Dataset data;
  if (!a.interactions.empty()) {
    data = loadDataset({a.interactions, d.items, d.users}, loadOptions(d));
  } else {
    data.item_attributes = AttributeTable::load(d.items, "ITEM_ID", data.items, loadOptions(d));
    if (!d.users.empty())
      data.user_attributes = AttributeTable::load(d.users, "USER_ID", data.users, loadOptions(d));
  }
  // Item ids must be the catalogue's: factors for unknown products mean the wrong catalogue.
  const int f = items.dims;
  std::vector<int32_t> itemRow(items.ids.size());
  for (size_t r = 0; r < items.ids.size(); ++r) {
    const auto found = data.items.find(items.ids[r]);
    if (!found) {
      throw DataError(a.item_factors + ": item id " + items.ids[r] + " is not an ITEM_ID of " +
                      d.items + " (factors from another catalogue?)");
    }
    itemRow[r] = *found;
  }
  // Shoppers only Spark knows are added: their factors are their profile.
  size_t usersAdded = 0;
  std::vector<int32_t> userRow(users.ids.size());
  for (size_t r = 0; r < users.ids.size(); ++r) {
    const auto found = data.users.find(users.ids[r]);
    if (!found) ++usersAdded;
    userRow[r] = found ? *found : data.users.add(users.ids[r]);
  }
  data.syncSizes();
  AlsModel::Factors itemF = AlsModel::Factors::Zero(data.numItems(), f);
  AlsModel::Factors userF = AlsModel::Factors::Zero(data.numUsers(), f);
  std::vector<uint8_t> itemHas(static_cast<size_t>(data.numItems()), 0);
  std::vector<uint8_t> userHas(static_cast<size_t>(data.numUsers()), 0);
  for (size_t r = 0; r < itemRow.size(); ++r) {
    for (int k = 0; k < f; ++k) itemF(itemRow[r], k) = items.values[r * f + k];
    itemHas[static_cast<size_t>(itemRow[r])] = 1;
  }
  for (size_t r = 0; r < userRow.size(); ++r) {
    for (int k = 0; k < f; ++k) userF(userRow[r], k) = users.values[r * f + k];
    userHas[static_cast<size_t>(userRow[r])] = 1;
  }
  size_t itemsWithout = 0, foldedIn = 0;
  for (uint8_t h : itemHas) itemsWithout += h ? 0 : 1;
  for (uint8_t h : userHas) foldedIn += h ? 0 : 1;
  const Recommender guide =
      Recommender::assemble(std::move(data), eventWeights(d), [&](const TrainingData& t) {
        auto als = std::make_unique<AlsModel>();
        als->setFactors(t, std::move(userF), std::move(itemF), userHas, a.alpha, a.reg);
        return als;
      });
  guide.save(a.out);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const nlohmann::json report = {{"out", a.out},
                                 {"factors", f},
                                 {"items", guide.data().numItems()},
                                 {"item_factor_rows", items.ids.size()},
                                 {"items_without_factors", itemsWithout},
                                 {"users", guide.data().numUsers()},
                                 {"user_factor_rows", users.ids.size()},
                                 {"users_added", usersAdded},
                                 {"users_folded_in", foldedIn},
                                 {"part_files", items.files.size() + users.files.size()},
                                 {"seconds", seconds}};
  if (a.format == "json") {
    std::cout << report.dump() << "\n";
  } else {
    std::cout << "wrote " << a.out << ": " << f << " factors, " << report["items"] << " items ("
              << itemsWithout << " without factors), " << report["users"] << " shoppers ("
              << foldedIn << " folded in here)\n";
  }
}

}  // namespace

void registerImportAls(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "import-als", "Spark MLlib ALS factors (itemFactors / userFactors folders) to a model file");
  auto args = std::make_shared<ImportArgs>();
  auto data = std::make_shared<DataOptions>();
  ImportArgs& a = *args;
  DataOptions& d = *data;
  cmd->add_option("--item-factors", a.item_factors, "Folder written by itemFactors.write.json")
      ->required();
  cmd->add_option("--user-factors", a.user_factors, "Folder written by userFactors.write.json")
      ->required();
  cmd->add_option("--interactions", a.interactions,
                  "Shoppers' events (histories; shoppers without factors are folded in)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--out", a.out, "Model file to write")->required();
  cmd->add_option("--alpha", a.alpha, "MLlib's alpha (confidence scale) for fold-in")
      ->capture_default_str();
  cmd->add_option("--reg", a.reg, "MLlib's regParam for fold-in")->capture_default_str();
  cmd->add_option("--format", a.format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  addDataOptions(*cmd, d);
  cmd->callback([args, data] { run(*args, *data); });
}

}  // namespace vrmall::rec::cli
