// vrmall-rec train: fit (and by default tune) a model and save it as one model file.
#include <iostream>

#include "common.h"
#include "vrmall/rec/service/recommender.h"

namespace vrmall::rec::cli {
namespace {
struct TrainArgs {
  DataOptions data;
  std::string train, model = "hybrid", out, params, format = "text";
  bool no_tune = false;
};

void run(const TrainArgs& a) {
  DatasetLoadReport report;
  Dataset data = loadDataset({a.train, a.data.items, a.data.users}, loadOptions(a.data), &report);
  reportSkipped(a.train, report.interactions);
  reportSkipped(a.data.items, report.items);
  reportSkipped(a.data.users, report.users);
  TrainOptions options;
  options.model = a.model;
  options.tune = !a.no_tune;
  if (!a.params.empty()) options.params = nlohmann::json::parse(a.params);
  options.weights = eventWeights(a.data);
  options.threads = a.data.threads;
  options.seed = a.data.seed;
  Progress progress("training " + a.model);
  options.progress = [&](size_t d, size_t t, const std::string& w) { progress.update(d, t, w); };
  TuningResult tuning;
  const size_t users = static_cast<size_t>(data.numUsers()),
               items = static_cast<size_t>(data.numItems()), events = data.events.size();
  Recommender r = Recommender::train(std::move(data), options, &tuning);
  r.save(a.out);
  nlohmann::json out = {{"model", a.model},
                        {"out", a.out},
                        {"users", users},
                        {"items", items},
                        {"events", events},
                        {"train_seconds", r.trainSeconds()},
                        {"params", r.model().params()},
                        {"validation_ndcg@10", tuning.best_ndcg}};
  if (a.format == "json") {
    std::cout << out.dump() << "\n";
  } else {
    std::cout << "trained " << a.model << " on " << events << " events (" << users << " users, "
              << items << " items) in " << r.trainSeconds() << " s; saved " << a.out << "\n";
    if (!a.no_tune) std::cout << "validation NDCG@10 " << tuning.best_ndcg << "\n";
  }
}
}  // namespace

void registerTrain(CLI::App& app) {
  auto a = std::make_shared<TrainArgs>();
  CLI::App* cmd = app.add_subcommand("train", "Train (and tune) a model; save it as a model file");
  cmd->add_option("--train", a->train, "Interactions CSV")->required()->check(CLI::ExistingFile);
  cmd->add_option("--model", a->model, "Model kind")
      ->check(CLI::IsMember(modelKinds()))
      ->capture_default_str();
  cmd->add_option("--out", a->out, "Model file to write")->required();
  cmd->add_option("--params", a->params, "Hyperparameters as JSON (fixed; tuning keeps them)");
  cmd->add_flag("--no-tune", a->no_tune, "Skip validation tuning");
  cmd->add_option("--format", a->format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  addDataOptions(*cmd, a->data);
  cmd->callback([a] { run(*a); });
}

}  // namespace vrmall::rec::cli
