#include "catalog.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "catalog_tables.h"
#include "csv.h"
#include "palette.h"
#include "rng.h"

namespace storegen {

namespace {

using namespace catalog_tables;

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
