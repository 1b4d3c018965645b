// Thread CPU time (CLOCK_THREAD_CPUTIME_ID) and its conversion to cost units.
#include "request_cost.h"

#include <time.h>

#include <algorithm>

namespace rapport {

std::chrono::nanoseconds ThreadCpuTimer::Now() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return std::chrono::seconds(now.tv_sec) + std::chrono::nanoseconds(now.tv_nsec);
}

int CostUnits(std::chrono::nanoseconds cpu, int unit_ms) {
  const std::chrono::nanoseconds unit = std::chrono::milliseconds(std::max(unit_ms, 1));
  const auto units = (cpu.count() + unit.count() - 1) / unit.count();
  return static_cast<int>(std::max<decltype(units)>(units, 1));
}

}  // namespace rapport
