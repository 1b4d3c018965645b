// IndexUpdater: the server's one index writer. A background thread applies
// the store's outbox to the live index (IndexWriter) right after each
// accepted write (Notify wakes it; the store announces each commit) and also
// every poll interval, so rows written by other processes (`rapport-index import`) are picked up
// too. Start() first applies whatever a previous run left pending (after a crash, say), so the
// index has caught up before the server takes edits.
//
//   IndexUpdater updater(data_dir, vocabulary, compacts, store);
//   updater.Start();
//   store.OnOutboxCommitted([&] { updater.Notify(); });  // EditorServices does this
//   ... store.Upsert(...);
//   updater.Stop();   // also done by the destructor
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "compacts.h"
#include "data_dir.h"
#include "error.h"
#include "index_writer.h"
#include "profile_store.h"
#include "vocabulary.h"

namespace rapport {

struct IndexUpdaterOptions {
  std::chrono::milliseconds poll_interval{200};
  // Rows per index commit: many edits arriving together share one commit.
  int max_rows_per_commit = 1000;
  // After a failure (e.g. a rebuild holds the write lock), wait this long.
  std::chrono::milliseconds retry_delay{200};
  // Longest wait of a commit for the index commit lock a replication
  // conversation holds (index_commit_lock.h); then it commits anyway.
  std::chrono::milliseconds commit_lock_wait = kDefaultCommitLockWait;
  // Called on the updater thread right after every index commit (before the
  // ack of its rows in the store); the server uses it to reopen its
  // searchers at once instead of at their next periodic refresh.
  std::function<void()> after_commit;
  // Called on the updater thread after every pass with the commit lock's
  // counts so far (the server shows them in /metrics).
  std::function<void(const CommitLockCounts&)> commit_lock_counted;
};

class IndexUpdater {
 public:
  // `vocabulary`, `compacts` and `store` must outlive the updater.
  IndexUpdater(DataDir data_dir, const Vocabulary& vocabulary, const Compacts& compacts,
               ProfileStore& store, IndexUpdaterOptions options = {});
  ~IndexUpdater();
  IndexUpdater(const IndexUpdater&) = delete;
  IndexUpdater& operator=(const IndexUpdater&) = delete;

  // Applies pending rows now (catch-up), then starts the thread. The
  // catch-up error, if any, is returned but the thread starts anyway and
  // keeps retrying (a rebuild may hold the lock for a while).
  Status Start();

  // Wakes the thread: a write has just committed an outbox row.
  void Notify();

  // Stops the thread after its current batch. Pending rows stay in the store.
  void Stop();

  // Rows applied since construction (for metrics and tests).
  int64_t rows_applied() const { return rows_applied_.load(); }
  // Index commits that applied rows since construction.
  int64_t commits() const { return commits_.load(); }
  // What the commit lock did to the updater's commits (waits, commits
  // without it, time waited).
  CommitLockCounts commit_lock_counts() const;
  // The last failure's message, empty after a success.
  std::string last_error() const;

 private:
  // Applies batches until nothing is pending or one fails.
  Status Drain();
  void Run();

  IndexWriter writer_;
  ProfileStore& store_;
  IndexUpdaterOptions options_;
  std::thread thread_;
  std::atomic<int64_t> rows_applied_{0};
  std::atomic<int64_t> commits_{0};

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool notified_ = false;                // guarded by mutex_
  bool stopping_ = false;                // guarded by mutex_
  std::string last_error_;               // guarded by mutex_
  CommitLockCounts commit_lock_counts_;  // guarded by mutex_
};

}  // namespace rapport
