#include "vrmall/rec/guide/demo.h"

#include <iomanip>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "vrmall/rec/service/recommender.h"

namespace vrmall::rec {
namespace {

// A small store: enough variety for styles, sizes and budgets to matter.
constexpr const char* kItems = R"(ITEM_ID,NAME,CATEGORY_L1,GENDER,COLOR,STYLE,SEASON,PRICE,SIZES
d1,Floral Wrap Dress,dresses,women,red,boho|summer,summer,89,XS|S|M|L
d2,Linen Maxi Dress,dresses,women,white,boho,summer,120,S|M|L
d3,Little Black Dress,dresses,women,black,evening|minimalist,all,150,XS|S|M
d4,Satin Slip Dress,dresses,women,green,evening,all,210,S|M
d5,Denim Shirt Dress,dresses,women,blue,casual,spring,75,S|M|L|XL
s1,Tiered Midi Skirt,skirts,women,beige,boho,summer,65,XS|S|M|L
s2,Pleated Mini Skirt,skirts,women,black,street,all,45,XS|S|M
s3,Pencil Skirt,skirts,women,grey,formal,all,70,S|M|L
t1,Linen Shirt,tops,unisex,white,casual|minimalist,summer,55,S|M|L|XL
t2,Oversized Hoodie,tops,unisex,grey,street|sporty,winter,60,M|L|XL
t3,Embroidered Blouse,tops,women,white,boho,summer,58,XS|S|M|L
t4,Silk Camisole,tops,women,black,evening,all,80,XS|S|M
t5,Oxford Shirt,tops,men,blue,formal,all,65,M|L|XL|XXL
t6,Graphic Tee,tops,unisex,black,street,summer,25,S|M|L|XL
p1,Slim Chinos,trousers,men,beige,casual|formal,all,70,M|L|XL
p2,Wide-Leg Trousers,trousers,women,black,minimalist|formal,all,95,XS|S|M|L
p3,Cargo Pants,trousers,unisex,green,street,all,68,S|M|L|XL
p4,Track Pants,trousers,unisex,black,sporty,all,40,S|M|L|XL
j1,Suede Fringe Jacket,jackets,women,brown,boho,autumn,190,S|M|L
j2,Tailored Blazer,jackets,unisex,navy,formal,all,220,S|M|L|XL
j3,Puffer Jacket,jackets,unisex,black,street|sporty,winter,180,M|L|XL
j4,Denim Jacket,jackets,unisex,blue,casual|street,spring,90,S|M|L|XL
h1,Straw Sun Hat,hats,women,beige,boho|summer,summer,35,
h2,Beanie,hats,unisex,grey,street,winter,20,
b1,Woven Tote Bag,bags,women,beige,boho,summer,60,
b2,Leather Crossbody,bags,women,black,minimalist|evening,all,140,
b3,Canvas Backpack,bags,unisex,green,street|casual,all,55,
sh1,Leather Sandals,shoes,women,brown,boho|summer,summer,70,EU36|EU37|EU38|EU39|EU40
sh2,White Sneakers,shoes,unisex,white,casual|street|sporty,all,85,EU37|EU38|EU39|EU40|EU41|EU42|EU43
sh3,Pointed Heels,shoes,women,black,evening|formal,all,110,EU36|EU37|EU38|EU39
w1,Classic Steel Watch,watches,unisex,silver,formal|minimalist,all,250,
g1,Round Sunglasses,glasses,unisex,tortoise,boho|casual,summer,45,
)";

struct Persona {
  const char* style;
  double budget;
};

}  // namespace

int runDemo(std::ostream& out, const DemoOptions& options) {
  Dataset data;
  data.item_attributes =
      AttributeTable::fromCsvText(kItems, "<built-in catalogue>", "ITEM_ID", data.items);
  // Simulated shoppers: each persona browses, tries on and buys mostly in its style and budget.
  const Persona personas[] = {
      {"boho", 130}, {"street", 90}, {"formal", 260}, {"evening", 220}, {"casual", 100}};
  const Column* style = data.item_attributes.column("STYLE");
  const Column* price = data.item_attributes.column("PRICE");
  std::mt19937 rng(7);
  int64_t t = 1'750'000'000;
  for (int u = 0; u < 60; ++u) {
    const Persona& p = personas[u % 5];
    const int32_t user = data.users.add("shopper" + std::to_string(u + 1));
    const auto code = style->findCode(p.style);
    for (int32_t i = 0; i < data.numItems(); ++i) {
      bool in_style = false;
      for (auto [b, e] = style->bag(i); b != e; ++b) in_style = in_style || (code && *b == *code);
      const double affinity = (in_style ? 0.7 : 0.06) * (price->number(i) <= p.budget ? 1.0 : 0.3);
      if (std::uniform_real_distribution<>(0, 1)(rng) > affinity) continue;
      const double r = std::uniform_real_distribution<>(0, 1)(rng);
      const EventType type = r < 0.5    ? EventType::GazeDwell
                             : r < 0.75 ? EventType::TryOn
                             : r < 0.9  ? EventType::AddToCart
                                        : EventType::Purchase;
      data.events.push_back(
          {user, i, t += 60, type, type == EventType::GazeDwell ? 2500.0f : 1.0f});
    }
  }
  data.syncSizes();
  TrainOptions train;
  train.tune = false;  // a few dozen shoppers: the defaults are the honest choice
  Recommender r = Recommender::train(std::move(data), train);

  // A brand-new shopper: avatar attributes and a few seconds of looking at boho pieces.
  UserContext newcomer;
  newcomer.attributes = {{"SIZE", "M"}, {"STYLE", "boho"}, {"BUDGET", "120"}, {"GENDER", "women"}};
  const auto item = [&](const char* id) { return *r.data().items.find(id); };
  r.addEvents(newcomer, {{-1, item("d1"), t + 10, EventType::GazeDwell, 3200.0f},
                         {-1, item("t3"), t + 20, EventType::GazeDwell, 1800.0f}});
  RecommendOptions ro;
  ro.n = static_cast<size_t>(options.k);
  const auto fresh = r.recommend(newcomer, ro);
  const auto known = r.recommend(r.contextFor("shopper3"), ro);

  if (options.json) {
    const auto to_json = [](const std::vector<Recommendation>& list) {
      nlohmann::json a = nlohmann::json::array();
      for (const auto& x : list) {
        nlohmann::json reasons = nlohmann::json::array();
        for (const auto& reason : x.reasons) reasons.push_back(reason.text);
        a.push_back({{"item", x.id}, {"name", x.name}, {"score", x.score}, {"reasons", reasons}});
      }
      return a;
    };
    out << nlohmann::json{{"new_shopper", to_json(fresh)}, {"shopper3", to_json(known)}}.dump()
        << "\n";
    return 0;
  }
  const auto print = [&](const std::string& title, const std::vector<Recommendation>& list) {
    out << title << "\n";
    int rank = 1;
    for (const auto& x : list) {
      out << "  " << rank++ << ". " << x.name << " ("
          << r.data().item_attributes.value(x.item, "PRICE") << ")\n";
      for (const auto& reason : x.reasons) out << "       - " << reason.text << "\n";
    }
  };
  out << "vrmall shopping guide demo: " << r.data().numItems() << " products, "
      << r.data().numUsers() << " simulated shoppers, model " << r.model().kind() << "\n\n";
  print(
      "New shopper (size M, style boho, budget 120) who looked at Floral Wrap Dress and "
      "Embroidered Blouse:",
      fresh);
  out << "\n";
  print("Returning shopper3 (a formal-wear persona):", known);
  return 0;
}

}  // namespace vrmall::rec
