// Crash run (not a test): rounds of concurrent edits to the real server,
// killed with SIGKILL at a random moment, restarted and verified
// (tests/support/crash_rounds.h). Prints a line per round and the totals;
// exits 1 when an acknowledged edit was lost or misattributed, the index
// stayed behind, or `rapport-index check` failed.
//
//   rapport-crash-bench [--rounds 100] [--writers 4] [--profiles 12]
//                       [--shared-profiles 3] [--max-delay-ms 1500] [--seed N]
#include <cstdio>
#include <iostream>
#include <map>
#include <string>

#include "crash_rounds.h"

namespace {

// Longer than the test's: more edits per round, kills during index updates too.
constexpr int kMaxDelayMs = 1500;

}  // namespace

int main(int argc, char** argv) {
  rapport::testing::CrashRunOptions options;
  options.rounds = 100;
  options.max_delay_ms = kMaxDelayMs;
  options.progress = &std::cout;
  const std::map<std::string, int*> flags = {{"--rounds", &options.rounds},
                                             {"--writers", &options.writers},
                                             {"--profiles", &options.profiles},
                                             {"--shared-profiles", &options.shared_profiles},
                                             {"--max-delay-ms", &options.max_delay_ms}};
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--seed") {
      options.seed = static_cast<unsigned>(std::stoul(argv[i + 1]));
    } else if (auto found = flags.find(flag); found != flags.end()) {
      *found->second = std::stoi(argv[i + 1]);
    } else {
      std::fprintf(stderr,
                   "usage: rapport-crash-bench [--rounds N] [--writers N] [--profiles N] "
                   "[--shared-profiles N] [--max-delay-ms N] [--seed N]\n");
      return 2;
    }
  }
  const rapport::testing::CrashRunReport report = rapport::testing::RunCrashRounds(options);
  std::cout << "crash run: " << report.rounds << " rounds, " << report.acknowledged
            << " acknowledged edits, " << report.lost << " lost, " << report.misattributed
            << " misattributed, " << report.stale_index << " stale in the index, "
            << report.check_failures << " check failures (" << options.writers << " writers, "
            << options.profiles << " profiles, " << options.shared_profiles
            << " shared, kill after 0-" << options.max_delay_ms << " ms, seed " << options.seed
            << ")\n";
  for (const std::string& problem : report.problems) std::cout << "  " << problem << "\n";
  const bool clean = report.lost == 0 && report.misattributed == 0 && report.stale_index == 0 &&
                     report.check_failures == 0 && report.problems.empty();
  return clean ? 0 : 1;
}
