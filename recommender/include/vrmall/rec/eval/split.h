#pragma once
// Train/test splits of an interaction log, by (user, item) pair so that all events of one pair
// land on the same side: random per user with a seed, or temporal leave-last-out.
#include <cstdint>
#include <span>
#include <vector>

#include "vrmall/rec/data/interaction.h"

namespace vrmall::rec {

struct Split {
  std::vector<Interaction> train;
  std::vector<Interaction> test;
};

// Each user with at least 2 pairs keeps ceil((1-f)·n) pairs in train; f of them go to test.
Split randomSplit(std::span<const Interaction> events, double test_fraction, uint64_t seed);
// Each user with at least 2 pairs: the pair with the latest event goes to test.
Split temporalLeaveLastOut(std::span<const Interaction> events);
// Whole shoppers held out: a seeded `cold_fraction` of the users with events (at least one)
// have all their events in test, none in train (first-time visitors).
Split coldUserSplit(std::span<const Interaction> events, double cold_fraction, uint64_t seed);

}  // namespace vrmall::rec
