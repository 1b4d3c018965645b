// Crash safety: the real server takes concurrent edits with If-Match and is
// killed with SIGKILL at random moments (seeded, a few rounds), then
// restarted. Every acknowledged edit must be in the store at the version its
// answer named, the index must catch up on restart, and `rapport-index check`
// must find store and index in agreement. `make -f Makefile.extra crash-run`
// runs the same rounds a hundred times (crash_rounds.h).
#include <doctest/doctest.h>

#include "crash_rounds.h"

namespace rapport::testing {
namespace {

constexpr int kRounds = 3;

TEST_CASE("SIGKILL during concurrent edits loses no acknowledged edit and the index catches up") {
  CrashRunOptions options;
  options.rounds = kRounds;
  const CrashRunReport report = RunCrashRounds(options);
  std::string problems;
  for (const std::string& problem : report.problems) problems += problem + "\n";
  INFO(problems);
  CHECK(report.rounds == kRounds);
  CHECK(report.acknowledged > 0);
  CHECK(report.lost == 0);
  CHECK(report.misattributed == 0);
  CHECK(report.stale_index == 0);
  CHECK(report.check_failures == 0);
  CHECK(report.problems.empty());
}

}  // namespace
}  // namespace rapport::testing
