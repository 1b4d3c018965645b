// A rebuild's claim on the index write lock (rebuild_claim.h).
#include "rebuild_claim.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <thread>

namespace rapport {
namespace {

std::string ClaimPath(const DataDir& data_dir) { return data_dir.root + "/index.rebuild-claim"; }

}  // namespace

Result<RebuildClaim> RebuildClaim::Take(const DataDir& data_dir, Clock::time_point deadline,
                                        std::ostream& progress) {
  const std::string path = ClaimPath(data_dir);
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Error::Internal("cannot open " + path + ": " + std::strerror(errno));
  const Clock::time_point start = Clock::now();
  Clock::time_point next_report = start;
  while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const Clock::time_point now = Clock::now();
    if (errno != EWOULDBLOCK && errno != EINTR) {
      const std::string reason = std::strerror(errno);
      ::close(fd);
      return Error::Internal("cannot lock " + path + ": " + reason);
    }
    if (now >= deadline) {
      ::close(fd);
      return Error{503, "index_busy",
                   "another rebuild kept the index for the whole wait; try again later", ""};
    }
    if (now >= next_report) {
      const auto waited = std::chrono::duration_cast<std::chrono::seconds>(now - start);
      progress << "another rebuild is running; waiting for it to finish (" << waited.count()
               << " s so far)\n";
      progress.flush();
      next_report = now + kRebuildWaitReportInterval;
    }
    std::this_thread::sleep_for(kRebuildRetryInterval);
  }
  return RebuildClaim(fd);
}

RebuildClaim::RebuildClaim(RebuildClaim&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }

RebuildClaim::~RebuildClaim() {
  // Closing the file drops the flock.
  if (fd_ >= 0) ::close(fd_);
}

bool RebuildClaimed(const DataDir& data_dir) {
  const int fd = ::open(ClaimPath(data_dir).c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;  // no rebuild ever ran here
  const bool claimed = ::flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  ::close(fd);
  return claimed;
}

}  // namespace rapport
