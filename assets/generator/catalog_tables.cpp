#include "catalog_tables.h"

#include <map>

namespace storegen::catalog_tables {

const std::vector<Kind>& kinds() {
  // One kind per line reads as a table.
  // clang-format off
  static const std::vector<Kind> all = {
      // tops
      {"tops", "t-shirt", "T-Shirt", "wm", {{"casual", 3}, {"street", 2}, {"sporty", 1}, {"minimalist", 1}}, {"cotton", "organic cotton", "jersey"}, 25, 24},
      {"tops", "shirt", "Shirt", "wm", {{"formal", 3}, {"casual", 2}, {"minimalist", 1}, {"boho", 0.5}}, {"cotton", "linen", "oxford cotton"}, 55, 20},
      {"tops", "blouse", "Blouse", "w", {{"formal", 2}, {"boho", 2}, {"evening", 1}, {"minimalist", 1}}, {"silk", "viscose", "chiffon"}, 60, 14},
      {"tops", "sweater", "Sweater", "wm", {{"casual", 2}, {"minimalist", 2}, {"formal", 1}}, {"wool", "cashmere", "merino wool", "cotton knit"}, 70, 18},
      {"tops", "hoodie", "Hoodie", "wm", {{"street", 3}, {"casual", 2}, {"sporty", 2}}, {"cotton fleece", "fleece"}, 50, 14},
      {"tops", "tank top", "Tank Top", "wm", {{"sporty", 2}, {"casual", 2}, {"street", 1}, {"boho", 1}}, {"cotton", "jersey", "technical mesh"}, 20, 10},
      {"tops", "polo", "Polo Shirt", "wm", {{"casual", 2}, {"sporty", 1}, {"formal", 1}}, {"pique cotton"}, 40, 10},
      // trousers
      {"trousers", "jeans", "Jeans", "wm", {{"casual", 3}, {"street", 2}}, {"denim"}, 60, 16},
      {"trousers", "chinos", "Chinos", "wm", {{"casual", 2}, {"formal", 1}, {"minimalist", 1}}, {"cotton twill"}, 50, 12},
      {"trousers", "joggers", "Joggers", "wm", {{"sporty", 3}, {"street", 2}, {"casual", 1}}, {"fleece", "jersey"}, 40, 12},
      {"trousers", "wide-leg", "Wide-Leg Trousers", "wm", {{"boho", 1}, {"minimalist", 2}, {"formal", 1}, {"evening", 1}}, {"linen", "viscose", "wool"}, 65, 10},
      {"trousers", "tailored", "Tailored Trousers", "wm", {{"formal", 3}, {"minimalist", 2}}, {"wool", "wool blend"}, 80, 12},
      {"trousers", "shorts", "Shorts", "wm", {{"casual", 2}, {"sporty", 2}, {"street", 1}}, {"cotton", "linen", "nylon"}, 30, 10},
      {"trousers", "cargo", "Cargo Trousers", "wm", {{"street", 3}, {"casual", 1}}, {"cotton twill", "ripstop nylon"}, 55, 8},
      // dresses
      {"dresses", "maxi dress", "Maxi Dress", "w", {{"boho", 3}, {"evening", 2}, {"casual", 1}}, {"viscose", "linen", "silk", "chiffon"}, 90, 12},
      {"dresses", "midi dress", "Midi Dress", "w", {{"formal", 1}, {"casual", 2}, {"boho", 1}, {"minimalist", 1}}, {"viscose", "cotton", "crepe"}, 75, 12},
      {"dresses", "mini dress", "Mini Dress", "w", {{"evening", 2}, {"casual", 1}, {"street", 1}}, {"satin", "cotton", "velvet"}, 55, 9},
      {"dresses", "slip dress", "Slip Dress", "w", {{"evening", 3}, {"minimalist", 1}}, {"silk", "satin"}, 95, 8},
      {"dresses", "wrap dress", "Wrap Dress", "w", {{"formal", 1}, {"casual", 1}, {"boho", 1}}, {"jersey", "viscose"}, 70, 8},
      {"dresses", "shirt dress", "Shirt Dress", "w", {{"casual", 2}, {"minimalist", 1}, {"formal", 1}}, {"cotton", "linen"}, 65, 6},
      // skirts
      {"skirts", "mini skirt", "Mini Skirt", "w", {{"street", 2}, {"casual", 1}, {"evening", 1}}, {"denim", "leather", "cotton"}, 40, 7},
      {"skirts", "midi skirt", "Midi Skirt", "w", {{"casual", 1}, {"minimalist", 2}, {"formal", 1}}, {"viscose", "satin", "wool"}, 55, 8},
      {"skirts", "maxi skirt", "Maxi Skirt", "w", {{"boho", 3}, {"casual", 1}}, {"viscose", "linen", "chiffon"}, 60, 7},
      {"skirts", "pleated skirt", "Pleated Skirt", "w", {{"formal", 1}, {"minimalist", 1}, {"evening", 1}}, {"polyester", "satin", "wool"}, 55, 7},
      {"skirts", "pencil skirt", "Pencil Skirt", "w", {{"formal", 3}, {"evening", 1}}, {"wool blend", "crepe"}, 50, 6},
      {"skirts", "a-line skirt", "A-Line Skirt", "w", {{"casual", 2}, {"boho", 1}, {"minimalist", 1}}, {"cotton", "corduroy", "denim"}, 45, 6},
      // jackets
      {"jackets", "blazer", "Blazer", "wm", {{"formal", 3}, {"minimalist", 1}}, {"wool", "linen", "tweed"}, 140, 12},
      {"jackets", "bomber", "Bomber Jacket", "wm", {{"street", 3}, {"casual", 1}, {"sporty", 1}}, {"nylon", "satin", "suede"}, 90, 10},
      {"jackets", "parka", "Parka", "wm", {{"casual", 2}, {"street", 1}}, {"nylon", "cotton"}, 180, 8},
      {"jackets", "denim jacket", "Denim Jacket", "wm", {{"casual", 3}, {"street", 1}, {"boho", 1}}, {"denim"}, 80, 10},
      {"jackets", "trench coat", "Trench Coat", "wm", {{"formal", 2}, {"minimalist", 2}, {"casual", 1}}, {"cotton gabardine"}, 190, 10},
      {"jackets", "puffer", "Puffer Jacket", "wm", {{"sporty", 1}, {"street", 2}, {"casual", 2}}, {"nylon", "recycled polyester"}, 150, 10},
      // shoes
      {"shoes", "sneakers", "Sneakers", "wmu", {{"casual", 2}, {"street", 3}, {"sporty", 1}}, {"canvas", "leather"}, 85, 16},
      {"shoes", "running", "Running Shoes", "wmu", {{"sporty", 4}}, {"mesh"}, 110, 12},
      {"shoes", "boots", "Boots", "wm", {{"casual", 1}, {"street", 1}, {"formal", 1}}, {"leather"}, 150, 10},
      {"shoes", "ankle boots", "Ankle Boots", "wm", {{"casual", 1}, {"boho", 1}, {"minimalist", 1}, {"evening", 1}}, {"suede", "leather"}, 120, 10},
      {"shoes", "loafers", "Loafers", "wm", {{"formal", 3}, {"minimalist", 1}}, {"leather", "suede"}, 110, 10},
      {"shoes", "heels", "Heels", "w", {{"evening", 3}, {"formal", 2}}, {"patent leather", "satin", "suede"}, 95, 12},
      {"shoes", "sandals", "Sandals", "wu", {{"boho", 3}, {"casual", 2}}, {"leather", "rubber"}, 55, 10},
      // bags
      {"bags", "tote", "Tote Bag", "wu", {{"casual", 2}, {"minimalist", 2}, {"boho", 1}}, {"canvas", "leather"}, 70, 10},
      {"bags", "backpack", "Backpack", "wmu", {{"sporty", 2}, {"street", 2}, {"casual", 2}}, {"nylon", "canvas"}, 75, 10},
      {"bags", "crossbody", "Crossbody Bag", "wmu", {{"casual", 2}, {"street", 1}, {"minimalist", 1}}, {"leather", "nylon"}, 90, 9},
      {"bags", "clutch", "Clutch", "w", {{"evening", 4}}, {"satin", "leather"}, 80, 8},
      {"bags", "shoulder bag", "Shoulder Bag", "wu", {{"formal", 2}, {"minimalist", 1}, {"evening", 1}}, {"leather", "suede"}, 160, 8},
      // hats
      {"hats", "cap", "Baseball Cap", "u", {{"street", 3}, {"sporty", 2}, {"casual", 2}}, {"cotton twill"}, 25, 8},
      {"hats", "beanie", "Beanie", "u", {{"street", 2}, {"casual", 2}}, {"wool knit", "acrylic knit"}, 22, 6},
      {"hats", "fedora", "Fedora", "wmu", {{"formal", 2}, {"boho", 1}, {"evening", 1}}, {"wool felt", "straw"}, 60, 5},
      {"hats", "bucket hat", "Bucket Hat", "u", {{"street", 2}, {"casual", 1}, {"boho", 1}}, {"cotton", "nylon"}, 30, 5},
      {"hats", "sun hat", "Sun Hat", "w", {{"boho", 3}, {"casual", 1}}, {"straw"}, 40, 5},
      {"hats", "beret", "Beret", "w", {{"minimalist", 1}, {"boho", 1}, {"formal", 1}}, {"wool felt"}, 35, 3},
      // glasses
      {"glasses", "sunglasses", "Sunglasses", "wmu", {{"casual", 2}, {"street", 2}, {"sporty", 1}}, {"acetate"}, 90, 8},
      {"glasses", "aviator", "Aviator Sunglasses", "mu", {{"casual", 1}, {"street", 1}, {"formal", 1}}, {"metal"}, 130, 6},
      {"glasses", "round", "Round Glasses", "wmu", {{"boho", 2}, {"minimalist", 1}}, {"acetate", "metal"}, 110, 5},
      {"glasses", "cat-eye", "Cat-Eye Sunglasses", "w", {{"evening", 2}, {"boho", 1}, {"minimalist", 1}}, {"acetate"}, 120, 5},
      {"glasses", "reading", "Reading Glasses", "u", {{"formal", 1}, {"minimalist", 2}}, {"acetate"}, 45, 4},
      // watches
      {"watches", "dress", "Dress Watch", "wm", {{"formal", 3}, {"evening", 2}, {"minimalist", 1}}, {"leather"}, 220, 6},
      {"watches", "diver", "Diver Watch", "mu", {{"sporty", 2}, {"casual", 1}}, {"stainless steel", "rubber"}, 350, 6},
      {"watches", "chronograph", "Chronograph", "wmu", {{"formal", 1}, {"sporty", 1}, {"casual", 1}}, {"stainless steel", "leather"}, 280, 6},
      {"watches", "smartwatch", "Smartwatch", "u", {{"sporty", 3}, {"minimalist", 1}}, {"silicone"}, 250, 6},
      {"watches", "field", "Field Watch", "mu", {{"casual", 2}, {"minimalist", 1}}, {"canvas", "leather"}, 150, 4},
  };
  // clang-format on
  return all;
}

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

}  // namespace storegen::catalog_tables
