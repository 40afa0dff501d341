// The catalogue's vocabulary: product kinds (CATEGORY_L2) with their styles, materials, median
// prices and how many the store stocks; the invented brands; the fit words names use.
#pragma once

#include <string>
#include <vector>

namespace storegen::catalog_tables {

// A choice and its relative weight.
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
  double median_price;  // before the brand's tier and a log-normal spread
  int count;            // products of this kind in the store
};

const std::vector<Kind>& kinds();

struct Brand {
  std::string name;
  std::vector<std::string> styles;
  std::vector<std::string> l1;  // empty: every category
  double tier;                  // price multiplier
};

const std::vector<Brand>& brands();

// Words naming a product's fit or finish ("Relaxed", "Cropped"); they also shape its mesh.
const std::vector<std::string>& fit_words(const std::string& l1);

}  // namespace storegen::catalog_tables
