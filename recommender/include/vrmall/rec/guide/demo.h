#pragma once
// The built-in demo: a small fashion catalogue, a few shoppers' histories and one new shopper
// with only avatar attributes and a few gaze events; prints suggestions with their reasons.
#include <ostream>

namespace vrmall::rec {

struct DemoOptions {
  bool json = false;
  int k = 5;
};

int runDemo(std::ostream& out, const DemoOptions& options);

}  // namespace vrmall::rec
