// Durable files (durable_file.h).
#include "durable_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace rapport {
namespace {

Status SyncOpened(const std::string& path, int flags) {
  const int fd = open(path.c_str(), flags);
  if (fd < 0) return SystemError("cannot open", path);
  const int synced = fsync(fd);
  close(fd);
  if (synced != 0) return SystemError("cannot fsync", path);
  return Status::Ok();
}

// Writes all of `content` to the open `fd`.
bool WriteAll(int fd, const std::string& content) {
  size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    written += static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

Error SystemError(const std::string& what, const std::string& path) {
  return Error::Internal(what + " " + path + ": " + std::strerror(errno));
}

Status SyncFile(const std::string& path) { return SyncOpened(path, O_RDONLY); }

Status SyncFolder(const std::string& path) { return SyncOpened(path, O_RDONLY | O_DIRECTORY); }

Status WriteFileDurably(const std::string& path, const std::string& content, int mode) {
  const std::string temp = path + ".tmp";
  const int fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return SystemError("cannot create", temp);
  const bool written = WriteAll(fd, content) && fsync(fd) == 0;
  const Error failure = SystemError("cannot write", temp);
  close(fd);
  if (!written) return failure;
  if (std::rename(temp.c_str(), path.c_str()) != 0) return SystemError("cannot rename to", path);
  const std::string folder = std::filesystem::path(path).parent_path().string();
  return SyncFolder(folder.empty() ? "." : folder);
}

}  // namespace rapport
