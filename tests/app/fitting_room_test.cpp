// Try-on in the fitting area (offscreen Vulkan with the validation layer, the default store):
// the avatar's body follows its build, a garment in the avatar's size covers it, one two sizes
// under is narrower than the body and shorter (the body shows through), one over is wider and
// longer; the mirror shows the reflection behind its glass. Golden images of two builds in two
// sizes (tests/app/golden/fitting_*.png) within a tolerance; on failure the actual and diff
// images are written to test-output/app/fitting. VRMALL_UPDATE_GOLDENS=1 rewrites the goldens
// (look at them before committing).
#include "fitting_room.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "store_scene.h"
#include "vrmall/engine/context.h"
#include "vrmall/engine/image_file.h"
#include "vrmall/engine/offscreen_target.h"
#include "vrmall/engine/renderer.h"

namespace vrmall::app {
namespace {

namespace fs = std::filesystem;

// Catalogue items of the default store (assets/store/items.csv): a women's fitted T-shirt, jeans
// and sneakers, each stocked from XS.
TryOnRequest top(const std::string& size) {
  return {"P0022", "Fitted T-Shirt", "tops", size, {"XS", "S", "M", "L"}, 1, "white"};
}
TryOnRequest jeans(const std::string& size) {
  return {"P0112", "Straight Jeans", "trousers", size, {"XS", "S", "M", "L", "XL"}, -1, ""};
}
TryOnRequest sneakers() {
  return {"P0352", "Chunky Sneakers", "shoes", "38", {"36", "37", "38", "39", "40", "41"}, -1, ""};
}

AvatarProfile avatarOf(const std::string& build) {
  AvatarProfile a;
  a.heightCm = 168;
  a.build = build;
  a.size = "M";
  a.skinTone = build == "slim" ? "light" : "brown";
  a.gender = "women";
  return a;
}

class Fitting : public ::testing::Test {
 protected:
  static engine::ContextOptions options() {
    engine::ContextOptions o;
    o.validation = true;
    o.requireValidation = true;
    return o;
  }
  engine::Context context{options()};
  engine::Renderer renderer{context};
  engine::Scene scene;
  StoreSummary store = StoreScene::build(VRMALL_STORE_DIR, renderer, scene);
  std::optional<FittingArea> area = readFittingArea(fs::path(VRMALL_STORE_DIR) / "layout.json");
};

TEST_F(Fitting, SizesReadAndLookAsTheyFit) {
  ASSERT_TRUE(area) << "the default store has a fitting_area";
  FittingRoom room(*area, store, renderer, scene);
  room.setAvatar(avatarOf("average"));
  std::string error;
  const engine::Bounds body = room.avatarBounds();
  // The body stands on the stand, about as tall as the avatar.
  EXPECT_NEAR(body.size().y, 1.68F, 0.05F);

  std::map<std::string, engine::Bounds> worn;
  for (const std::string size : {"XS", "M", "L"}) {
    const auto piece = room.wear(top(size), error);
    ASSERT_TRUE(piece) << error;
    worn[size] = room.wornBounds("top").value();
    if (size == "XS") {
      EXPECT_EQ(piece->fit.kind, FitKind::TooSmall);
      EXPECT_EQ(piece->fit.text, "too small: XS is two sizes under your M");
    } else if (size == "M") {
      EXPECT_EQ(piece->fit.kind, FitKind::Fits);
    } else {
      EXPECT_EQ(piece->fit.kind, FitKind::TooLarge);
      EXPECT_EQ(piece->fit.text, "too large: L is one size over your M");
    }
    ASSERT_EQ(room.worn().size(), 1U) << "a new top replaces the old one";
  }
  // In the avatar's size the top covers the shoulders; two sizes under it is narrower than
  // the body there; one over is wider and hangs lower.
  const float shoulders = 2.0F * 0.17F * AvatarShape::of(avatarOf("average")).shoulders;
  EXPECT_GT(worn["M"].size().x, shoulders);
  EXPECT_LT(worn["XS"].size().x, worn["M"].size().x * 0.9F);
  EXPECT_GT(worn["L"].size().x, worn["M"].size().x * 1.05F);
  EXPECT_LT(worn["L"].min.y, worn["M"].min.y);
  // Every piece hangs from the neck: the tops of all three are at the same height.
  EXPECT_NEAR(worn["XS"].max.y, worn["L"].max.y, 0.02F);

  // A dress replaces the top and the jeans; sneakers are judged by nobody's letter size.
  ASSERT_TRUE(room.wear(jeans("M"), error)) << error;
  EXPECT_EQ(room.worn().size(), 2U);
  ASSERT_TRUE(room.wear(
      {"P0192", "Chiffon Fitted Maxi Dress", "dresses", "", {"XS", "S", "M"}, -1, ""}, error))
      << error;
  ASSERT_EQ(room.worn().size(), 1U);
  EXPECT_EQ(room.worn()[0].size, "M") << "no size chosen: the avatar's";
  const auto shoes = room.wear(sneakers(), error);
  ASSERT_TRUE(shoes) << error;
  EXPECT_EQ(shoes->fit.kind, FitKind::NotJudged);

  // The mirror's reflection stands behind the glass, as far behind it as the avatar is in front.
  const auto reflection = room.wornBounds("dress", true).value();
  const float mirrorZ = area->mirrorCentre.z;
  EXPECT_LT(reflection.max.z, mirrorZ);
  EXPECT_NEAR(mirrorZ - reflection.center().z,
              room.wornBounds("dress").value().center().z - mirrorZ, 0.01F);

  // A broader body gets the garment fitted wider.
  const float before = room.wornBounds("dress").value().size().x;
  room.setAvatar(avatarOf("broad"));
  EXPECT_GT(room.wornBounds("dress").value().size().x, before * 1.08F);
  room.undress();
  EXPECT_TRUE(room.worn().empty());
  EXPECT_FALSE(room.wornBounds("dress").has_value());
  EXPECT_EQ(context.validationCounts().error, 0U);
}

// Two builds in two sizes, through the third-person view that the desktop's fitting view shows.
TEST_F(Fitting, GoldenImagesOfTwoBuildsInTwoSizes) {
  ASSERT_TRUE(area);
  FittingRoom room(*area, store, renderer, scene);
  const uint32_t width = 320, height = 400;
  engine::OffscreenTarget target(context, {width, height}, 1);
  const fs::path out = fs::path(VRMALL_FITTING_OUT);
  fs::create_directories(out);
  const bool update = std::getenv("VRMALL_UPDATE_GOLDENS") != nullptr;
  std::string failures;
  for (const std::string build : {"slim", "broad"}) {
    for (const std::string size : {"M", "XS"}) {
      room.setAvatar(avatarOf(build));
      std::string error;
      ASSERT_TRUE(room.wear(top(size), error)) << error;
      ASSERT_TRUE(room.wear(jeans(size), error)) << error;
      ASSERT_TRUE(room.wear(sneakers(), error)) << error;
      const engine::View view = room.view(static_cast<float>(width) / height, 0.62F);
      renderer.render(scene, std::span<const engine::View>(&view, 1), target);
      renderer.waitIdle();
      const engine::RgbaImage actual{width, height, target.readPixels(target.lastIndex(), 0)};
      const std::string name = "fitting_" + build + "_" + size;
      const fs::path actualPath = out / (name + ".png");
      ASSERT_TRUE(engine::writePng(actualPath, actual));
      const fs::path goldenPath = fs::path(VRMALL_APP_GOLDEN_DIR) / (name + ".png");
      if (update) {
        fs::copy_file(actualPath, goldenPath, fs::copy_options::overwrite_existing);
        continue;
      }
      const engine::RgbaImage golden = engine::readPng(goldenPath);
      ASSERT_FALSE(golden.empty()) << "no golden at " << goldenPath;
      const auto diff = engine::compareImages(actual, golden, 24);
      ASSERT_TRUE(diff.sameSize) << name;
      // Shaded surfaces may differ by a rounding step between drivers; edges by anti-aliasing.
      if (diff.fractionOver > 0.01 || diff.meanChannelDiff > 1.5) {
        const fs::path diffPath = out / (name + ".diff.png");
        engine::writePng(diffPath, diff.diff);
        failures += name + ": fraction over threshold " + std::to_string(diff.fractionOver) +
                    ", mean " + std::to_string(diff.meanChannelDiff) + "; actual " +
                    actualPath.string() + ", diff " + diffPath.string() + "\n";
      }
    }
  }
  if (update) GTEST_SKIP() << "goldens rewritten in " << VRMALL_APP_GOLDEN_DIR;
  EXPECT_TRUE(failures.empty()) << failures;
  EXPECT_EQ(context.validationCounts().error, 0U);
  EXPECT_EQ(context.validationCounts().warning, 0U);
}

}  // namespace
}  // namespace vrmall::app
