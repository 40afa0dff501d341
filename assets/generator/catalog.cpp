#include "catalog.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "csv.h"
#include "palette.h"
#include "rng.h"

namespace storegen {

namespace {

struct Weighted {
  std::string value;
  double weight;
};

// One product kind (a CATEGORY_L2) and how the store stocks it.
struct Kind {
  std::string l1, l2, noun;
  std::string genders;  // letters from "wmu": women, men, unisex
  std::vector<Weighted> styles;
  std::vector<std::string> materials;
  double median_price;
  int count;
};

const std::vector<Kind>& kinds() {
  static const std::vector<Kind> all = {
      // tops
      {"tops",
       "t-shirt",
       "T-Shirt",
       "wm",
       {{"casual", 3}, {"street", 2}, {"sporty", 1}, {"minimalist", 1}},
       {"cotton", "organic cotton", "jersey"},
       25,
       24},
      {"tops",
       "shirt",
       "Shirt",
       "wm",
       {{"formal", 3}, {"casual", 2}, {"minimalist", 1}, {"boho", 0.5}},
       {"cotton", "linen", "oxford cotton"},
       55,
       20},
      {"tops",
       "blouse",
       "Blouse",
       "w",
       {{"formal", 2}, {"boho", 2}, {"evening", 1}, {"minimalist", 1}},
       {"silk", "viscose", "chiffon"},
       60,
       14},
      {"tops",
       "sweater",
       "Sweater",
       "wm",
       {{"casual", 2}, {"minimalist", 2}, {"formal", 1}},
       {"wool", "cashmere", "merino wool", "cotton knit"},
       70,
       18},
      {"tops",
       "hoodie",
       "Hoodie",
       "wm",
       {{"street", 3}, {"casual", 2}, {"sporty", 2}},
       {"cotton fleece", "fleece"},
       50,
       14},
      {"tops",
       "tank top",
       "Tank Top",
       "wm",
       {{"sporty", 2}, {"casual", 2}, {"street", 1}, {"boho", 1}},
       {"cotton", "jersey", "technical mesh"},
       20,
       10},
      {"tops",
       "polo",
       "Polo Shirt",
       "wm",
       {{"casual", 2}, {"sporty", 1}, {"formal", 1}},
       {"pique cotton"},
       40,
       10},
      // trousers
      {"trousers", "jeans", "Jeans", "wm", {{"casual", 3}, {"street", 2}}, {"denim"}, 60, 16},
      {"trousers",
       "chinos",
       "Chinos",
       "wm",
       {{"casual", 2}, {"formal", 1}, {"minimalist", 1}},
       {"cotton twill"},
       50,
       12},
      {"trousers",
       "joggers",
       "Joggers",
       "wm",
       {{"sporty", 3}, {"street", 2}, {"casual", 1}},
       {"fleece", "jersey"},
       40,
       12},
      {"trousers",
       "wide-leg",
       "Wide-Leg Trousers",
       "wm",
       {{"boho", 1}, {"minimalist", 2}, {"formal", 1}, {"evening", 1}},
       {"linen", "viscose", "wool"},
       65,
       10},
      {"trousers",
       "tailored",
       "Tailored Trousers",
       "wm",
       {{"formal", 3}, {"minimalist", 2}},
       {"wool", "wool blend"},
       80,
       12},
      {"trousers",
       "shorts",
       "Shorts",
       "wm",
       {{"casual", 2}, {"sporty", 2}, {"street", 1}},
       {"cotton", "linen", "nylon"},
       30,
       10},
      {"trousers",
       "cargo",
       "Cargo Trousers",
       "wm",
       {{"street", 3}, {"casual", 1}},
       {"cotton twill", "ripstop nylon"},
       55,
       8},
      // dresses
      {"dresses",
       "maxi dress",
       "Maxi Dress",
       "w",
       {{"boho", 3}, {"evening", 2}, {"casual", 1}},
       {"viscose", "linen", "silk", "chiffon"},
       90,
       12},
      {"dresses",
       "midi dress",
       "Midi Dress",
       "w",
       {{"formal", 1}, {"casual", 2}, {"boho", 1}, {"minimalist", 1}},
       {"viscose", "cotton", "crepe"},
       75,
       12},
      {"dresses",
       "mini dress",
       "Mini Dress",
       "w",
       {{"evening", 2}, {"casual", 1}, {"street", 1}},
       {"satin", "cotton", "velvet"},
       55,
       9},
      {"dresses",
       "slip dress",
       "Slip Dress",
       "w",
       {{"evening", 3}, {"minimalist", 1}},
       {"silk", "satin"},
       95,
       8},
      {"dresses",
       "wrap dress",
       "Wrap Dress",
       "w",
       {{"formal", 1}, {"casual", 1}, {"boho", 1}},
       {"jersey", "viscose"},
       70,
       8},
      {"dresses",
       "shirt dress",
       "Shirt Dress",
       "w",
       {{"casual", 2}, {"minimalist", 1}, {"formal", 1}},
       {"cotton", "linen"},
       65,
       6},
      // skirts
      {"skirts",
       "mini skirt",
       "Mini Skirt",
       "w",
       {{"street", 2}, {"casual", 1}, {"evening", 1}},
       {"denim", "leather", "cotton"},
       40,
       7},
      {"skirts",
       "midi skirt",
       "Midi Skirt",
       "w",
       {{"casual", 1}, {"minimalist", 2}, {"formal", 1}},
       {"viscose", "satin", "wool"},
       55,
       8},
      {"skirts",
       "maxi skirt",
       "Maxi Skirt",
       "w",
       {{"boho", 3}, {"casual", 1}},
       {"viscose", "linen", "chiffon"},
       60,
       7},
      {"skirts",
       "pleated skirt",
       "Pleated Skirt",
       "w",
       {{"formal", 1}, {"minimalist", 1}, {"evening", 1}},
       {"polyester", "satin", "wool"},
       55,
       7},
      {"skirts",
       "pencil skirt",
       "Pencil Skirt",
       "w",
       {{"formal", 3}, {"evening", 1}},
       {"wool blend", "crepe"},
       50,
       6},
      {"skirts",
       "a-line skirt",
       "A-Line Skirt",
       "w",
       {{"casual", 2}, {"boho", 1}, {"minimalist", 1}},
       {"cotton", "corduroy", "denim"},
       45,
       6},
      // jackets
      {"jackets",
       "blazer",
       "Blazer",
       "wm",
       {{"formal", 3}, {"minimalist", 1}},
       {"wool", "linen", "tweed"},
       140,
       12},
      {"jackets",
       "bomber",
       "Bomber Jacket",
       "wm",
       {{"street", 3}, {"casual", 1}, {"sporty", 1}},
       {"nylon", "satin", "suede"},
       90,
       10},
      {"jackets",
       "parka",
       "Parka",
       "wm",
       {{"casual", 2}, {"street", 1}},
       {"nylon", "cotton"},
       180,
       8},
      {"jackets",
       "denim jacket",
       "Denim Jacket",
       "wm",
       {{"casual", 3}, {"street", 1}, {"boho", 1}},
       {"denim"},
       80,
       10},
      {"jackets",
       "trench coat",
       "Trench Coat",
       "wm",
       {{"formal", 2}, {"minimalist", 2}, {"casual", 1}},
       {"cotton gabardine"},
       190,
       10},
      {"jackets",
       "puffer",
       "Puffer Jacket",
       "wm",
       {{"sporty", 1}, {"street", 2}, {"casual", 2}},
       {"nylon", "recycled polyester"},
       150,
       10},
      // shoes
      {"shoes",
       "sneakers",
       "Sneakers",
       "wmu",
       {{"casual", 2}, {"street", 3}, {"sporty", 1}},
       {"canvas", "leather"},
       85,
       16},
      {"shoes", "running", "Running Shoes", "wmu", {{"sporty", 4}}, {"mesh"}, 110, 12},
      {"shoes",
       "boots",
       "Boots",
       "wm",
       {{"casual", 1}, {"street", 1}, {"formal", 1}},
       {"leather"},
       150,
       10},
      {"shoes",
       "ankle boots",
       "Ankle Boots",
       "wm",
       {{"casual", 1}, {"boho", 1}, {"minimalist", 1}, {"evening", 1}},
       {"suede", "leather"},
       120,
       10},
      {"shoes",
       "loafers",
       "Loafers",
       "wm",
       {{"formal", 3}, {"minimalist", 1}},
       {"leather", "suede"},
       110,
       10},
      {"shoes",
       "heels",
       "Heels",
       "w",
       {{"evening", 3}, {"formal", 2}},
       {"patent leather", "satin", "suede"},
       95,
       12},
      {"shoes",
       "sandals",
       "Sandals",
       "wu",
       {{"boho", 3}, {"casual", 2}},
       {"leather", "rubber"},
       55,
       10},
      // bags
      {"bags",
       "tote",
       "Tote Bag",
       "wu",
       {{"casual", 2}, {"minimalist", 2}, {"boho", 1}},
       {"canvas", "leather"},
       70,
       10},
      {"bags",
       "backpack",
       "Backpack",
       "wmu",
       {{"sporty", 2}, {"street", 2}, {"casual", 2}},
       {"nylon", "canvas"},
       75,
       10},
      {"bags",
       "crossbody",
       "Crossbody Bag",
       "wmu",
       {{"casual", 2}, {"street", 1}, {"minimalist", 1}},
       {"leather", "nylon"},
       90,
       9},
      {"bags", "clutch", "Clutch", "w", {{"evening", 4}}, {"satin", "leather"}, 80, 8},
      {"bags",
       "shoulder bag",
       "Shoulder Bag",
       "wu",
       {{"formal", 2}, {"minimalist", 1}, {"evening", 1}},
       {"leather", "suede"},
       160,
       8},
      // hats
      {"hats",
       "cap",
       "Baseball Cap",
       "u",
       {{"street", 3}, {"sporty", 2}, {"casual", 2}},
       {"cotton twill"},
       25,
       8},
      {"hats",
       "beanie",
       "Beanie",
       "u",
       {{"street", 2}, {"casual", 2}},
       {"wool knit", "acrylic knit"},
       22,
       6},
      {"hats",
       "fedora",
       "Fedora",
       "wmu",
       {{"formal", 2}, {"boho", 1}, {"evening", 1}},
       {"wool felt", "straw"},
       60,
       5},
      {"hats",
       "bucket hat",
       "Bucket Hat",
       "u",
       {{"street", 2}, {"casual", 1}, {"boho", 1}},
       {"cotton", "nylon"},
       30,
       5},
      {"hats", "sun hat", "Sun Hat", "w", {{"boho", 3}, {"casual", 1}}, {"straw"}, 40, 5},
      {"hats",
       "beret",
       "Beret",
       "w",
       {{"minimalist", 1}, {"boho", 1}, {"formal", 1}},
       {"wool felt"},
       35,
       3},
      // glasses
      {"glasses",
       "sunglasses",
       "Sunglasses",
       "wmu",
       {{"casual", 2}, {"street", 2}, {"sporty", 1}},
       {"acetate"},
       90,
       8},
      {"glasses",
       "aviator",
       "Aviator Sunglasses",
       "mu",
       {{"casual", 1}, {"street", 1}, {"formal", 1}},
       {"metal"},
       130,
       6},
      {"glasses",
       "round",
       "Round Glasses",
       "wmu",
       {{"boho", 2}, {"minimalist", 1}},
       {"acetate", "metal"},
       110,
       5},
      {"glasses",
       "cat-eye",
       "Cat-Eye Sunglasses",
       "w",
       {{"evening", 2}, {"boho", 1}, {"minimalist", 1}},
       {"acetate"},
       120,
       5},
      {"glasses",
       "reading",
       "Reading Glasses",
       "u",
       {{"formal", 1}, {"minimalist", 2}},
       {"acetate"},
       45,
       4},
      // watches
      {"watches",
       "dress",
       "Dress Watch",
       "wm",
       {{"formal", 3}, {"evening", 2}, {"minimalist", 1}},
       {"leather"},
       220,
       6},
      {"watches",
       "diver",
       "Diver Watch",
       "mu",
       {{"sporty", 2}, {"casual", 1}},
       {"stainless steel", "rubber"},
       350,
       6},
      {"watches",
       "chronograph",
       "Chronograph",
       "wmu",
       {{"formal", 1}, {"sporty", 1}, {"casual", 1}},
       {"stainless steel", "leather"},
       280,
       6},
      {"watches",
       "smartwatch",
       "Smartwatch",
       "u",
       {{"sporty", 3}, {"minimalist", 1}},
       {"silicone"},
       250,
       6},
      {"watches",
       "field",
       "Field Watch",
       "mu",
       {{"casual", 2}, {"minimalist", 1}},
       {"canvas", "leather"},
       150,
       4},
  };
  return all;
}

struct Brand {
  std::string name;
  std::vector<std::string> styles;
  std::vector<std::string> l1;  // empty: every category
  double tier;                  // price multiplier
};

const std::vector<Brand>& brands() {
  static const std::vector<Brand> all = {
      {"Northwind Atelier", {"formal", "minimalist"}, {}, 1.6},
      {"Basics Lab", {"casual", "minimalist", "sporty"}, {}, 0.6},
      {"Urban Mosaic", {"street", "casual"}, {}, 0.85},
      {"Tallow Street", {"street", "sporty"}, {}, 0.75},
      {"Sunfield", {"boho", "casual"}, {}, 0.9},
      {"Wildflower Studio", {"boho", "evening"}, {}, 1.2},
      {"Velo Athletic",
       {"sporty", "street"},
       {"tops", "trousers", "jackets", "shoes", "bags", "hats", "watches"},
       1.0},
      {"Maison Liora", {"evening", "formal"}, {}, 2.3},
      {"Grey Harbour", {"minimalist", "casual", "formal"}, {}, 1.3},
      {"Juniper Row", {"casual", "boho"}, {}, 0.8},
      {"Oakhaven & Sons",
       {"formal", "casual"},
       {"tops", "trousers", "jackets", "shoes", "bags"},
       1.5},
      {"Pavo", {"evening", "street"}, {}, 1.1},
      {"Brightline", {"sporty", "casual"}, {}, 0.7},
      {"Ferro Time", {"formal", "sporty", "casual", "minimalist", "evening"}, {"watches"}, 1.4},
      {"Lumen Optics",
       {"casual", "minimalist", "boho", "evening", "street", "formal", "sporty"},
       {"glasses"},
       1.2},
      {"Kestrel", {"casual", "street", "minimalist", "formal", "sporty"}, {"shoes", "bags"}, 1.1},
  };
  return all;
}

const std::vector<std::string>& fit_words(const std::string& l1) {
  static const std::map<std::string, std::vector<std::string>> words = {
      {"tops",
       {"Relaxed", "Slim", "Oversized", "Cropped", "Boxy", "Classic", "Fitted", "Everyday"}},
      {"trousers", {"Straight", "Tapered", "Slim", "Relaxed", "Pleated", "High-Rise", "Classic"}},
      {"dresses", {"Flowing", "Tiered", "Fitted", "Draped", "Belted", "Floral", "Classic"}},
      {"skirts", {"Flowing", "Tiered", "Fitted", "Belted", "Floral", "Classic"}},
      {"jackets", {"Tailored", "Cropped", "Oversized", "Classic", "Quilted", "Lightweight"}},
      {"shoes", {"Low-Top", "Chunky", "Lightweight", "Classic", "Platform", "Minimal"}},
      {"bags", {"Structured", "Soft", "Mini", "Everyday", "Classic", "Quilted"}},
      {"hats", {"Classic", "Washed", "Wide-Brim", "Ribbed", "Packable"}},
      {"glasses", {"Classic", "Oversized", "Thin-Frame", "Bold", "Polarised"}},
      {"watches", {"Automatic", "Quartz", "Classic", "Minimal", "Heritage", "Sport"}},
  };
  return words.at(l1);
}

std::string title_case(const std::string& s) {
  std::string out = s;
  bool start = true;
  for (char& c : out) {
    if (start && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    start = c == ' ' || c == '-';
  }
  return out;
}

std::string pick_style(Rng& rng, const std::vector<Weighted>& options) {
  std::vector<double> w;
  for (const auto& o : options) w.push_back(o.weight);
  return options[rng.weighted(w)].value;
}

std::vector<std::string> seasons_for(Rng& rng, const Kind& k, const std::string& material) {
  const bool warm = material == "linen" || material == "straw" || k.l2 == "sandals" ||
                    k.l2 == "sun hat" || k.l2 == "shorts" || k.l2 == "tank top" ||
                    material == "chiffon";
  const bool cold = material == "wool" || material == "cashmere" || material == "merino wool" ||
                    material == "wool knit" || material == "tweed" || material == "wool felt" ||
                    material == "corduroy" || material == "velvet" || k.l2 == "parka" ||
                    k.l2 == "puffer" || k.l2 == "beanie" || k.l2 == "boots";
  if (warm) return {"spring", "summer"};
  if (cold) return {"autumn", "winter"};
  const double r = rng.uniform();
  if (r < 0.45) return {"spring", "summer", "autumn", "winter"};
  if (r < 0.75) return {"spring", "autumn"};
  if (r < 0.9) return {"spring", "summer"};
  return {"autumn", "winter"};
}

std::vector<std::string> sizes_for(Rng& rng, const std::string& l1, const std::string& gender) {
  if (l1 == "shoes") {
    const int lo = gender == "women" ? 36 : gender == "men" ? 40 : 37;
    const int hi = gender == "women" ? 41 : gender == "men" ? 46 : 45;
    std::vector<std::string> out;
    for (int s = lo; s <= hi; ++s) out.push_back(std::to_string(s));
    return out;
  }
  if (l1 == "bags" || l1 == "hats" || l1 == "glasses" || l1 == "watches") return {"one-size"};
  std::vector<std::string> out = gender == "men"
                                     ? std::vector<std::string>{"S", "M", "L", "XL", "XXL"}
                                     : std::vector<std::string>{"XS", "S", "M", "L", "XL"};
  // Some lines skip an end of the range, as real size runs do.
  if (rng.chance(0.2)) out.erase(out.begin());
  if (rng.chance(0.2)) out.pop_back();
  return out;
}

// A shelf price: under 100 ends in .99, above rounds to 5 with .00.
double shelf_price(double p) {
  if (p < 100) return std::max(4.99, std::round(p) - 0.01);
  return std::round(p / 5.0) * 5.0;
}

std::string secondary_for(Rng& rng, const Product& p) {
  if (p.l1 == "shoes") {
    if (p.l2 == "sneakers" || p.l2 == "running") return rng.chance(0.7) ? "white" : "black";
    return p.l2 == "sandals" ? "tan"
                             : rng.pick(std::vector<std::string>{"black", "brown", "chocolate"});
  }
  if (p.l1 == "watches")
    return rng.pick(std::vector<std::string>{"silver", "silver", "gold", "charcoal", "rose gold"});
  if (p.l1 == "glasses")  // lens tint; reading glasses get a clear lens
    return p.l2 == "reading"
               ? "white"
               : rng.pick(std::vector<std::string>{"black", "brown", "charcoal", "emerald"});
  return rng.pick(std::vector<std::string>{"black", "white", "ivory", "brown", "charcoal"});
}

}  // namespace

std::vector<Product> generate_catalog(uint64_t seed) {
  std::vector<Product> out;
  for (const Kind& k : kinds()) {
    for (int n = 0; n < k.count; ++n) {
      Product p;
      p.index = out.size();
      Rng rng(seed, "product", p.index);
      char id[16];
      std::snprintf(id, sizeof id, "P%04zu", p.index + 1);
      p.id = id;
      p.model = "models/" + p.id + ".gltf";
      p.l1 = k.l1;
      p.l2 = k.l2;

      // Gender and department: clothing splits into the women's and men's floors.
      std::vector<double> gw;
      for (char g : std::string("wmu")) {
        const bool allowed = k.genders.find(g) != std::string::npos;
        gw.push_back(!allowed ? 0.0 : g == 'w' ? 0.55 : g == 'm' ? 0.45 : 0.6);
      }
      const size_t gi = rng.weighted(gw);
      p.gender = gi == 0 ? "women" : gi == 1 ? "men" : "unisex";
      if (k.l1 == "shoes")
        p.department = "shoes";
      else if (k.l1 == "bags" || k.l1 == "hats" || k.l1 == "glasses" || k.l1 == "watches")
        p.department = "accessories";
      else
        p.department = p.gender;

      const std::string style = pick_style(rng, k.styles);
      p.styles = {style};
      if (rng.chance(0.45)) {
        const std::string second = pick_style(rng, k.styles);
        if (second != style) p.styles.push_back(second);
      }

      std::vector<double> bw;
      for (const Brand& b : brands()) {
        const bool cat_ok = b.l1.empty() || std::find(b.l1.begin(), b.l1.end(), k.l1) != b.l1.end();
        const bool style_ok = std::find(b.styles.begin(), b.styles.end(), style) != b.styles.end();
        // Specialist brands own their categories; generalists fill in the rest.
        const bool specialist = !b.l1.empty() && b.l1.size() <= 2;
        bw.push_back(cat_ok && style_ok ? (specialist ? 6.0 : 1.0) : 0.0);
      }
      const Brand& brand = brands()[rng.weighted(bw)];
      p.brand = brand.name;

      p.material = rng.pick(k.materials);
      p.seasons = seasons_for(rng, k, p.material);

      const auto& palette = style_palette(style);
      // Earlier palette entries are the style's signature colours, so weight them up.
      std::vector<double> cw;
      for (size_t i = 0; i < palette.size(); ++i)
        cw.push_back(1.0 / (1.0 + 0.35 * static_cast<double>(i)));
      p.colour = palette[rng.weighted(cw)];
      if (k.l2 == "jeans" || k.l2 == "denim jacket" || (p.material == "denim" && rng.chance(0.7)))
        p.colour = rng.pick(
            std::vector<std::string>{"denim blue", "denim blue", "navy", "black", "sky blue"});
      if (k.l1 == "watches" && p.material == "stainless steel")
        p.colour = rng.chance(0.7) ? "silver" : "gold";
      if (k.l1 == "glasses" && p.material == "metal")
        p.colour = rng.pick(std::vector<std::string>{"gold", "silver", "black"});
      p.colourways = {p.colour};
      const size_t extra = rng.below(4);  // 1 to 4 colourways
      for (size_t i = 0; i < extra; ++i) {
        const std::string c = palette[rng.below(palette.size())];
        if (std::find(p.colourways.begin(), p.colourways.end(), c) == p.colourways.end())
          p.colourways.push_back(c);
      }

      p.sizes = sizes_for(rng, k.l1, p.gender);
      const double draw = k.median_price * brand.tier * std::exp(0.22 * rng.normal());
      p.price = shelf_price(draw);

      p.fit = rng.pick(fit_words(k.l1));
      std::string name;
      if (rng.chance(0.55)) name = title_case(p.material) + " ";
      name += p.fit + " " + k.noun;
      // Catalogues do write commas and quoted nicknames; the CSV quotes them (RFC 4180).
      if (rng.chance(0.06))
        name +=
            rng.pick(std::vector<std::string>{", Limited Edition", ", Regular Fit", ", Recycled"});
      if (rng.chance(0.02)) {
        std::string quoted = "The \"";
        quoted += rng.pick(std::vector<std::string>{"Everyday", "Weekend", "Icon"});
        quoted += "\" ";
        name = quoted + name;
      }
      p.name = name;
      p.secondary = secondary_for(rng, p);
      p.accent = rng.pick(std::vector<std::string>{"gold", "silver", "black", "ivory"});
      out.push_back(std::move(p));
    }
  }
  return out;
}

std::string items_csv(const std::vector<Product>& products) {
  std::string out =
      "ITEM_ID,NAME,DEPARTMENT,CATEGORY_L1,CATEGORY_L2,GENDER,COLOR,COLORWAYS,STYLE,SEASON,"
      "MATERIAL,BRAND,PRICE,"
      "SIZES,MODEL\n";
  for (const auto& p : products) {
    char price[32];
    std::snprintf(price, sizeof price, "%.2f", p.price);
    out += csv_row({p.id, p.name, p.department, p.l1, p.l2, p.gender, p.colour, join(p.colourways),
                    join(p.styles), join(p.seasons), p.material, p.brand, price, join(p.sizes),
                    p.model});
  }
  return out;
}

}  // namespace storegen
