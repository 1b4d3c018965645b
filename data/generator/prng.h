// Prng: the generator's own pseudo-random numbers (xoshiro256** seeded with
// splitmix64). Written out here rather than taken from <random> so that the
// same seed gives the same profiles with every compiler and standard library.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace rapport::generator {

// One step of splitmix64: also used to derive independent seeds.
inline uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

class Prng {
 public:
  explicit Prng(uint64_t seed) {
    for (uint64_t& word : state_) word = SplitMix64(seed);
  }

  uint64_t Next() {
    const uint64_t result = RotateLeft(state_[1] * 5, 7) * 9;
    const uint64_t shifted = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= shifted;
    state_[3] = RotateLeft(state_[3], 45);
    return result;
  }

  // Uniform in [0, n); n must be > 0. Multiply-shift keeps it free of modulo bias
  // to within 2^-64, plenty for synthetic data.
  uint64_t Below(uint64_t n) {
    return static_cast<uint64_t>((static_cast<__uint128_t>(Next()) * n) >> 64);
  }
  // Uniform integer in [low, high].
  int Between(int low, int high) {
    return low + static_cast<int>(Below(static_cast<uint64_t>(high - low) + 1));
  }
  // Uniform in [0, 1).
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  bool Chance(double probability) { return Unit() < probability; }

 private:
  static uint64_t RotateLeft(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t state_[4];
};

// Picks indexes with probability proportional to their weights.
class WeightedTable {
 public:
  WeightedTable() = default;
  explicit WeightedTable(const std::vector<double>& weights) {
    double total = 0;
    for (double weight : weights) cumulative_.push_back(total += weight);
  }
  size_t size() const { return cumulative_.size(); }

  size_t Pick(Prng& prng) const {
    const double target = prng.Unit() * cumulative_.back();
    size_t low = 0, high = cumulative_.size() - 1;
    while (low < high) {
      const size_t middle = (low + high) / 2;
      if (cumulative_[middle] > target) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return low;
  }

  // `count` distinct indexes (fewer if the table is smaller), in pick order.
  std::vector<size_t> PickDistinct(Prng& prng, size_t count) const;

 private:
  std::vector<double> cumulative_;
};

}  // namespace rapport::generator
