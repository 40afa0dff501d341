// The desktop preview end to end under Xvfb: a scripted person clicks a product on the For-you
// wall (tests/app/data/click_card.json), its card opens, a colourway swatch is clicked, the
// product is added to the cart, and the screenshot matches the golden image
// (tests/app/golden/window_card.png) within a tolerance. On failure the actual and diff images are
// written next to the run's output. VRMALL_UPDATE_GOLDENS=1 rewrites the golden (look at it
// before committing).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "vrmall/engine/image_file.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

json report() {
  std::ifstream in(fs::path(VRMALL_WINDOW_OUT) / "window.json");
  EXPECT_TRUE(in) << "no window.json in " << VRMALL_WINDOW_OUT;
  return json::parse(in, nullptr, false);
}

TEST(WindowCard, ClickOpensTheCardOfTheProductUnderTheCursor) {
  const json r = report();
  ASSERT_FALSE(r.is_discarded());
  EXPECT_EQ(r["validation"]["error"], 0);
  EXPECT_EQ(r["validation"]["warning"], 0);
  // The script clicks the middle of the wall's cubby FY-L3-4.
  EXPECT_EQ(r["selected"]["slot"], "FY-L3-4");
  EXPECT_FALSE(r["selected"]["item"].get<std::string>().empty());
  // "Add to cart" in the card put exactly that product in the cart, in the avatar's size (M),
  // in the colourway the swatch click chose (the second one).
  ASSERT_EQ(r["cart"].size(), 1U);
  EXPECT_EQ(r["cart"][0]["item"], r["selected"]["item"]);
  EXPECT_EQ(r["cart"][0]["size"], "M");
  EXPECT_GT(r["cart_total"].get<double>(), 0.0);
  // Looking and clicking never bought anything: only the card's own button added to the cart.
  EXPECT_EQ(r["guide"]["running"], true);
  EXPECT_EQ(r["guide"]["in_view_swaps_refused"], 0);
}

TEST(WindowCard, ScreenshotMatchesTheGolden) {
  const fs::path actualPath = fs::path(VRMALL_WINDOW_OUT) / "window_card.png";
  const fs::path goldenPath = fs::path(VRMALL_APP_GOLDEN_DIR) / "window_card.png";
  const vrmall::engine::RgbaImage actual = vrmall::engine::readPng(actualPath);
  ASSERT_FALSE(actual.empty()) << "no screenshot at " << actualPath;
  if (const char* update = std::getenv("VRMALL_UPDATE_GOLDENS"); update && *update == '1') {
    fs::copy_file(actualPath, goldenPath, fs::copy_options::overwrite_existing);
    GTEST_SKIP() << "golden rewritten: " << goldenPath;
  }
  const vrmall::engine::RgbaImage golden = vrmall::engine::readPng(goldenPath);
  ASSERT_FALSE(golden.empty()) << "no golden at " << goldenPath;
  const auto diff = vrmall::engine::compareImages(actual, golden, 24);
  ASSERT_TRUE(diff.sameSize);
  // Text and panel edges are sharp, so a pixel may differ a little in anti-aliasing; the share
  // of clearly different pixels must stay tiny.
  const bool ok = diff.fractionOver <= 0.01 && diff.meanChannelDiff <= 2.0;
  if (!ok) {
    vrmall::engine::writePng(fs::path(VRMALL_WINDOW_OUT) / "window_card.diff.png", diff.diff);
  }
  EXPECT_TRUE(ok) << "fraction over threshold " << diff.fractionOver << ", mean "
                  << diff.meanChannelDiff << "; actual " << actualPath << ", diff "
                  << (fs::path(VRMALL_WINDOW_OUT) / "window_card.diff.png");
}

TEST(WindowSearch, TypedWordsAreUnderstoodAndFound) {
  std::ifstream in(fs::path(VRMALL_WINDOW_SEARCH_OUT) / "window.json");
  ASSERT_TRUE(in) << "no window.json in " << VRMALL_WINDOW_SEARCH_OUT;
  const nlohmann::json r = nlohmann::json::parse(in);
  ASSERT_TRUE(r.contains("search")) << "the search box never searched";
  const auto& s = r["search"];
  EXPECT_EQ(s["query"], "red summer dress under 300");
  EXPECT_EQ(s["categories"], nlohmann::json::array({"dresses"}));
  EXPECT_EQ(s["colors"], nlohmann::json::array({"red"}));
  EXPECT_EQ(s["season"], "summer");
  EXPECT_EQ(s["price_max"], 300);
  ASSERT_FALSE(s["results"].empty()) << s.dump();
  EXPECT_FALSE(s["results"][0]["reasons"].empty());
  EXPECT_TRUE(fs::exists(fs::path(VRMALL_WINDOW_SEARCH_OUT) / "search.png"));
}

// T on the selected product dressed the avatar in the avatar's size and turned the view to the
// fitting area; Esc went back to the floor (a very different picture).
TEST(WindowTryOn, TheAvatarWearsTheSelectedProductInTheFittingView) {
  const fs::path out(VRMALL_WINDOW_TRYON_OUT);
  std::ifstream in(out / "window.json");
  ASSERT_TRUE(in) << "no window.json in " << out;
  const nlohmann::json r = nlohmann::json::parse(in);
  ASSERT_TRUE(r.contains("fitting")) << "the store has a fitting area";
  const auto& worn = r["fitting"]["worn"];
  ASSERT_EQ(worn.size(), 1U) << r["fitting"].dump();
  EXPECT_EQ(worn[0]["item"], r["selected"]["item"]);
  EXPECT_EQ(worn[0]["size"], "M");
  EXPECT_EQ(worn[0]["fit"], "fits");
  EXPECT_EQ(r["fitting"]["view"], false) << "Esc leaves the fitting view";
  EXPECT_EQ(r["validation"]["error"], 0);
  const auto fitting = vrmall::engine::readPng(out / "fitting_view.png");
  const auto floor = vrmall::engine::readPng(out / "back_on_the_floor.png");
  ASSERT_FALSE(fitting.empty());
  ASSERT_FALSE(floor.empty());
  const auto diff = vrmall::engine::compareImages(fitting, floor, 24);
  EXPECT_GT(diff.fractionOver, 0.3) << "the fitting view should show another place";
}

}  // namespace

// A profile across runs: the first start asked about gaze tracking (answered yes) and saved the
// cart; the second run started with both, and asked nothing.
TEST(WindowProfile, TheAnswerAndTheCartSurviveTheNextStart) {
  std::ifstream in(fs::path(VRMALL_WINDOW_PROFILE_OUT) / "again" / "window.json");
  ASSERT_TRUE(in) << "no window.json of the second run";
  const nlohmann::json r = nlohmann::json::parse(in);
  ASSERT_TRUE(r.contains("profile"));
  EXPECT_EQ(r["profile"]["problem"], "");
  EXPECT_EQ(r["profile"]["gaze_tracking"], true);
  EXPECT_EQ(r["profile"]["asks_consent"], false);
  ASSERT_EQ(r["cart"].size(), 1U) << r["cart"].dump();
  EXPECT_EQ(r["cart"][0]["size"], "M");
  std::ifstream first(fs::path(VRMALL_WINDOW_PROFILE_OUT) / "first" / "window.json");
  ASSERT_TRUE(first);
  const nlohmann::json f = nlohmann::json::parse(first);
  EXPECT_EQ(f["cart"], r["cart"]);
  EXPECT_GE(f["profile"]["saves"].get<int>(), 2) << "the consent and the cart were saved";
}
