// RebuildClaim: lets `rapport-index rebuild` get the live index's write lock
// while edits flow. Xapian's lock can only be tried, and the server's index
// updater takes it for every batch of edits, so a rebuild that merely tries
// again now and then keeps losing to it. A rebuild therefore first claims its
// turn: it holds an flock on DATA_DIR/index.rebuild-claim (the kernel drops it
// if the process dies, so a crashed rebuild never leaves a stale claim), and
// every sync (IndexWriter::ApplyPending) backs off with index_busy while a
// claim is held, leaving its rows pending. The rebuild then gets the lock as
// soon as the batch being written commits, and re-applies the pending rows
// itself (docs/consistency.md). Two rebuilds take turns through the claim.
//
//   auto claim = RebuildClaim::Take(data_dir, deadline, progress);
//   if (!claim) return claim.error();   // 503 index_busy: waited until the deadline
//   ... open the live index for writing, rebuild, switch ...
#pragma once

#include <chrono>
#include <ostream>

#include "data_dir.h"
#include "error.h"

namespace rapport {

class RebuildClaim {
 public:
  using Clock = std::chrono::steady_clock;

  // Claims the rebuild's turn, waiting (and saying so on `progress`) while
  // another rebuild holds it, until `deadline`: then 503 "index_busy".
  // 500 if the claim file cannot be created.
  [[nodiscard]] static Result<RebuildClaim> Take(const DataDir& data_dir,
                                                 Clock::time_point deadline,
                                                 std::ostream& progress);
  RebuildClaim(RebuildClaim&& other) noexcept;
  RebuildClaim& operator=(RebuildClaim&&) = delete;
  ~RebuildClaim();  // releases the claim

 private:
  explicit RebuildClaim(int fd) : fd_(fd) {}
  int fd_;  // the claim file, flock'ed exclusively; -1 once moved from
};

// True while a rebuild holds its claim on `data_dir` (writers back off).
[[nodiscard]] bool RebuildClaimed(const DataDir& data_dir);

// How often a waiting rebuild tries again, and how often it says it still waits.
inline constexpr std::chrono::milliseconds kRebuildRetryInterval{50};
inline constexpr std::chrono::seconds kRebuildWaitReportInterval{5};

}  // namespace rapport
