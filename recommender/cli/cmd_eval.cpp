// vrmall-rec eval: offline quality and latency of one model on explicit train/test files or on a
// seeded split of one file. Hyperparameters are tuned on validation data carved from training.
#include <chrono>
#include <iostream>

#include "common.h"
#include "vrmall/rec/data/data_error.h"
#include "vrmall/rec/eval/evaluation.h"
#include "vrmall/rec/eval/split.h"
#include "vrmall/rec/models/top_k.h"
#include "vrmall/rec/service/tune_model.h"

namespace vrmall::rec::cli {
namespace {

struct EvalArgs {
  DataOptions data;
  std::string train, test, split = "random", model = "hybrid", format = "text", params;
  double test_fraction = 0.2;
  double cold_fraction = 0.15;
  size_t k = 10;
  bool no_tune = false;
};

double seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// Per-user latency of the cold path: the shopper's history folded in as if new (ALS solves the
// factors, the others score from the history as always), then top-k.
std::pair<double, double> foldInLatency(const Model& model, const TrainingData& train,
                                        const std::vector<std::vector<int32_t>>& relevant,
                                        size_t k) {
  std::vector<double> us;
  std::vector<float> scores(static_cast<size_t>(train.numItems()));
  std::vector<uint8_t> seen(scores.size(), 0);
  for (int32_t u = 0; u < train.numUsers() && static_cast<size_t>(u) < relevant.size(); ++u) {
    if (relevant[static_cast<size_t>(u)].empty()) continue;
    UserContext ctx = contextFromTraining(train, u);
    if (ctx.history.empty()) continue;
    ctx.user = -1;
    ctx.history_matches_training = false;
    const auto t0 = std::chrono::steady_clock::now();
    model.score(ctx, scores);
    for (const auto& h : ctx.history) seen[static_cast<size_t>(h.item)] = 1;
    const auto top = topK(scores, k, seen);
    const auto t1 = std::chrono::steady_clock::now();
    for (const auto& h : ctx.history) seen[static_cast<size_t>(h.item)] = 0;
    us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
  }
  if (us.empty()) return {0, 0};
  std::sort(us.begin(), us.end());
  return {us[us.size() / 2], us[std::min(us.size() - 1, us.size() * 99 / 100)]};
}

void run(const EvalArgs& a) {
  const auto t_load = std::chrono::steady_clock::now();
  DatasetLoadReport report;
  Dataset data = loadDataset({a.train, a.data.items, a.data.users}, loadOptions(a.data), &report);
  reportSkipped(a.train, report.interactions);
  reportSkipped(a.data.items, report.items);
  reportSkipped(a.data.users, report.users);
  std::vector<Interaction> train_events, test_events;
  if (!a.test.empty()) {
    LoadReport test_report;
    test_events =
        loadInteractions(a.test, data.users, data.items, loadOptions(a.data), &test_report);
    reportSkipped(a.test, test_report);
    data.syncSizes();
    train_events = std::move(data.events);
  } else {
    Split s = a.split == "temporal"     ? temporalLeaveLastOut(data.events)
              : a.split == "cold-users" ? coldUserSplit(data.events, a.cold_fraction, a.data.seed)
                                        : randomSplit(data.events, a.test_fraction, a.data.seed);
    train_events = std::move(s.train);
    test_events = std::move(s.test);
  }
  data.events.clear();
  const double load_seconds = seconds(t_load);
  const EventWeights weights = eventWeights(a.data);

  auto model = makeModel(a.model);
  if (!a.params.empty()) model->setParams(nlohmann::json::parse(a.params));
  nlohmann::json tuning = nullptr;
  double tune_seconds = 0;
  if (!a.no_tune) {
    const auto t_tune = std::chrono::steady_clock::now();
    Progress progress("tuning " + a.model);
    TuningOptions to;
    to.k = a.k;
    to.seed = a.data.seed;
    to.threads = a.data.threads;
    to.progress = [&](size_t done, size_t total, const std::string& what) {
      progress.update(done, total, what);
    };
    const auto r = tuneModel(*model, data, train_events, weights, to);
    if (!a.params.empty()) model->setParams(nlohmann::json::parse(a.params));
    tuning = {{"validation_ndcg", r.best_ndcg}, {"trials", r.trials.size()}};
    tune_seconds = seconds(t_tune);
  }

  const TrainingData train =
      makeTrainingData(data, train_events, weights, a.data.threads, a.data.seed);
  const auto t_fit = std::chrono::steady_clock::now();
  model->fit(train);
  const double train_seconds = seconds(t_fit);
  const auto relevant = relevantItems(test_events, data.numUsers(), weights);
  EvalOptions eo;
  eo.k = a.k;
  const auto m = evaluate(*model, train, relevant, eo);
  if (m.users == 0) {
    throw DataError(
        "no test shopper can be scored: the test events name no user of --users or "
        "of the training file (" +
        std::to_string(test_events.size()) + " test events)");
  }
  const auto [fold_median, fold_p99] = foldInLatency(*model, train, relevant, a.k);

  const std::string at = "@" + std::to_string(a.k);
  nlohmann::json out = {
      {"model", a.model},
      {"k", a.k},
      {"precision" + at, m.precision},
      {"recall" + at, m.recall},
      {"ndcg" + at, m.ndcg},
      {"map" + at, m.map},
      {"coverage" + at, m.coverage},
      {"users", m.users},
      {"cold_users", m.cold_users},
      {"warm_ndcg" + at, m.warm_ndcg},
      {"cold_ndcg" + at, m.cold_ndcg},
      {"items", data.numItems()},
      {"train_events", train_events.size()},
      {"test_events", test_events.size()},
      {"load_seconds", load_seconds},
      {"tune_seconds", tune_seconds},
      {"train_seconds", train_seconds},
      {"threads", a.data.threads},
      {"recommend_us_median", m.recommend_us_median},
      {"recommend_us_p99", m.recommend_us_p99},
      {"foldin_recommend_us_median", fold_median},
      {"foldin_recommend_us_p99", fold_p99},
      {"params", model->params()},
      {"tuning", tuning},
  };
  if (a.format == "json") {
    std::cout << out.dump() << "\n";
    return;
  }
  std::cout << "model " << a.model << " on " << m.users << " users (" << m.cold_users
            << " with no training events), " << data.numItems() << " items\n";
  for (const char* key : {"precision", "recall", "ndcg", "map", "coverage"}) {
    std::cout << "  " << key << at << " = " << out[std::string(key) + at].get<double>() << "\n";
  }
  std::cout << "  train " << train_seconds << " s (tuning " << tune_seconds << " s), top-" << a.k
            << " median " << m.recommend_us_median << " us, p99 " << m.recommend_us_p99 << " us\n"
            << "  params " << model->params().dump() << "\n";
}

}  // namespace

void registerEval(CLI::App& app) {
  auto args = std::make_shared<EvalArgs>();
  CLI::App* cmd =
      app.add_subcommand("eval", "Measure precision/recall/NDCG/MAP/coverage@k and latency");
  cmd->add_option("--train", args->train, "Training interactions CSV")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--test", args->test, "Test interactions CSV (else a split of --train)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--split", args->split,
                  "Split when no --test: random (per user), temporal (leave last out) or "
                  "cold-users (whole shoppers held out: first-time visitors)")
      ->check(CLI::IsMember({"random", "temporal", "cold-users"}))
      ->capture_default_str();
  cmd->add_option("--cold-fraction", args->cold_fraction,
                  "cold-users split: share of the shoppers held out whole")
      ->check(CLI::Range(0.01, 0.9))
      ->capture_default_str();
  cmd->add_option("--test-fraction", args->test_fraction,
                  "Random split: share of each user's items held out")
      ->check(CLI::Range(0.01, 0.9))
      ->capture_default_str();
  cmd->add_option("--model", args->model, "Model to evaluate")
      ->check(CLI::IsMember(modelKinds()))
      ->capture_default_str();
  cmd->add_option("--k", args->k, "Cut-off for the metrics")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  cmd->add_option("--format", args->format, "Output: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->add_option("--params", args->params, "Hyperparameters as JSON (fixed; tuning keeps them)");
  cmd->add_flag("--no-tune", args->no_tune, "Skip validation tuning; use defaults or --params");
  addDataOptions(*cmd, args->data);
  cmd->callback([args] { run(*args); });
}

}  // namespace vrmall::rec::cli
