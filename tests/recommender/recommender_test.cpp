#include "vrmall/rec/service/recommender.h"

#include <random>

#include "test_support.h"
#include "vrmall/rec/data/data_error.h"
#include "vrmall/rec/guide/demo.h"
#include "vrmall/rec/models/als_model.h"

namespace vrmall::rec {
namespace {

// Two tastes: shoppers 0-19 like items 0-9 (boho), 20-39 like items 10-19 (street).
Dataset twoTasteStore() {
  Dataset d;
  std::string csv = "ITEM_ID,NAME,STYLE,PRICE,SIZES\n";
  for (int i = 0; i < 20; ++i) {
    csv += "i" + std::to_string(i) + ",Item " + std::to_string(i) + "," +
           (i < 10 ? "boho" : "street") + "," + std::to_string(20 + i * 10) + "," +
           (i % 2 ? "S|M" : "L|XL") + "\n";
  }
  d.item_attributes = AttributeTable::fromCsvText(csv, "items.csv", "ITEM_ID", d.items);
  std::mt19937 rng(3);
  for (int u = 0; u < 40; ++u) {
    const int32_t user = d.users.add("u" + std::to_string(u));
    for (int i = 0; i < 20; ++i) {
      const bool likes = (u < 20) == (i < 10);
      if (std::uniform_real_distribution<>(0, 1)(rng) < (likes ? 0.6 : 0.03)) {
        d.events.push_back({user, i, 1000 + i, EventType::Purchase, 1});
      }
    }
  }
  d.syncSizes();
  return d;
}

class RecommenderTest : public ::testing::TestWithParam<std::string> {};

TEST_P(RecommenderTest, LearnsTasteAndRoundTripsThroughModelFile) {
  TrainOptions o;
  o.model = GetParam();
  o.tune = false;
  const Recommender r = Recommender::train(twoTasteStore(), o);
  RecommendOptions ro;
  ro.n = 3;
  const auto list = r.recommend(r.contextFor("u1"), ro);
  ASSERT_EQ(list.size(), 3u);
  if (GetParam() != "popularity") {
    int in_taste = 0;
    for (const auto& x : list) in_taste += x.item < 10;
    EXPECT_GE(in_taste, 2) << GetParam();
    EXPECT_LT(list[0].item, 10) << GetParam() << " ranked " << list[0].id << " first";
  }
  for (const auto& x : list) EXPECT_FALSE(x.reasons.empty());
  const std::string path = test::tempFile("model-" + GetParam() + ".bin", "");
  r.save(path);
  const Recommender back = Recommender::load(path);
  const auto again = back.recommend(back.contextFor("u1"), ro);
  ASSERT_EQ(again.size(), list.size());
  for (size_t i = 0; i < list.size(); ++i) {
    EXPECT_EQ(again[i].id, list[i].id);
    EXPECT_NEAR(again[i].score, list[i].score, 1e-4);
  }
}

INSTANTIATE_TEST_SUITE_P(AllModels, RecommenderTest,
                         ::testing::Values("popularity", "itemknn", "rp3beta", "ease", "als",
                                           "content", "session", "hybrid"));

TEST(Recommender, ColdStartFromAttributesAndGaze) {
  TrainOptions o;
  o.tune = false;
  const Recommender r = Recommender::train(twoTasteStore(), o);
  UserContext fresh;
  fresh.attributes = {{"STYLE", "street"}, {"SIZE", "M"}, {"BUDGET", "300"}};
  r.addEvents(fresh, {{-1, *r.data().items.find("i12"), 5000, EventType::GazeDwell, 3200}});
  RecommendOptions ro;
  ro.n = 4;
  const auto list = r.recommend(fresh, ro);
  ASSERT_EQ(list.size(), 4u);
  bool gaze_reason = false;
  for (const auto& x : list) {
    EXPECT_GE(x.item, 10);     // street
    EXPECT_EQ(x.item % 2, 1);  // stocked in M
    EXPECT_NE(x.id, "i12");    // already looked at
    for (const auto& reason : x.reasons) {
      gaze_reason = gaze_reason || reason.text == "because you looked at Item 12 for 3.2 s";
    }
  }
  EXPECT_TRUE(gaze_reason);
}

TEST(Recommender, FilterAndExclusions) {
  TrainOptions o;
  o.tune = false;
  o.model = "itemknn";
  const Recommender r = Recommender::train(twoTasteStore(), o);
  RecommendOptions ro;
  ro.n = 20;
  ro.filter = "PRICE < 100";
  for (const auto& x : r.recommend(r.contextFor("u2"), ro)) {
    EXPECT_LT(r.data().item_attributes.column("PRICE")->number(x.item), 100);
  }
  EXPECT_THROW(
      {
        ro.filter = "PRICE < ";
        r.recommend(r.contextFor("u2"), ro);
      },
      DataError);
}

TEST(Als, FoldInMatchesTrainedFactorsDirection) {
  TrainOptions o;
  o.tune = false;
  o.model = "als";
  const Recommender r = Recommender::train(twoTasteStore(), o);
  const auto& als = dynamic_cast<const AlsModel&>(r.model());
  const UserContext ctx = r.contextFor("u3");
  const Eigen::VectorXf folded = als.foldIn(ctx.history);
  const Eigen::VectorXf trained = als.userFactors().row(ctx.user).transpose();
  EXPECT_GT(folded.dot(trained) / (folded.norm() * trained.norm()), 0.9f);
}

TEST(ModelFile, CorruptTruncatedAndForeignFilesAreClearErrors) {
  TrainOptions o;
  o.tune = false;
  o.model = "als";
  const Recommender r = Recommender::train(twoTasteStore(), o);
  const std::string path = test::tempFile("good.bin", "");
  r.save(path);
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  auto expect_error = [](const std::string& file, const std::string& fragment) {
    try {
      Recommender::load(file);
      FAIL() << "no error for " << file;
    } catch (const DataError& e) {
      EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
  };
  std::string flipped = bytes;
  flipped[flipped.size() / 2] ^= 0x5A;
  expect_error(test::tempFile("flipped.bin", flipped), "checksum");
  expect_error(test::tempFile("short.bin", bytes.substr(0, bytes.size() / 3)), "truncated");
  expect_error(test::tempFile("foreign.bin", "hello world, not a model at all"),
               "not a vrmall model");
  std::string future = bytes;
  future[8] = 99;
  expect_error(test::tempFile("future.bin", future), "version 99");
  expect_error("/nonexistent/model.bin", "cannot open");
}

TEST(Demo, PrintsSuggestionsWithReasons) {
  std::ostringstream out;
  ASSERT_EQ(runDemo(out, {}), 0);
  EXPECT_NE(out.str().find("because you looked at Floral Wrap Dress for 3.2 s"), std::string::npos)
      << out.str();
}

}  // namespace
}  // namespace vrmall::rec

namespace vrmall::rec {
namespace {

TEST(ModelFile, SameModelWritesTheSameBytes) {
  TrainOptions o;
  o.tune = false;
  o.model = "itemknn";
  const Recommender r = Recommender::train(twoTasteStore(), o);
  const std::string a = test::tempFile("same-a.bin", ""), b = test::tempFile("same-b.bin", "");
  r.save(a);
  Recommender::load(a).save(b);
  std::ifstream fa(a, std::ios::binary), fb(b, std::ios::binary);
  const std::string ba((std::istreambuf_iterator<char>(fa)), {}),
      bb((std::istreambuf_iterator<char>(fb)), {});
  EXPECT_EQ(ba, bb);
}

}  // namespace
}  // namespace vrmall::rec
