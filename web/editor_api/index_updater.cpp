// The server's index updater thread (index_updater.h).
#include "index_updater.h"

#include <iostream>

namespace rapport {

IndexUpdater::IndexUpdater(DataDir data_dir, const Vocabulary& vocabulary, const Compacts& compacts,
                           ProfileStore& store, IndexUpdaterOptions options)
    : writer_(std::move(data_dir), vocabulary, compacts, options.commit_lock_wait),
      store_(store),
      options_(options) {}

IndexUpdater::~IndexUpdater() { Stop(); }

Status IndexUpdater::Drain() {
  while (true) {
    Result<int> applied =
        writer_.ApplyPending(store_, options_.max_rows_per_commit, options_.after_commit);
    const CommitLockCounts lock_counts = writer_.commit_lock_counts();
    if (options_.commit_lock_counted) options_.commit_lock_counted(lock_counts);
    std::lock_guard<std::mutex> lock(mutex_);
    commit_lock_counts_ = lock_counts;
    if (!applied) {
      if (last_error_ != applied.error().message) {
        std::cerr << "rapport-server: index update failed (will retry): " << applied.error().message
                  << "\n";
      }
      last_error_ = applied.error().message;
      return applied.error();
    }
    last_error_.clear();
    rows_applied_ += applied.value();
    if (applied.value() > 0) ++commits_;
    if (applied.value() < options_.max_rows_per_commit) return Status::Ok();
    if (stopping_) return Status::Ok();
  }
}

Status IndexUpdater::Start() {
  Status caught_up = Drain();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = false;
  }
  thread_ = std::thread([this] { Run(); });
  return caught_up;
}

void IndexUpdater::Notify() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    notified_ = true;
  }
  wake_.notify_one();
}

void IndexUpdater::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

CommitLockCounts IndexUpdater::commit_lock_counts() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return commit_lock_counts_;
}

std::string IndexUpdater::last_error() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return last_error_;
}

void IndexUpdater::Run() {
  bool failed = false;
  while (true) {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      const auto wait = failed ? options_.retry_delay : options_.poll_interval;
      wake_.wait_for(lock, wait, [this] { return notified_ || stopping_; });
      if (stopping_) return;
      notified_ = false;
    }
    failed = !Drain().ok();
  }
}

}  // namespace rapport
