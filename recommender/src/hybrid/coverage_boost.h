#pragma once
// coverageBoosts: the smallest per-item score lifts that let the top-k lists of an audience reach
// a share `floor` of the catalogue. Uncovered items are lifted, cheapest first, by just enough to
// enter the list of the shopper who ranks them closest to their k-th place, so each lift costs
// one marginal k-th suggestion of a shopper who nearly chose the lifted item anyway. Needs no
// labels: only the model's own scores for the audience.
#include <cstdint>
#include <span>
#include <vector>

namespace vrmall::rec {

struct AudienceScores {
  size_t items = 0;
  std::vector<float> rows;                 // shoppers x items, row-major, unboosted blend
  std::vector<std::vector<int32_t>> seen;  // per shopper: items never to suggest (history)
  size_t shoppers() const { return items ? rows.size() / items : 0; }
};

std::vector<float> coverageBoosts(const AudienceScores& audience, size_t k, double floor);

// Coverage@k of the audience's lists with `boosts` added (boosts may be empty).
double audienceCoverage(const AudienceScores& audience, size_t k, std::span<const float> boosts);

}  // namespace vrmall::rec
