// vrmall --xr on a real OpenXR runtime (Monado: simulated HMD, null compositor, two simulated
// khr/simple_controllers, the core validation layer on), read back from what the runs wrote:
//   VRMALL_XR_FRAMES_OUT: `--xr --frames 30` with no input at all;
//   VRMALL_XR_SHOP_OUT:   tests/app/data/xr_shop.json, a scripted shopper.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "vrmall/engine/image_file.h"
#include "vrmall/rec/data/attribute_table.h"
#include "vrmall/rec/data/id_map.h"
#include "vrmall/rec/data/text_util.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

json readJson(const fs::path& p) {
  std::ifstream in(p);
  EXPECT_TRUE(in) << p;
  return json::parse(in);
}

std::vector<json> readLines(const fs::path& p) {
  std::ifstream in(p);
  EXPECT_TRUE(in) << p;
  std::vector<json> out;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) out.push_back(json::parse(line));
  }
  return out;
}

void expectCleanRun(const json& stats) {
  // Every frame waited for was begun and ended.
  const json& f = stats["frames"];
  EXPECT_EQ(f["waited"], f["begun"]);
  EXPECT_EQ(f["begun"], f["ended"]);
  // The session reached FOCUSED and ended through STOPPING when asked to quit.
  std::vector<std::string> states = stats["session_states"];
  const auto at = [&](const std::string& s) {
    return std::find(states.begin(), states.end(), s) - states.begin();
  };
  ASSERT_LT(at("FOCUSED"), static_cast<long>(states.size()));
  EXPECT_LT(at("READY"), at("FOCUSED"));
  ASSERT_GE(states.size(), 3u);
  EXPECT_EQ(states[states.size() - 3], "STOPPING");
  EXPECT_EQ(states[states.size() - 2], "IDLE");
  EXPECT_EQ(states.back(), "EXITING");
  EXPECT_EQ(stats["validation"]["vulkan"]["error"], 0);
  EXPECT_EQ(stats["validation"]["vulkan"]["warning"], 0);
  EXPECT_EQ(stats["validation"]["openxr"]["error"], 0) << stats["validation_messages"].dump(1);
  EXPECT_EQ(stats["validation"]["openxr"]["warning"], 0) << stats["validation_messages"].dump(1);
  EXPECT_TRUE(stats["validation"]["openxr"]["core_validation_layer"].get<bool>());
  // This runtime advertises eye gaze on a system without an eye tracker: head gaze every frame.
  EXPECT_TRUE(stats["eye_gaze"]["extension_enabled"].get<bool>());
  EXPECT_FALSE(stats["eye_gaze"]["system_supports"].get<bool>());
  EXPECT_EQ(stats["gaze"]["counts"].value("eyes", 0), 0);
  EXPECT_EQ(stats["gaze"]["counts"]["head"], f["waited"]);
}

TEST(XrFrames, RunsNFramesOnTheRuntimeAndStopsCleanly) {
  const json stats = readJson(fs::path(VRMALL_XR_FRAMES_OUT) / "stats.json");
  expectCleanRun(stats);
  const json& f = stats["frames"];
  // 30 frames rendered and submitted with layers; frames the runtime said not to render (the
  // first ones, before the session is visible) were still waited, begun and ended, with no layers.
  EXPECT_EQ(f["requested"], 30);
  EXPECT_EQ(f["with_layers"], 30);
  EXPECT_GE(f["ended"].get<int>(), 30);
  EXPECT_GE(f["should_render"].get<int>(), 30);
  EXPECT_GT(stats["display_period_ms"].get<double>(), 0.0);
  EXPECT_EQ(stats["runtime"]["name"].get<std::string>().substr(0, 6), "Monado");
  EXPECT_EQ(stats["view_configuration"], "PRIMARY_STEREO");
  EXPECT_EQ(stats["reference_space"], "STAGE");
  ASSERT_EQ(stats["eyes"].size(), 2u);
  EXPECT_EQ(stats["eyes"][0]["recommended"], json::array({320, 240}));
  EXPECT_EQ(stats["eyes"][0]["used"], json::array({320, 240}));  // --render-scale 1
  EXPECT_EQ(stats["swapchain"]["format"], "VK_FORMAT_R8G8B8A8_SRGB");
  EXPECT_EQ(stats["swapchain"]["array_layers"], 2);
  EXPECT_TRUE(stats["swapchain"]["depth_submitted"].get<bool>());
  // Two simulated simple controllers: their profile was read after the change event.
  EXPECT_EQ(stats["interaction_profiles"]["left"], "/interaction_profiles/khr/simple_controller");
  EXPECT_EQ(stats["interaction_profiles"]["right"], "/interaction_profiles/khr/simple_controller");
  EXPECT_EQ(stats["bindings_accepted"].size(), 5u);
  EXPECT_EQ(stats["app_cpu_ms"]["frames"], 30);
}

// The best horizontal shift of `right` against `left` (pixels), and the mean absolute difference
// at that shift and at no shift, over the image's middle rows.
struct Shift {
  int dx = 0, dy = 0;
  double best = 0.0, unshifted = 0.0;
};
Shift bestShift(const vrmall::engine::RgbaImage& left, const vrmall::engine::RgbaImage& right) {
  const auto diff = [&](int dx, int dy) {
    double sum = 0.0;
    size_t n = 0;
    const int w = static_cast<int>(left.width), h = static_cast<int>(left.height);
    for (int y = h / 4; y < 3 * h / 4; ++y) {
      for (int x = w / 4; x < 3 * w / 4; ++x) {
        const size_t a = (static_cast<size_t>(y) * left.width + static_cast<size_t>(x)) * 4;
        const size_t b =
            (static_cast<size_t>(y + dy) * left.width + static_cast<size_t>(x + dx)) * 4;
        for (int c = 0; c < 3; ++c) sum += std::abs(left.pixels[a + c] - right.pixels[b + c]);
        ++n;
      }
    }
    return sum / static_cast<double>(n);
  };
  Shift s;
  s.unshifted = diff(0, 0);
  s.best = s.unshifted;
  for (int dy = -3; dy <= 3; ++dy) {
    for (int dx = -30; dx <= 30; ++dx) {
      const double d = diff(dx, dy);
      if (d < s.best) {
        s.best = d;
        s.dx = dx;
        s.dy = dy;
      }
    }
  }
  return s;
}

TEST(XrFrames, TheEyesSeeTheStoreWithAParallaxOfTheIpd) {
  const auto left = vrmall::engine::readPng(fs::path(VRMALL_XR_FRAMES_OUT) / "left.png");
  const auto right = vrmall::engine::readPng(fs::path(VRMALL_XR_FRAMES_OUT) / "right.png");
  ASSERT_FALSE(left.empty());
  ASSERT_FALSE(right.empty());
  ASSERT_EQ(left.width, 320u);
  ASSERT_EQ(right.width, left.width);
  // Non-blank: many distinct colours (shelves, products, floor), not a clear colour.
  for (const auto* img : {&left, &right}) {
    std::set<uint32_t> colours;
    for (size_t i = 0; i < img->pixels.size(); i += 4) {
      colours.insert(static_cast<uint32_t>(img->pixels[i]) << 16 |
                     static_cast<uint32_t>(img->pixels[i + 1]) << 8 | img->pixels[i + 2]);
    }
    EXPECT_GT(colours.size(), 200u);
  }
  // The two eyes differ, and mostly by a horizontal shift: the right eye, 6.3 cm to the right,
  // sees the store shifted left. At 320 px across a ~90 degree field (f ~ 160 px) and the wall
  // 1.5-3.5 m away, that is 3-7 px; anything from 1 to 15 px is a parallax of about the IPD.
  const Shift s = bestShift(left, right);
  EXPECT_GT(s.unshifted, 1.0) << "the eyes see the same image";
  EXPECT_EQ(s.dy, 0) << "a vertical offset between the eyes";
  EXPECT_LT(s.dx, 0) << "right eye content should sit further left";
  EXPECT_GE(-s.dx, 1);
  EXPECT_LE(-s.dx, 15);
  EXPECT_LT(s.best, s.unshifted * 0.7) << "dx " << s.dx;
}

std::map<std::string, std::set<std::string>> itemStyles() {
  vrmall::rec::IdMap ids;
  const auto items = vrmall::rec::AttributeTable::load(
      (fs::path(VRMALL_STORE_DIR) / "items.csv").string(), "ITEM_ID", ids);
  std::map<std::string, std::set<std::string>> out;
  for (int32_t i = 0; i < ids.size(); ++i) {
    for (const auto& s : vrmall::rec::splitCopy(items.value(i, "STYLE"), '|'))
      out[ids.id(i)].insert(s);
  }
  return out;
}

TEST(XrShop, ALookPostsOneDwellAndTheWallMovesTowardsItsStyleOutOfView) {
  const fs::path out(VRMALL_XR_SHOP_OUT);
  const json stats = readJson(out / "stats.json");
  expectCleanRun(stats);
  const auto events = readLines(out / "events.jsonl");
  std::vector<json> dwells;
  for (const auto& e : events) {
    if (e["type"] == "gaze_dwell") dwells.push_back(e);
  }
  // 2/3 s on FY-L3-1, past the 0.5 s interest threshold: one event, when the look ended.
  ASSERT_EQ(dwells.size(), 1u) << stats["gaze"]["looked_at"].dump();
  EXPECT_EQ(dwells[0]["slot"], "FY-L3-1");
  EXPECT_GE(dwells[0]["value"].get<double>(), 500.0);
  EXPECT_LT(dwells[0]["value"].get<double>(), 1000.0);
  EXPECT_EQ(stats["dwell_events"], 1);

  const auto styles = itemStyles();
  const std::set<std::string>& looked = styles.at(dwells[0]["item"].get<std::string>());
  const auto share = [&](const json& plan) {
    int wall = 0, match = 0;
    for (const auto& s : plan["slots"]) {
      if (s["slot"].get<std::string>().rfind("FY-", 0) != 0) continue;
      ++wall;
      const auto it = styles.find(s["shown"].get<std::string>());
      bool hit = false;
      for (const auto& st : looked) hit = hit || (it != styles.end() && it->second.count(st));
      match += hit ? 1 : 0;
    }
    return wall == 0 ? 0.0 : static_cast<double>(match) / wall;
  };
  const auto plans = readLines(out / "plans.jsonl");
  ASSERT_GE(plans.size(), 3u);
  const int dwellFrame = dwells[0]["frame"];
  double before = -1.0, after = -1.0;
  for (const auto& p : plans) {
    if (p["frame"].get<int>() <= dwellFrame) before = share(p);
    if (p["frame"].get<int>() > dwellFrame && after < 0.0) after = share(p);
  }
  ASSERT_GE(before, 0.0);
  ASSERT_GE(after, 0.0);
  EXPECT_GT(after, before) << "the wall did not move towards the looked-at style";
  // No slot in view ever changed: between consecutive applied plans, a slot in view at the later
  // one shows what it showed before.
  for (size_t k = 1; k < plans.size(); ++k) {
    const auto& a = plans[k - 1]["slots"];
    const auto& b = plans[k]["slots"];
    ASSERT_EQ(a.size(), b.size());
    for (size_t s = 0; s < b.size(); ++s) {
      if (b[s]["in_view"].get<bool>()) {
        EXPECT_EQ(a[s]["shown"], b[s]["shown"])
            << "slot " << b[s]["slot"] << " changed in view at frame " << plans[k]["frame"];
      }
    }
  }
  EXPECT_GT(stats["guide"]["slots_swapped"].get<int>(), 0);
  EXPECT_EQ(stats["guide"]["in_view_swaps_refused"], 0);
}

TEST(XrShop, SelectOpensTheCardGrabPicksUpAndThePanelAddsToTheCart) {
  const fs::path out(VRMALL_XR_SHOP_OUT);
  const json stats = readJson(out / "stats.json");
  EXPECT_EQ(stats["selected"]["slot"], "WA1-S9-L1-2");  // a T-shirt on a women's shelf
  EXPECT_TRUE(stats["panel"]["visible"].get<bool>());
  EXPECT_GE(stats["input"]["haptic_ticks"].get<int>(), 1);
  EXPECT_EQ(stats["input"]["panel_clicks"], 1);
  const auto events = readLines(out / "events.jsonl");
  int pickUps = 0, adds = 0;
  for (const auto& e : events) {
    if (e["type"] == "pick_up") {
      ++pickUps;
      EXPECT_EQ(e["slot"], "WA1-S9-L1-2");
    }
    if (e["type"] == "add_to_cart") ++adds;
  }
  EXPECT_EQ(pickUps, 1);
  EXPECT_EQ(adds, 1);
  ASSERT_EQ(stats["cart"].size(), 1u);
  EXPECT_EQ(stats["cart"][0]["item"], stats["selected"]["item"]);
  EXPECT_EQ(stats["cart"][0]["size"], "M");  // the avatar's, preselected on the card
  // The card's panel was drawn: it is not empty.
  const auto panel = vrmall::engine::readPng(out / "card_panel.png");
  ASSERT_FALSE(panel.empty());
  size_t lit = 0;
  for (size_t i = 0; i < panel.pixels.size(); i += 4) lit += panel.pixels[i + 1] > 100 ? 1 : 0;
  EXPECT_GT(lit, 2000u);
}

TEST(XrShop, TeleportLandsOnTheWalkableFloorOnly) {
  const json stats = readJson(fs::path(VRMALL_XR_SHOP_OUT) / "stats.json");
  EXPECT_EQ(stats["input"]["teleports"], 2);
  EXPECT_EQ(stats["input"]["teleports_refused"], 1);  // into the For-you wall
  EXPECT_EQ(stats["input"]["snap_turns"], 1);
  const json& log = stats["teleports"];
  ASSERT_EQ(log.size(), 2u);
  // The scripted target: the head lands right above (0, 6) in the main aisle.
  EXPECT_EQ(log[0]["by"], "script");
  EXPECT_NEAR(log[0]["head"][0].get<double>(), 0.0, 0.01);
  EXPECT_NEAR(log[0]["head"][1].get<double>(), 6.0, 0.01);
  // The stick's arc, aimed 17 degrees down the aisle (-Z) from hand height: 7 m/s lands it about
  // 2.2 m ahead; it must be on the aisle's floor (|x| < 3), ahead of where the shopper stood.
  EXPECT_EQ(log[1]["by"], "stick");
  const double x = log[1]["head"][0].get<double>(), z = log[1]["head"][1].get<double>();
  EXPECT_LT(std::abs(x), 3.0);
  EXPECT_GT(6.0 - z, 1.5);
  EXPECT_LT(6.0 - z, 3.0);
  // Where the run ended: there, at standing height (the head sways a few centimetres).
  const json& head = stats["locomotion"]["head"];
  EXPECT_NEAR(head[2].get<double>(), z, 0.25);
  EXPECT_GT(head[1].get<double>(), 1.4);
  // A snap turn right from facing -Z (yaw 180 in the layout, the space's own yaw about 0).
  EXPECT_NEAR(std::abs(stats["locomotion"]["yaw_deg"].get<double>() + 30.0), 0.0, 12.0);
}

TEST(XrGlide, TheLeftStickGlidesWithTheVignetteOn) {
  const json stats = readJson(fs::path(VRMALL_XR_GLIDE_OUT) / "stats.json");
  expectCleanRun(stats);
  EXPECT_TRUE(stats["locomotion"]["smooth"].get<bool>());
  // 30 frames of 1/30 s at 1.4 m/s towards the wall (-Z) from z = 12.5.
  const json& head = stats["locomotion"]["head"];
  EXPECT_NEAR(head[2].get<double>(), 12.5 - 1.4, 0.25);
  EXPECT_EQ(stats["input"]["vignette_frames"], 30);
  EXPECT_EQ(stats["input"]["teleports"], 0);
}

}  // namespace
