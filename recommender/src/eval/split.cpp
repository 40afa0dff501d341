#include "vrmall/rec/eval/split.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

namespace vrmall::rec {
namespace {

// pairs[user] = list of (item, latest timestamp, event indices)
struct Pair {
  int32_t item;
  int64_t latest;
  std::vector<size_t> events;
};

std::map<int32_t, std::vector<Pair>> groupPairs(std::span<const Interaction> events) {
  std::map<int32_t, std::map<int32_t, Pair>> by_user;
  for (size_t i = 0; i < events.size(); ++i) {
    const auto& e = events[i];
    auto& pair = by_user[e.user][e.item];
    if (pair.events.empty()) {
      pair.item = e.item;
      pair.latest = e.timestamp;
    }
    pair.latest = std::max(pair.latest, e.timestamp);
    pair.events.push_back(i);
  }
  std::map<int32_t, std::vector<Pair>> out;
  for (auto& [user, pairs] : by_user) {
    auto& list = out[user];
    for (auto& [item, pair] : pairs) list.push_back(std::move(pair));
  }
  return out;
}

void emit(std::span<const Interaction> events, const Pair& pair, std::vector<Interaction>& to) {
  for (size_t i : pair.events) to.push_back(events[i]);
}

}  // namespace

Split randomSplit(std::span<const Interaction> events, double test_fraction, uint64_t seed) {
  Split split;
  std::mt19937_64 rng(seed);
  for (auto& [user, pairs] : groupPairs(events)) {
    std::shuffle(pairs.begin(), pairs.end(), rng);
    size_t n_test = 0;
    if (pairs.size() >= 2) {
      n_test = static_cast<size_t>(std::floor(test_fraction * static_cast<double>(pairs.size())));
      n_test = std::clamp<size_t>(n_test, 1, pairs.size() - 1);
    }
    for (size_t k = 0; k < pairs.size(); ++k)
      emit(events, pairs[k], k < n_test ? split.test : split.train);
  }
  return split;
}

Split temporalLeaveLastOut(std::span<const Interaction> events) {
  Split split;
  for (auto& [user, pairs] : groupPairs(events)) {
    size_t last = 0;
    for (size_t k = 1; k < pairs.size(); ++k) {
      if (pairs[k].latest > pairs[last].latest ||
          (pairs[k].latest == pairs[last].latest && pairs[k].item > pairs[last].item)) {
        last = k;
      }
    }
    for (size_t k = 0; k < pairs.size(); ++k) {
      emit(events, pairs[k], (pairs.size() >= 2 && k == last) ? split.test : split.train);
    }
  }
  return split;
}

Split coldUserSplit(std::span<const Interaction> events, double cold_fraction, uint64_t seed) {
  std::vector<int32_t> users;
  for (const auto& e : events) users.push_back(e.user);
  std::sort(users.begin(), users.end());
  users.erase(std::unique(users.begin(), users.end()), users.end());
  std::mt19937_64 rng(seed);
  std::shuffle(users.begin(), users.end(), rng);
  const auto n = std::max<size_t>(
      1, static_cast<size_t>(std::lround(cold_fraction * static_cast<double>(users.size()))));
  std::vector<int32_t> cold(users.begin(),
                            users.begin() + static_cast<std::ptrdiff_t>(std::min(n, users.size())));
  std::sort(cold.begin(), cold.end());
  Split s;
  for (const auto& e : events) {
    (std::binary_search(cold.begin(), cold.end(), e.user) ? s.test : s.train).push_back(e);
  }
  return s;
}

}  // namespace vrmall::rec
