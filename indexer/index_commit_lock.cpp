// The writer's side of the index commit lock (index_commit_lock.h).
#include "index_commit_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <thread>

namespace rapport {
namespace {

// How often a waiting commit tries the lock again: short next to a commit.
constexpr std::chrono::milliseconds kRetryInterval{5};

}  // namespace

std::string IndexCommitLockPath(const DataDir& data_dir) {
  return data_dir.root + "/index.commit-lock";
}

IndexCommitLock IndexCommitLock::Take(const DataDir& data_dir, std::chrono::milliseconds wait) {
  const int fd = ::open(IndexCommitLockPath(data_dir).c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  const Clock::time_point start = Clock::now();
  const auto waited_since_start = [start] {
    return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
  };
  if (fd < 0) return IndexCommitLock(-1, false, waited_since_start());
  const Clock::time_point deadline = start + wait;
  bool waited = false;
  while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if ((errno != EWOULDBLOCK && errno != EINTR) || Clock::now() >= deadline) {
      ::close(fd);
      return IndexCommitLock(-1, true, waited_since_start());
    }
    waited = true;
    std::this_thread::sleep_for(kRetryInterval);
  }
  return IndexCommitLock(fd, waited, waited ? waited_since_start() : std::chrono::microseconds(0));
}

IndexCommitLock::IndexCommitLock(IndexCommitLock&& other) noexcept
    : fd_(other.fd_), waited_(other.waited_), wait_time_(other.wait_time_) {
  other.fd_ = -1;
}

IndexCommitLock::~IndexCommitLock() {
  // Closing the file drops the flock.
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace rapport
