// IndexCommitLock: keeps index commits and replication conversations apart
// (docs/scaling.md, "Spurious full copies"). Glass makes a new revision
// visible before its changeset file exists; a replica asking in that window
// is sent the whole database instead of a changeset. So every commit of the
// live index takes an exclusive flock on DATA_DIR/index.commit-lock, and the
// replication gate (replication_gate.h) holds the same lock shared for each
// whole conversation with xapian-replicate-server.
//
// A full copy can hold the shared lock for tens of seconds, so the writer
// waits at most a bound and then commits anyway (returned, so the caller can
// log and count it): edits never wait on replicas for longer than the bound.
//
//   IndexCommitLock lock = IndexCommitLock::Take(data_dir, wait);
//   db.commit();
//   if (!lock.held()) log("committed without the commit lock");
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "data_dir.h"

namespace rapport {

// How long a commit waits for the lock unless configured (commit_lock_wait_ms).
inline constexpr std::chrono::milliseconds kDefaultCommitLockWait{1000};

// The lock file both sides use.
[[nodiscard]] std::string IndexCommitLockPath(const DataDir& data_dir);

class IndexCommitLock {
 public:
  using Clock = std::chrono::steady_clock;

  // Takes the exclusive lock, trying again until `wait` has passed. Never
  // fails: a lock that could not be had (held shared for the whole wait, or
  // the file cannot be opened) gives a value with held() false.
  [[nodiscard]] static IndexCommitLock Take(const DataDir& data_dir,
                                            std::chrono::milliseconds wait);
  IndexCommitLock(IndexCommitLock&& other) noexcept;
  IndexCommitLock& operator=(IndexCommitLock&&) = delete;
  ~IndexCommitLock();  // releases the lock

  [[nodiscard]] bool held() const { return fd_ >= 0; }
  // True when the lock was not free at the first try.
  [[nodiscard]] bool waited() const { return waited_; }
  // How long Take waited (until it had the lock or gave up).
  [[nodiscard]] std::chrono::microseconds wait_time() const { return wait_time_; }

 private:
  IndexCommitLock(int fd, bool waited, std::chrono::microseconds wait_time)
      : fd_(fd), waited_(waited), wait_time_(wait_time) {}
  int fd_;  // the lock file, flock'ed exclusively; -1 when not held or moved from
  bool waited_;
  std::chrono::microseconds wait_time_;
};

// What the commit lock did to a writer's commits so far (for logs and metrics).
struct CommitLockCounts {
  int64_t waited = 0;                      // commits that found the lock taken and waited for it
  int64_t without_lock = 0;                // commits that went ahead after the bound, unlocked
  std::chrono::microseconds wait_time{0};  // time all commits spent waiting for it
};

}  // namespace rapport
