// Simulated shoppers: personas with style, colour, price and category tastes, their avatar
// attributes (users.csv) and a few weeks of in-store behaviour (interactions.csv).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "catalog.h"

namespace storegen {

struct Persona {
  std::string id, title;
  double share;
  double women;  // probability a shopper of this persona is a woman
  std::map<std::string, double> styles;
  std::vector<std::string> colours;
  double budget;                        // typical price of one item they buy
  std::map<std::string, double> kinds;  // CATEGORY_L2 -> appeal
  std::string season;                   // preferred season, empty for none
};

const std::vector<Persona>& personas();

struct Shopper {
  std::string id;
  size_t persona = 0;
  int height_cm = 0;
  std::string build, size, skin_tone, gender;
  std::vector<std::string> styles, colours;
  double budget = 0;
};

struct Event {
  size_t user;
  std::string item;
  int64_t timestamp;
  std::string type, value;
  size_t sequence;  // tie-break for a stable, total order
};

struct Shoppers {
  std::vector<Shopper> users;
  std::vector<Event> events;
  std::map<std::string, double> popularity;  // item -> weighted purchases and carts
};

Shoppers simulate_shoppers(const std::vector<Product>& products, uint64_t seed);
std::string users_csv(const Shoppers& s);
std::string interactions_csv(const Shoppers& s);
std::string personas_csv(const Shoppers& s);  // USER_ID,PERSONA (for evaluating recommenders)

}  // namespace storegen
