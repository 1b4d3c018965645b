// Crash rounds: in each, the real rapport-server on a fresh copy of a data
// folder takes edits from concurrent editors (PUT with If-Match, several of
// them racing on the same profiles) and is killed with SIGKILL at a random
// moment; then it is restarted on the same folder and the round checks that
// every acknowledged edit is in the store at the version its answer named,
// that the index caught up (each profile's public version is the store's, and
// a search finds its current name), and that `rapport-index check` passes.
// tests/web/crash_test.cpp runs a few rounds; rapport-crash-bench
// (`make -f Makefile.extra crash-run`) runs a hundred.
//
//   CrashRunOptions options;
//   options.rounds = 100;
//   CrashRunReport report = RunCrashRounds(options);
//   if (report.lost > 0 || report.check_failures > 0) ...
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace rapport::testing {

struct CrashRunOptions {
  int rounds = 4;
  int writers = 4;          // concurrent editors
  int profiles = 12;        // sample profiles in the data folder, all edited
  int shared_profiles = 3;  // the first ones every editor edits (If-Match races)
  int max_delay_ms = 400;   // the kill comes after 0 to this many ms of edits
  unsigned seed = 20261125;
  std::ostream* progress = nullptr;  // one line per round when set
};

struct CrashRunReport {
  int rounds = 0;
  long acknowledged = 0;   // edits answered 200
  long lost = 0;           // acknowledged edits in no revision of the store
  long misattributed = 0;  // acknowledged edits whose answer named another writer's version
  long stale_index = 0;    // profiles the restarted server showed at another version than the store
  int check_failures = 0;  // rounds after which `rapport-index check` failed
  std::vector<std::string> problems;  // what went wrong, for the report
};

// Runs the rounds; never throws (a round that cannot run is a problem).
[[nodiscard]] CrashRunReport RunCrashRounds(const CrashRunOptions& options);

}  // namespace rapport::testing
