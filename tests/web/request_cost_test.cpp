// What a request costs its rate-limit bucket: the time it held a worker, in
// whole units rounded up, at least one.
#include "request_cost.h"

#include <doctest/doctest.h>

namespace rapport {
namespace {

using std::chrono::milliseconds;
using std::chrono::nanoseconds;

TEST_CASE("worker time becomes units rounded up, at least one") {
  CHECK(CostUnits(nanoseconds(0), 5) == 1);
  CHECK(CostUnits(milliseconds(5), 5) == 1);
  CHECK(CostUnits(milliseconds(5) + nanoseconds(1), 5) == 2);
  CHECK(CostUnits(milliseconds(400), 5) == 80);
  CHECK(CostUnits(milliseconds(3), 1) == 3);
  CHECK(CostUnits(nanoseconds(-1), 5) == 1);
}

}  // namespace
}  // namespace rapport
