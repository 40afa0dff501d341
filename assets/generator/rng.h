// A tiny deterministic generator. std:: distributions differ between standard libraries, so
// every draw goes through these few formulas and the committed store stays reproducible.
#pragma once

#include <cmath>
#include <cstdint>
#include <string_view>
#include <vector>

namespace storegen {

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  // A stream derived from a seed and a label, so adding draws in one part of the store
  // does not shift every other part.
  Rng(uint64_t seed, std::string_view label, uint64_t index = 0) : state_(seed) {
    for (char c : label) state_ = mix(state_ ^ static_cast<uint8_t>(c));
    state_ = mix(state_ ^ (index + 0x9e37u));
  }

  uint64_t next() {
    state_ += 0x9E3779B97F4A7C15ull;
    return mix(state_);
  }
  // Uniform in [0, 1).
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  double range(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  float rangef(float lo, float hi) { return static_cast<float>(range(lo, hi)); }
  // Uniform integer in [0, n).
  size_t below(size_t n) {
    return n == 0 ? 0 : static_cast<size_t>(uniform() * static_cast<double>(n));
  }
  bool chance(double p) { return uniform() < p; }
  double normal() {
    const double u1 = 1.0 - uniform(), u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  template <class T>
  const T& pick(const std::vector<T>& v) {
    return v[below(v.size())];
  }
  // Index drawn with probability proportional to weights (all >= 0).
  size_t weighted(const std::vector<double>& weights) {
    double total = 0;
    for (double w : weights) total += w;
    double r = uniform() * total;
    for (size_t i = 0; i < weights.size(); ++i) {
      if (r < weights[i]) return i;
      r -= weights[i];
    }
    return weights.empty() ? 0 : weights.size() - 1;
  }
  template <class T>
  void shuffle(std::vector<T>& v) {
    for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[below(i)]);
  }

 private:
  static uint64_t mix(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  uint64_t state_;
};

}  // namespace storegen
