// First-time visitors: evaluation scores test shoppers with no training events from their
// attributes (cold_users), the demographic part and the hybrid's first-visit blend use those
// attributes, and an evaluation that can score nobody is an error.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "test_support.h"
#include "vrmall/rec/data/dataset.h"
#include "vrmall/rec/eval/evaluation.h"
#include "vrmall/rec/eval/split.h"
#include "vrmall/rec/hybrid/hybrid_model.h"
#include "vrmall/rec/models/demographic_model.h"
#include "vrmall/rec/models/popularity_model.h"

namespace vrmall::rec {
namespace {

// 60 shoppers: women choose items 0-4, men items 5-9, and the men's items are the more popular
// (40 men, 20 women). Shoppers w_new and m_new are in users.csv with no training events; in the
// test they choose items of their group.
struct Fixture {
  Dataset data;
  std::vector<Interaction> train, test;
};

Fixture genderedShop() {
  Fixture f;
  std::string items = "ITEM_ID,NAME\n";
  for (int i = 0; i < 10; ++i)
    items += "i" + std::to_string(i) + ",Item " + std::to_string(i) + "\n";
  f.data.item_attributes = AttributeTable::fromCsvText(items, "items.csv", "ITEM_ID", f.data.items);
  std::string users = "USER_ID,GENDER,AGE\n";
  for (int u = 0; u < 60; ++u) {
    users += "u" + std::to_string(u) + "," + (u < 20 ? "women" : "men") + "," +
             std::to_string(20 + u % 40) + "\n";
  }
  users += "w_new,women,30\nm_new,men,30\n";
  f.data.user_attributes = AttributeTable::fromCsvText(users, "users.csv", "USER_ID", f.data.users);
  for (int u = 0; u < 60; ++u) {
    const int first = u < 20 ? 0 : 5;
    for (int k = 0; k < 3; ++k) {
      f.train.push_back({u, first + (u + k) % 5, 1000 + k, EventType::Purchase, 1});
    }
  }
  const int32_t w = *f.data.users.find("w_new");
  const int32_t m = *f.data.users.find("m_new");
  f.test = {{w, 1, 2000, EventType::Purchase, 1},
            {w, 2, 2001, EventType::Purchase, 1},
            {m, 6, 2000, EventType::Purchase, 1},
            {m, 7, 2001, EventType::Purchase, 1}};
  f.data.syncSizes();
  return f;
}

TEST(ColdStart, EvaluationScoresShoppersWithNoTrainingEvents) {
  Fixture f = genderedShop();
  const EventWeights weights;
  const TrainingData train = makeTrainingData(f.data, f.train, weights, 1, 1);
  const auto relevant = relevantItems(f.test, f.data.numUsers(), weights);
  EvalOptions eo;
  eo.k = 5;
  PopularityModel pop;
  pop.fit(train);
  const RankingMetrics p = evaluate(pop, train, relevant, eo);
  EXPECT_EQ(p.users, 2);
  EXPECT_EQ(p.cold_users, 2);
  DemographicModel demo;
  demo.fit(train);
  const RankingMetrics d = evaluate(demo, train, relevant, eo);
  EXPECT_EQ(d.cold_users, 2);
  // Popularity gives both newcomers the men's items: the woman's list misses hers.
  EXPECT_LT(p.ndcg, 0.7);
  // The demographic part ranks each newcomer's group first: both relevant items in the top 5.
  EXPECT_GT(d.ndcg, 0.95) << d.ndcg;
  EXPECT_GT(d.cold_ndcg, p.cold_ndcg);
  // Without cold users, nobody is scored.
  eo.cold_users = false;
  EXPECT_EQ(evaluate(pop, train, relevant, eo).users, 0);
}

TEST(ColdStart, DemographicReasonsNameTheSharedAttributes) {
  Fixture f = genderedShop();
  const TrainingData train = makeTrainingData(f.data, f.train, EventWeights{}, 1, 1);
  DemographicModel demo;
  demo.fit(train);
  UserContext woman;
  woman.attributes = {{"GENDER", "women"}, {"AGE", "30"}};
  std::vector<Reason> reasons;
  demo.explain(woman, 1, reasons);
  ASSERT_FALSE(reasons.empty());
  EXPECT_NE(reasons[0].text.find("popular with shoppers like you (women"), std::string::npos)
      << reasons[0].text;
  reasons.clear();
  demo.explain(woman, 6, reasons);  // a men's item: no lift to speak of
  EXPECT_TRUE(reasons.empty());
}

TEST(ColdStart, TheHybridsFirstVisitBlendUsesTheAttributes) {
  Fixture f = genderedShop();
  const TrainingData train = makeTrainingData(f.data, f.train, EventWeights{}, 1, 1);
  HybridModel hybrid;  // untuned defaults: demographic 1.0, content 0.5 for first visits
  hybrid.fit(train);
  UserContext woman;
  woman.attributes = {{"GENDER", "women"}, {"AGE", "30"}};
  std::vector<float> s(10);
  hybrid.score(woman, s);
  const auto best = std::max_element(s.begin(), s.end()) - s.begin();
  EXPECT_LT(best, 5) << "a woman's first visit led with a men's item";
}

TEST(ColdStart, ColdUserSplitHoldsOutWholeShoppers) {
  Fixture f = genderedShop();
  const Split s = coldUserSplit(f.train, 0.25, 7);
  std::set<int32_t> trainUsers, testUsers;
  for (const auto& e : s.train) trainUsers.insert(e.user);
  for (const auto& e : s.test) testUsers.insert(e.user);
  EXPECT_EQ(testUsers.size(), 15u);  // a quarter of the 60 shoppers
  for (int32_t u : testUsers) EXPECT_EQ(trainUsers.count(u), 0u);
  EXPECT_EQ(s.train.size() + s.test.size(), f.train.size());
}

TEST(ColdStart, AnEvaluationThatCanScoreNobodyIsAnError) {
  const std::string train = test::tempFile("cold_train.csv",
                                           "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n"
                                           "a,x,1,purchase,1\nb,y,2,purchase,1\n");
  const std::string empty =
      test::tempFile("cold_test_empty.csv", "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n");
  const std::string cmd = std::string(VRMALL_REC_BIN) + " eval --train " + train + " --test " +
                          empty + " --model popularity --format json 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  std::string out;
  char buffer[512];
  while (pipe && fgets(buffer, sizeof buffer, pipe)) out += buffer;
  const int rc = pipe ? pclose(pipe) : -1;
  EXPECT_NE(rc, 0) << out;
  EXPECT_NE(out.find("no test shopper can be scored"), std::string::npos) << out;
}

TEST(ColdStart, TheCommandReportsColdUsersOnAColdSplit) {
  const std::string cmd = std::string(VRMALL_REC_BIN) + " eval --train " + VRMALL_STORE_DIR +
                          "/interactions.csv --items " + VRMALL_STORE_DIR + "/items.csv --users " +
                          VRMALL_STORE_DIR +
                          "/users.csv --split cold-users --cold-fraction 0.15 --seed 3 --model "
                          "demographic --format json";
  FILE* pipe = popen(cmd.c_str(), "r");
  std::string out;
  char buffer[4096];
  while (pipe && fgets(buffer, sizeof buffer, pipe)) out += buffer;
  ASSERT_EQ(pipe ? pclose(pipe) : -1, 0) << out;
  const auto j = nlohmann::json::parse(out);
  EXPECT_GT(j["users"].get<int>(), 20);
  EXPECT_EQ(j["cold_users"], j["users"]);
  EXPECT_GT(j["ndcg@10"].get<double>(), 0.3);  // popularity: 0.13 on this split
}

}  // namespace
}  // namespace vrmall::rec
