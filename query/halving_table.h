// HalvingTable: 2^-x for x >= 0 from tables, for the freshness boost, which
// is computed for every candidate of a search (libm's exp2 was a sixth of a
// text search's time): 2^-x = 2^-floor(x) × 2^-frac(x), the fraction
// interpolated linearly between 1/kFractionSteps steps (relative error below
// 1e-6). Below 2^-kMaxHalvings (about 1e-18) the result is 0.
#pragma once

#include <array>
#include <cmath>

namespace rapport {

class HalvingTable {
 public:
  HalvingTable() {
    for (int i = 0; i <= kFractionSteps; ++i) {
      fraction_[i] = std::exp2(-static_cast<double>(i) / kFractionSteps);
    }
    for (int n = 0; n < kMaxHalvings; ++n) whole_[n] = std::exp2(-n);
  }

  double operator()(double x) const {
    if (!(x < kMaxHalvings)) return 0;
    const int whole = static_cast<int>(x);
    const double steps = (x - whole) * kFractionSteps;
    const int step = static_cast<int>(steps);
    const double low = fraction_[step];
    return whole_[whole] * (low + (fraction_[step + 1] - low) * (steps - step));
  }

 private:
  static constexpr int kFractionSteps = 1024;
  static constexpr int kMaxHalvings = 60;
  std::array<double, kFractionSteps + 1> fraction_;
  std::array<double, kMaxHalvings> whole_;
};

}  // namespace rapport
