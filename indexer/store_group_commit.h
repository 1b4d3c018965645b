// GroupCommitter: several threads' store writes committed by one SQLite
// transaction, so they share one fsync (synchronous=FULL) instead of paying
// one each (docs/store.md, "Group commit").
//
// A writer hands Run() its work. If no group is being written, it becomes the
// leader: it takes every work queued so far (its own included), opens one
// BEGIN IMMEDIATE transaction, runs each work inside its own SAVEPOINT (a work
// that fails or changes nothing is rolled back alone), commits once and wakes
// the writers of the group. Writers arriving meanwhile queue up and the next
// leader commits them together. Run() returns only after the COMMIT that holds
// the work has returned, so an acknowledged write is as durable as before.
//
//   GroupCommitter committer(db, db_mutex);
//   Status done = committer.Run([&]() -> Result<WriteEffect> { ...; return WriteEffect::kKeep; });
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>

#include <SQLiteCpp/Database.h>

#include "error.h"

namespace rapport {

// What a work did inside the shared transaction.
enum class WriteEffect {
  kKeep,     // keep its changes
  kDiscard,  // nothing to write (e.g. unchanged): roll its savepoint back
};

using GroupWork = std::function<Result<WriteEffect>()>;

struct GroupCommitStats {
  int64_t transactions = 0;  // COMMITs issued
  int64_t works = 0;         // works run inside them
  int64_t queued = 0;        // works waiting for a leader right now
  int64_t in_flight = 0;     // works in the group being written right now
};

class GroupCommitter {
 public:
  // `db` and `db_mutex` (which guards every other use of `db`) must outlive
  // the committer.
  GroupCommitter(SQLite::Database& db, std::mutex& db_mutex) : db_(db), db_mutex_(db_mutex) {}
  GroupCommitter(const GroupCommitter&) = delete;
  GroupCommitter& operator=(const GroupCommitter&) = delete;

  // Runs `work` in a transaction shared with concurrent writers and returns
  // after its COMMIT: Ok for kKeep and kDiscard, the work's own error (its
  // savepoint rolled back), or the error of the shared BEGIN/COMMIT (nothing of
  // the group written). Exceptions thrown by `work` become 500 Errors.
  [[nodiscard]] Status Run(const GroupWork& work);

  [[nodiscard]] GroupCommitStats stats() const;

 private:
  struct Pending {
    const GroupWork* work = nullptr;
    std::optional<Status> status;  // set by the leader when the group is done
  };

  // Writes one group in one transaction; fills every member's status.
  void WriteGroup(const std::deque<Pending*>& group);

  SQLite::Database& db_;
  std::mutex& db_mutex_;

  mutable std::mutex queue_mutex_;
  std::condition_variable group_done_;
  std::deque<Pending*> queue_;  // guarded by queue_mutex_
  bool leader_active_ = false;  // guarded by queue_mutex_
  GroupCommitStats stats_;      // guarded by queue_mutex_
};

}  // namespace rapport
