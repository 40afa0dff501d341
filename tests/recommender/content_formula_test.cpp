// The content model's score against its formula, computed here the slow way: for a history of
// weighted items, each category column's share of a value is the history weight carrying it over
// the weight carrying any value of that column, and an item scores
//   sim(u, i) = Σ_k w_k · share_k(value of i) / max share_k  /  Σ_k w_k
// over the columns where the item has a value (w_k = 1 for categories). The scorer reads small
// columns together through combined tables; this holds it to the plain sum.
#include <gtest/gtest.h>

#include <array>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "vrmall/rec/data/dataset.h"
#include "vrmall/rec/models/content_model.h"
#include "vrmall/rec/models/model.h"

namespace vrmall::rec {
namespace {

TEST(ContentFormula, CategoryScoresAreTheWeightedMeanOfShares) {
  const char* colours[] = {"red", "blue", "green", "black", ""};
  const char* materials[] = {"cotton", "silk", "wool", ""};
  const char* fits[] = {"slim", "regular", "loose", "oversized", "cropped", ""};
  std::mt19937 rng(17);
  std::string csv = "ITEM_ID,COLOUR,MATERIAL,FIT\n";
  constexpr int kItems = 300;
  std::vector<std::array<std::string, 3>> values(kItems);
  for (int i = 0; i < kItems; ++i) {
    values[i] = {colours[rng() % 5], materials[rng() % 4], fits[rng() % 6]};
    csv += "I" + std::to_string(i) + "," + values[i][0] + "," + values[i][1] + "," + values[i][2] +
           "\n";
  }
  Dataset data;
  data.item_attributes = AttributeTable::fromCsvText(csv, "formula", "ITEM_ID", data.items);
  ASSERT_EQ(data.item_attributes.column("COLOUR")->type, ColumnType::Category);
  data.events.push_back({data.users.add("U"), 0, 1, EventType::GazeDwell, 1000});
  data.syncSizes();
  const TrainingData train = makeTrainingData(data, data.events, EventWeights{}, 1, 1);
  ContentModel model;
  model.fit(train);

  const std::vector<ItemWeight> history = {{3, 1.0f}, {10, 2.5f}, {42, 0.5f}, {77, 1.5f}};
  std::vector<float> scores(kItems);
  model.scoreFromItems(history, scores);

  // The formula, column by column.
  std::vector<std::map<std::string, float>> share(3);
  std::vector<float> top(3, 0.0f);
  std::vector<bool> active(3, false);
  for (size_t k = 0; k < 3; ++k) {
    float total = 0.0f;
    for (const auto& h : history) {
      const std::string& v = values[static_cast<size_t>(h.item)][k];
      if (v.empty()) continue;
      share[k][v] += h.weight;
      total += h.weight;
    }
    if (total <= 0.0f) continue;
    active[k] = true;
    for (auto& [v, s] : share[k]) {
      s /= total;
      top[k] = std::max(top[k], s);
    }
  }
  for (int i = 0; i < kItems; ++i) {
    double num = 0.0, den = 0.0;
    for (size_t k = 0; k < 3; ++k) {
      const std::string& v = values[static_cast<size_t>(i)][k];
      if (!active[k] || v.empty()) continue;
      const auto it = share[k].find(v);
      num += it == share[k].end() ? 0.0 : it->second / top[k];
      den += 1.0;
    }
    const double want = den > 0 ? num / den : 0.0;
    EXPECT_NEAR(scores[static_cast<size_t>(i)], want, 1e-5) << "item " << i;
  }
}

}  // namespace
}  // namespace vrmall::rec
