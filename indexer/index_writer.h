// IndexWriter: keeps the live index up to date with the store by applying
// outbox rows (`rapport-index sync`, and the server's index updater thread).
//
// Each ApplyPending call opens the live index named by the stub for writing,
// applies the rows, records the highest seq in the index metadata, commits,
// closes the index (releasing its write lock so a rebuild can take it), and
// only then acks the rows in the store. The commit is made under the index
// commit lock (index_commit_lock.h), waiting for it at most
// `commit_lock_wait`; a commit made without it is logged on stderr and counted. A crash at any
// point leaves the rows pending and the next call re-applies them: applying a row is idempotent
// (the document is rebuilt from the store's current version).
//
// The same commit publishes the partner keys into the index when the store's
// keys version is not the one the index reflects (published_keys.h); a key
// change with no outbox row pending gets a commit of its own.
//
//   IndexWriter writer(data_dir, vocabulary, compacts);
//   Result<int> applied = writer.ApplyPending(store, 1000);
//   if (!applied) log(applied.error().message);   // 503 index_busy: retry later
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "compacts.h"
#include "data_dir.h"
#include "document_builder.h"
#include "error.h"
#include "index_commit_lock.h"
#include "profile_store.h"
#include "vocabulary.h"

namespace rapport {

// The environment variable glass reads at the start of every commit: how many
// changesets (for replicas, docs/scaling.md) the committing process keeps.
inline constexpr const char* kMaxChangesetsVariable = "XAPIAN_MAX_CHANGESETS";

class IndexWriter {
 public:
  // `vocabulary` and `compacts` must outlive the writer.
  IndexWriter(DataDir data_dir, const Vocabulary& vocabulary, const Compacts& compacts,
              std::chrono::milliseconds commit_lock_wait = kDefaultCommitLockWait);

  // Applies up to `max_rows` pending outbox rows to the live index and acks
  // them after the commit, publishing the partner keys when they changed.
  // Returns the number of rows applied (0: no row pending; the keys may still
  // have been published). Creates an empty live index when there is none yet. Fails with
  // 503 "index_busy" when another process holds the index's write lock (a
  // rebuild or another sync) or a rebuild has claimed its turn
  // (rebuild_claim.h), 500 on store or index errors; rows stay pending.
  // `after_commit`, when given, runs right after the index commit and before
  // the ack (a synced store write), so readers can move to the new revision
  // without waiting for it.
  [[nodiscard]] Result<int> ApplyPending(ProfileStore& store, int max_rows,
                                         const std::function<void()>& after_commit = {});

  // What the commit lock did to this writer's commits so far.
  [[nodiscard]] CommitLockCounts commit_lock_counts() const { return commit_lock_counts_; }

 private:
  DataDir data_dir_;
  const Vocabulary& vocabulary_;
  DocumentBuilder builder_;
  std::chrono::milliseconds commit_lock_wait_;
  CommitLockCounts commit_lock_counts_;
  // The index folder and keys version this writer last saw published: while
  // the store's version and the stub are the same, nothing needs opening.
  struct PublishedKeysMark {
    std::string folder;
    int64_t version = 0;
  };
  std::optional<PublishedKeysMark> published_keys_;
};

// Commits `db` under the index commit lock of `data_dir` (waiting at most
// `wait`), says on stderr when it had to go ahead without it, and adds the
// outcome to `counts`. Xapian errors propagate as exceptions, as from commit().
void CommitUnderLock(Xapian::WritableDatabase& db, const DataDir& data_dir,
                     std::chrono::milliseconds wait, CommitLockCounts& counts);

// Opens the live index for writing, creating an empty one (with its search
// metadata) when the stub does not exist yet. Checks after taking the lock
// that the stub still names the same folder, so a writer never commits into a
// folder a rebuild has just replaced. 503 "index_busy" on a lock held elsewhere.
[[nodiscard]] Result<Xapian::WritableDatabase> OpenLiveIndexForWriting(
    const DataDir& data_dir, const Vocabulary& vocabulary);

// Brings the documents of the profiles named by `entries` to the store's
// current state in `db` (replace when published, delete when unpublished or
// unknown), keeping the spelling dictionary in step. Does not commit. Returns
// the highest seq among `entries`; appends the docids it deleted or added to
// `changed_docids` when given (for the change log, index_change_log.h).
[[nodiscard]] Result<int64_t> ApplyOutboxEntries(Xapian::WritableDatabase& db,
                                                 const ProfileStore& store,
                                                 DocumentBuilder& builder,
                                                 const std::vector<OutboxEntry>& entries,
                                                 std::vector<uint32_t>* changed_docids = nullptr);

// Error for an index whose write lock another process holds.
[[nodiscard]] Error IndexBusyError(const std::string& detail);

}  // namespace rapport
