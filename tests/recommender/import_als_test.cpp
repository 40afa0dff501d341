// Factors trained on Apache Spark (MLlib ALS) into a model file: the fixture in
// tests/recommender/data/mllib_als is MLlib's exact output layout (itemFactors/ and userFactors/
// folders of part-*-c000.json files with .crc siblings and _SUCCESS). Known answers: user 1's
// factors are the unit x vector, so its ranking is the items' first feature; user 4 has no
// factors and is folded in from its events; item 60 has none. Broken folders are clear errors.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "vrmall/rec/data/data_error.h"
#include "vrmall/rec/data/mllib_factors.h"
#include "vrmall/rec/service/recommender.h"

namespace vrmall::rec {
namespace {

namespace fs = std::filesystem;
const fs::path kFixture = fs::path(VRMALL_SOURCE_TESTS) / "data" / "mllib_als";

std::pair<int, std::string> runCli(const std::string& args) {
  const std::string cmd = std::string(VRMALL_REC_BIN) + " " + args + " 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  while (pipe && fgets(buf, sizeof buf, pipe)) out += buf;
  const int status = pipe ? pclose(pipe) : -1;
  return {WEXITSTATUS(status), out};
}

std::string importArgs(const fs::path& items, const fs::path& users, const fs::path& out) {
  return "import-als --item-factors " + items.string() + " --user-factors " + users.string() +
         " --items " + (kFixture / "items.csv").string() + " --interactions " +
         (kFixture / "interactions.csv").string() + " --out " + out.string() + " --format json";
}

fs::path scratch(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / ("vrmall-import-als-" + name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

TEST(ImportAls, MllibsOutputBecomesAModelTheClientLoads) {
  const fs::path out = scratch("ok") / "als.bin";
  const auto [rc, text] =
      runCli(importArgs(kFixture / "itemFactors", kFixture / "userFactors", out));
  ASSERT_EQ(rc, 0) << text;
  const auto j = nlohmann::json::parse(text);
  EXPECT_EQ(j["factors"], 3);
  EXPECT_EQ(j["item_factor_rows"], 5);
  EXPECT_EQ(j["items_without_factors"], 1);  // item 60: Spark never saw it
  EXPECT_EQ(j["users_folded_in"], 1);        // user 4: events, no factors
  EXPECT_EQ(j["part_files"], 4);

  const Recommender guide = Recommender::load(out.string());
  EXPECT_EQ(guide.model().kind(), "als");
  RecommendOptions o;
  o.n = 3;
  const auto top = guide.recommend(guide.contextFor("1"), o);
  ASSERT_EQ(top.size(), 3U);
  EXPECT_EQ(top[0].id, "10");
  EXPECT_NEAR(top[0].score, 0.9F, 1e-5F);
  EXPECT_EQ(top[1].id, "50");
  EXPECT_EQ(top[2].id, "30");
  // User 3 points along z: the boots first.
  EXPECT_EQ(guide.recommend(guide.contextFor("3"), o)[0].id, "40");
  // User 4 bought the boots: folded in here, the boots' neighbour in factor space (the hoodie,
  // the only other item with a positive z) comes first, the boots themselves are filtered out.
  const auto four = guide.recommend(guide.contextFor("4"), o);
  ASSERT_FALSE(four.empty());
  EXPECT_EQ(four[0].id, "30");
  for (const auto& r : four) EXPECT_NE(r.id, "40");
}

void copyFixture(const fs::path& to) {
  fs::copy(kFixture / "itemFactors", to / "itemFactors");
  fs::copy(kFixture / "userFactors", to / "userFactors");
}

TEST(ImportAls, BrokenFoldersAreClearErrors) {
  const fs::path d = scratch("broken");
  copyFixture(d);
  const fs::path out = d / "als.bin";
  const auto expectError = [&](const std::string& mentions) {
    const auto [rc, text] = runCli(importArgs(d / "itemFactors", d / "userFactors", out));
    EXPECT_EQ(rc, 2) << text;
    EXPECT_NE(text.find(mentions), std::string::npos) << text;
    EXPECT_FALSE(fs::exists(out)) << "nothing written on an error";
  };
  fs::remove(d / "userFactors" / "_SUCCESS");
  expectError("no _SUCCESS");
  std::ofstream(d / "userFactors" / "_SUCCESS").close();

  // A user row of another rank.
  std::ofstream(d / "userFactors" / "part-00002-x-c000.json") << "{\"id\":9,\"features\":[1,2]}\n";
  expectError("part-00002-x-c000.json:1: id 9 has 2 features, the first row 3");
  fs::remove(d / "userFactors" / "part-00002-x-c000.json");

  // An item the catalogue does not have.
  std::ofstream(d / "itemFactors" / "part-00002-x-c000.json")
      << "{\"id\":70,\"features\":[1,2,3]}\n";
  expectError("item id 70 is not an ITEM_ID");
  // Not JSON on line 2.
  std::ofstream(d / "itemFactors" / "part-00002-x-c000.json")
      << "{\"id\":60,\"features\":[1,2,3]}\n{\"id\":\n";
  expectError("part-00002-x-c000.json:2: not a JSON object");
}

TEST(ImportAls, CsvPartFilesWithTheFeaturesAsText) {
  const fs::path d = scratch("csv");
  fs::create_directories(d / "f");
  std::ofstream(d / "f" / "part-00000-y-c000.csv")
      << "id,features\n10,\"[0.5,0.25,1]\"\n20,0.1 0.2 0.3\n30,0.7;0.8;0.9\n";
  std::ofstream(d / "f" / "_SUCCESS").close();
  const MllibFactors f = readMllibFactors(d / "f");
  EXPECT_EQ(f.dims, 3);
  ASSERT_EQ(f.ids, (std::vector<std::string>{"10", "20", "30"}));
  EXPECT_FLOAT_EQ(f.values[1], 0.25F);
  EXPECT_FLOAT_EQ(f.values[8], 0.9F);
  std::ofstream(d / "f" / "part-00001-y-c000.csv") << "40,[0.1,zero,0.3]\n";
  try {
    readMllibFactors(d / "f");
    FAIL() << "a non-number must be an error";
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("part-00001-y-c000.csv:1: 'zero' is not a number"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace vrmall::rec
