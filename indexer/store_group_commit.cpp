// GroupCommitter: one SQLite transaction, one fsync, for the writes that
// arrive together (store_group_commit.h).
#include "store_group_commit.h"

#include <exception>
#include <string>
#include <vector>

#include <sqlite3.h>

namespace rapport {
namespace {

Error SqliteError(const char* what, const SQLite::Exception& e) {
  return Error::Internal(std::string("profile store: ") + what + e.what());
}

// Runs one work inside its own savepoint of the open transaction.
Status RunInSavepoint(SQLite::Database& db, const GroupWork& work) {
  db.exec("SAVEPOINT group_work");
  Status status;
  bool keep = false;
  try {
    Result<WriteEffect> effect = work();
    if (effect) {
      keep = effect.value() == WriteEffect::kKeep;
    } else {
      status = effect.error();
    }
  } catch (const SQLite::Exception& e) {
    status = SqliteError("", e);
  } catch (const std::exception& e) {
    // Anything else a work throws fails that work alone; the group goes on.
    status = Error::Internal(std::string("profile store: ") + e.what());
  }
  if (!keep) db.exec("ROLLBACK TO group_work");
  db.exec("RELEASE group_work");
  return status;
}

}  // namespace

Status GroupCommitter::Run(const GroupWork& work) {
  Pending mine;
  mine.work = &work;
  std::unique_lock<std::mutex> lock(queue_mutex_);
  queue_.push_back(&mine);
  ++stats_.queued;
  while (!mine.status) {
    if (leader_active_) {
      group_done_.wait(lock);
      continue;
    }
    // Lead: everything queued so far (ours included) goes into one group.
    leader_active_ = true;
    std::deque<Pending*> group;
    group.swap(queue_);
    stats_.queued -= static_cast<int64_t>(group.size());
    stats_.in_flight = static_cast<int64_t>(group.size());
    lock.unlock();
    WriteGroup(group);
    lock.lock();
    ++stats_.transactions;
    stats_.works += static_cast<int64_t>(group.size());
    stats_.in_flight = 0;
    leader_active_ = false;
    group_done_.notify_all();
  }
  return *mine.status;
}

GroupCommitStats GroupCommitter::stats() const {
  std::lock_guard<std::mutex> lock(queue_mutex_);
  return stats_;
}

void GroupCommitter::WriteGroup(const std::deque<Pending*>& group) {
  std::lock_guard<std::mutex> db_lock(db_mutex_);
  std::vector<Status> statuses;
  try {
    db_.exec("BEGIN IMMEDIATE");
  } catch (const SQLite::Exception& e) {
    for (Pending* pending : group) pending->status = SqliteError("cannot begin a write: ", e);
    return;
  }
  try {
    for (Pending* pending : group) statuses.push_back(RunInSavepoint(db_, *pending->work));
    db_.exec("COMMIT");
  } catch (const SQLite::Exception& e) {
    // A savepoint or the COMMIT failed: nothing of the group is written, and
    // no member may be acknowledged.
    // SQLite may already have rolled the transaction back itself.
    if (sqlite3_get_autocommit(db_.getHandle()) == 0) (void)db_.tryExec("ROLLBACK");
    for (Pending* pending : group) pending->status = SqliteError("cannot commit a write: ", e);
    return;
  }
  for (size_t i = 0; i < group.size(); ++i) group[i]->status = statuses[i];
}

}  // namespace rapport
