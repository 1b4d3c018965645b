// What a request costs its rate-limit bucket: CPU time in whole units,
// rounded up, at least one; time spent waiting is not CPU time.
#include "request_cost.h"

#include <doctest/doctest.h>

#include <thread>

namespace rapport {
namespace {

using std::chrono::milliseconds;
using std::chrono::nanoseconds;

TEST_CASE("CPU time becomes units rounded up, at least one") {
  CHECK(CostUnits(nanoseconds(0), 5) == 1);
  CHECK(CostUnits(milliseconds(5), 5) == 1);
  CHECK(CostUnits(milliseconds(5) + nanoseconds(1), 5) == 2);
  CHECK(CostUnits(milliseconds(400), 5) == 80);
  CHECK(CostUnits(milliseconds(3), 1) == 3);
  CHECK(CostUnits(nanoseconds(-1), 5) == 1);
}

TEST_CASE("a thread's CPU timer does not count time spent waiting") {
  const ThreadCpuTimer timer;
  std::this_thread::sleep_for(milliseconds(200));
  CHECK(timer.Elapsed() < milliseconds(100));
}

}  // namespace
}  // namespace rapport
