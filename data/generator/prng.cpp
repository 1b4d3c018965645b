// Prng and WeightedTable: the out-of-line parts (see prng.h).
#include "prng.h"

#include <algorithm>

namespace rapport::generator {

std::vector<size_t> WeightedTable::PickDistinct(Prng& prng, size_t count) const {
  std::vector<size_t> picked;
  count = std::min(count, cumulative_.size());
  // Rejection keeps the weights' shape; the attempt cap only matters for tables
  // whose weights are concentrated on fewer entries than `count`.
  const size_t max_attempts = 20 * count + 20;
  for (size_t attempt = 0; picked.size() < count && attempt < max_attempts; ++attempt) {
    const size_t index = Pick(prng);
    if (std::find(picked.begin(), picked.end(), index) == picked.end()) picked.push_back(index);
  }
  return picked;
}

}  // namespace rapport::generator
