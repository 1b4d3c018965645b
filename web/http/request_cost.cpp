// Worker time in cost units.
#include "request_cost.h"

#include <algorithm>

namespace rapport {

int CostUnits(std::chrono::nanoseconds held, int unit_ms) {
  const std::chrono::nanoseconds unit = std::chrono::milliseconds(std::max(unit_ms, 1));
  const auto units = (held.count() + unit.count() - 1) / unit.count();
  return static_cast<int>(std::max<decltype(units)>(units, 1));
}

}  // namespace rapport
