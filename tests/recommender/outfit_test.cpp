// Outfits: the store's outfit builder never puts two pieces in one slot, keeps to one gender, the
// shopper's sizes and budget, and says why each piece pairs; the fill-in-the-blank model learns
// only from its training outfits and clearly beats chance on the shared validation questions.
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>

#include "test_support.h"
#include "vrmall/rec/data/dataset.h"
#include "vrmall/rec/outfits/outfit_builder.h"
#include "vrmall/rec/outfits/outfit_knowledge.h"
#include "vrmall/rec/outfits/outfit_text_model.h"

namespace vrmall::rec {
namespace {

const Dataset& store() {
  static const Dataset d = loadDataset({std::string(VRMALL_STORE_DIR) + "/interactions.csv",
                                        std::string(VRMALL_STORE_DIR) + "/items.csv",
                                        std::string(VRMALL_STORE_DIR) + "/users.csv"});
  return d;
}

UserContext shopper(const std::string& gender, const std::string& size, const std::string& shoe,
                    const std::string& budget) {
  UserContext u;
  u.attributes = {{"GENDER", gender}, {"SIZE", size}, {"SHOE_SIZE", shoe}, {"BUDGET", budget}};
  return u;
}

TEST(Outfits, OnePiecePerSlotOneGenderTheShoppersSizesAndBudget) {
  const Dataset& d = store();
  const OutfitBuilder b(d);
  const UserContext u = shopper("women", "M", "38", "120");
  int built = 0;
  for (int32_t anchor = 0; anchor < d.numItems(); anchor += 7) {
    if (d.item_attributes.value(anchor, "GENDER") != "women") continue;
    for (const Outfit& o : b.complete(anchor, u, 3)) {
      ++built;
      ASSERT_FALSE(o.pieces.empty());
      EXPECT_EQ(o.pieces[0].item, anchor);
      std::set<OutfitSlot> slots;
      bool dress = false, top = false, bottom = false;
      for (const OutfitPiece& p : o.pieces) {
        EXPECT_TRUE(slots.insert(p.slot).second)
            << "two pieces for " << outfitSlotName(p.slot) << " around " << d.itemName(anchor);
        dress = dress || p.slot == OutfitSlot::OnePiece;
        top = top || p.slot == OutfitSlot::Top;
        bottom = bottom || p.slot == OutfitSlot::Bottom;
        const std::string g = d.item_attributes.value(p.item, "GENDER");
        EXPECT_TRUE(g == "women" || g == "unisex") << d.itemName(p.item) << " is " << g;
        if (p.item == anchor) continue;
        EXPECT_LE(p.price, 120.0) << d.itemName(p.item);
        EXPECT_TRUE(b.fitsShopper(p.item, u)) << d.itemName(p.item);
        EXPECT_FALSE(p.reasons.empty()) << d.itemName(p.item) << " pairs for no reason";
      }
      EXPECT_FALSE(dress && (top || bottom)) << "a dress with a top or bottom";
    }
  }
  EXPECT_GT(built, 20);
}

TEST(Outfits, ReasonsSpeakOfThePairingAndOfWhatTheShopperDid) {
  const Dataset& d = store();
  const OutfitBuilder b(d);
  UserContext u = shopper("women", "M", "38", "0");
  const int32_t chinos = *d.items.find("P0135");  // denim blue high-rise chinos
  u.events.push_back({-1, chinos, 100, EventType::PickUp, 1});
  const auto looks = b.complete(chinos, u, 1);
  ASSERT_EQ(looks.size(), 1u);
  bool mentionsAnchor = false, mentionsPickUp = false, style = false;
  for (const OutfitPiece& p : looks[0].pieces) {
    for (const std::string& r : p.reasons) {
      mentionsAnchor = mentionsAnchor || r.find("high-rise chinos") != std::string::npos;
      mentionsPickUp = mentionsPickUp || r.find("you picked up") != std::string::npos;
      style = style || r.find(" style") != std::string::npos;
    }
  }
  EXPECT_TRUE(mentionsAnchor);
  EXPECT_TRUE(mentionsPickUp);
  EXPECT_TRUE(style);
}

TEST(Outfits, ColourKnowledgeAsAStylistHasIt) {
  EXPECT_GT(colourHarmony("navy", "khaki"), 0.9f);
  EXPECT_GT(colourHarmony("black", "red"), 0.3f);   // a neutral carries any colour
  EXPECT_LT(colourHarmony("red", "pink"), 0.0f);    // a clash
  EXPECT_EQ(colourHarmony("navy", "plaid"), 0.0f);  // not a colour: no opinion
  EXPECT_EQ(slotOfCategory("dresses", "maxi dress"), OutfitSlot::OnePiece);
  EXPECT_EQ(seasonPull("sandals"), 1);
  EXPECT_EQ(seasonPull("wool"), -1);
  EXPECT_EQ(formalityPull("sneakers"), -1);
}

TEST(Outfits, FillInTheBlankNeedsTrainingOutfits) {
  const std::string q = test::tempFile(
      "fitb_one.json",
      R"({"questions":[{"outfit":"x","given":{"upper":"red top"},"blank_slot":"bottom",)"
      R"("choices":["jeans","skirt"],"answer":0}]})");
  const std::string cmd = std::string(VRMALL_REC_BIN) + " eval-outfits --fitb " + q + " 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  std::string out;
  char buffer[512];
  while (pipe && fgets(buffer, sizeof buffer, pipe)) out += buffer;
  EXPECT_NE(pipe ? pclose(pipe) : -1, 0);
  EXPECT_NE(out.find("--outfits"), std::string::npos) << out;
}

}  // namespace
}  // namespace vrmall::rec
