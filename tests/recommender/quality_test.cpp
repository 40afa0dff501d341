// End-to-end quality on MovieLens 100K split42, through the vrmall-rec command as QA runs it.
// Every model tunes itself on validation data carved from train.csv; test.csv is only scored.
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace vrmall::rec {
namespace {

nlohmann::json runEval(const std::string& model, const std::string& extra = "") {
  const std::string d = test::ml100k();
  const std::string cmd = std::string(VRMALL_REC_BIN) + " eval --train " + d +
                          "/split42/train.csv --test " + d + "/split42/test.csv --items " + d +
                          "/items.csv --users " + d + "/users.csv --k 10 --format json --model " +
                          model + " " + extra;
  FILE* pipe = popen(cmd.c_str(), "r");
  std::string out;
  char buffer[4096];
  while (pipe && fgets(buffer, sizeof buffer, pipe)) out += buffer;
  const int rc = pipe ? pclose(pipe) : -1;
  EXPECT_EQ(rc, 0) << cmd;
  auto j = nlohmann::json::parse(out);
  std::cout << model << ": " << j.dump() << "\n";
  for (const char* key : {"precision@10", "recall@10", "ndcg@10", "map@10", "coverage@10", "users",
                          "train_seconds", "recommend_us_median", "recommend_us_p99"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  return j;
}

TEST(QualityMl100k, Popularity) {
  VRMALL_REQUIRE_ML100K();
  const auto j = runEval("popularity");
  EXPECT_NEAR(j["ndcg@10"].get<double>(), 0.154, 0.005);
  EXPECT_EQ(j["users"].get<int>(), 942);
}

TEST(QualityMl100k, ItemKnn) {
  VRMALL_REQUIRE_ML100K();
  EXPECT_GE(runEval("itemknn")["ndcg@10"].get<double>(), 0.272);
}

TEST(QualityMl100k, Ease) {
  VRMALL_REQUIRE_ML100K();
  EXPECT_GE(runEval("ease")["ndcg@10"].get<double>(), 0.319);
}

TEST(QualityMl100k, Als) {
  VRMALL_REQUIRE_ML100K();
  const auto j = runEval("als");
  EXPECT_GE(j["ndcg@10"].get<double>(), 0.283);
  EXPECT_EQ(j["params"]["factors"].get<int>(), 32);
}

TEST(QualityMl100k, HybridReachesTheCoverageFloor) {
  VRMALL_REQUIRE_ML100K();
  const auto j = runEval("hybrid");
  // The coverage floor is met by per-item lifts computed on the training shoppers' own lists, so
  // it holds on test. With the blend judged on three validation folds NDCG lands at 0.334 here;
  // other tuning seeds give 0.326-0.336, so the bar leaves room for that spread.
  EXPECT_GE(j["coverage@10"].get<double>(), 0.245);
  EXPECT_GE(j["ndcg@10"].get<double>(), 0.325);
}

TEST(QualityMl100k, HybridWithoutCoverageFloorBeatsEveryPart) {
  VRMALL_REQUIRE_ML100K();
  const auto j = runEval("hybrid", "--params '{\"min_coverage\":0}'");
  EXPECT_GE(j["ndcg@10"].get<double>(), 0.32);
}

TEST(QualityMl100k, SameCommandOnAnotherSplit) {
  VRMALL_REQUIRE_ML100K();
  // A fresh seeded split of train.csv alone: tuning must carry over without split42's numbers.
  const std::string d = test::ml100k();
  const std::string cmd = std::string(VRMALL_REC_BIN) + " eval --train " + d +
                          "/split42/train.csv --split random --seed 7 --model ease --format json";
  FILE* pipe = popen(cmd.c_str(), "r");
  std::string out;
  char buffer[4096];
  while (pipe && fgets(buffer, sizeof buffer, pipe)) out += buffer;
  ASSERT_EQ(pipe ? pclose(pipe) : -1, 0);
  const auto j = nlohmann::json::parse(out);
  // Less training data than split42 (train.csv alone is split again), so lower figures.
  EXPECT_GT(j["ndcg@10"].get<double>(), 0.20);
}

nlohmann::json runColdEval(const std::string& model, uint64_t seed) {
  const std::string d = test::ml100k();
  const std::string cmd = std::string(VRMALL_REC_BIN) + " eval --train " + d +
                          "/split42/train.csv --items " + d + "/items.csv --users " + d +
                          "/users.csv --split cold-users --cold-fraction 0.15 --seed " +
                          std::to_string(seed) + " --k 10 --format json --model " + model;
  FILE* pipe = popen(cmd.c_str(), "r");
  std::string out;
  char buffer[4096];
  while (pipe && fgets(buffer, sizeof buffer, pipe)) out += buffer;
  EXPECT_EQ(pipe ? pclose(pipe) : -1, 0) << cmd;
  std::cout << "cold " << model << " seed " << seed << ": " << out;
  return nlohmann::json::parse(out);
}

TEST(QualityMl100k, FirstVisitsBeatPopularityByUsingTheAttributes) {
  VRMALL_REQUIRE_ML100K();
  // 15% of the shoppers held out whole: scored from AGE, GENDER, OCCUPATION alone.
  for (uint64_t seed : {42U, 7U}) {
    const auto popularity = runColdEval("popularity", seed);
    const auto hybrid = runColdEval("hybrid", seed);
    EXPECT_EQ(hybrid["cold_users"], hybrid["users"]);
    EXPECT_GT(hybrid["users"].get<int>(), 100);
    EXPECT_GT(hybrid["ndcg@10"].get<double>(), popularity["ndcg@10"].get<double>() + 0.004)
        << "seed " << seed;
  }
}

}  // namespace
}  // namespace vrmall::rec

namespace vrmall::rec {
namespace {

// Fill-in-the-blank on the shared Polyvore validation questions (a quality figure).
TEST(QualityOutfits, FillInTheBlankLearnsFromItsOwnOutfitsAndBeatsChance) {
  const std::string dir = test::sharedDir() + "/datasets/outfits";
  if (!std::filesystem::exists(dir + "/fitb-valid.json")) {
    GTEST_SKIP() << "../shared/datasets/outfits not found; skipping";
  }
  const std::string cmd = std::string(VRMALL_REC_BIN) + " eval-outfits --fitb " + dir +
                          "/fitb-valid.json --outfits " + dir +
                          "/valid_no_dup_with_category_3more_name.json --format json";
  FILE* pipe = popen(cmd.c_str(), "r");
  std::string out;
  char buffer[4096];
  while (pipe && fgets(buffer, sizeof buffer, pipe)) out += buffer;
  ASSERT_EQ(pipe ? pclose(pipe) : -1, 0) << out;
  const auto j = nlohmann::json::parse(out);
  std::cout << out;
  EXPECT_EQ(j["questions"], 1186);
  EXPECT_TRUE(j["cross_validated"].get<bool>());
  // Measured 0.487-0.503 over fold seeds 42, 1, 2 (0.447-0.459 before pair scores, token
  // dropout and four inner folds; 0.39-0.41 before the learnt token embeddings); the word
  // co-occurrence baseline is 0.37, chance 0.25.
  EXPECT_GE(j["accuracy"].get<double>(), 0.46);
}

// The default store's simulated shoppers (assets/store, always present): the guide that ships
// must clearly beat best-sellers on the store it ships with.
nlohmann::json runStoreEval(const std::string& model) {
  const std::string s = VRMALL_STORE_DIR;
  const std::string cmd = std::string(VRMALL_REC_BIN) + " eval --train " + s +
                          "/interactions.csv --items " + s + "/items.csv --users " + s +
                          "/users.csv --split random --seed 3 --k 10 --format json --model " +
                          model;
  FILE* pipe = popen(cmd.c_str(), "r");
  std::string out;
  char buffer[4096];
  while (pipe && fgets(buffer, sizeof buffer, pipe)) out += buffer;
  EXPECT_EQ(pipe ? pclose(pipe) : -1, 0) << cmd;
  std::cout << "store " << model << ": " << out;
  return nlohmann::json::parse(out);
}

TEST(QualityDefaultStore, FirstVisitsUseTheAvatar) {
  const std::string s = VRMALL_STORE_DIR;
  const auto run = [&](const std::string& model) {
    const std::string cmd = std::string(VRMALL_REC_BIN) + " eval --train " + s +
                            "/interactions.csv --items " + s + "/items.csv --users " + s +
                            "/users.csv --split cold-users --cold-fraction 0.15 --seed 3 --k 10 "
                            "--format json --model " +
                            model;
    FILE* pipe = popen(cmd.c_str(), "r");
    std::string out;
    char buffer[4096];
    while (pipe && fgets(buffer, sizeof buffer, pipe)) out += buffer;
    EXPECT_EQ(pipe ? pclose(pipe) : -1, 0) << cmd;
    return nlohmann::json::parse(out)["ndcg@10"].get<double>();
  };
  EXPECT_GT(run("hybrid"), run("popularity") + 0.3);
}

TEST(QualityDefaultStore, HybridBeatsPopularityByFar) {
  const double popularity = runStoreEval("popularity")["ndcg@10"].get<double>();
  const auto hybrid = runStoreEval("hybrid");
  EXPECT_GT(hybrid["ndcg@10"].get<double>(), popularity + 0.2);
  EXPECT_GE(hybrid["coverage@10"].get<double>(), 0.25);
}

}  // namespace
}  // namespace vrmall::rec
