#include "child_process.h"

#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>

#include <cstdio>
#include <stdexcept>

extern char** environ;

namespace rapport::testing {

namespace {

// posix_spawn_file_actions_t, destroyed on every path.
class FileActions {
 public:
  FileActions() { posix_spawn_file_actions_init(&actions_); }
  ~FileActions() { posix_spawn_file_actions_destroy(&actions_); }
  FileActions(const FileActions&) = delete;
  FileActions& operator=(const FileActions&) = delete;

  void Open(int fd, const std::string& path, int flags) {
    if (path.empty()) return;
    if (posix_spawn_file_actions_addopen(&actions_, fd, path.c_str(), flags, 0644) != 0) {
      throw std::runtime_error("cannot redirect a child's stream to " + path);
    }
  }
  const posix_spawn_file_actions_t* get() const { return &actions_; }

 private:
  posix_spawn_file_actions_t actions_;
};

}  // namespace

pid_t SpawnChild(const std::vector<std::string>& argv, const ChildStreams& streams) {
  if (argv.empty()) throw std::runtime_error("SpawnChild needs a command");
  FileActions actions;
  actions.Open(STDIN_FILENO, streams.in, O_RDONLY);
  actions.Open(STDOUT_FILENO, streams.out, O_WRONLY | O_CREAT | O_TRUNC);
  actions.Open(STDERR_FILENO, streams.err, O_WRONLY | O_CREAT | O_TRUNC);
  std::vector<char*> pointers;
  for (const auto& arg : argv) pointers.push_back(const_cast<char*>(arg.c_str()));
  pointers.push_back(nullptr);
  std::fflush(nullptr);  // so buffered test output is not written twice
  pid_t pid = -1;
  const int failed =
      posix_spawn(&pid, pointers[0], actions.get(), nullptr, pointers.data(), environ);
  if (failed != 0) throw std::runtime_error("cannot start " + argv[0]);
  return pid;
}

}  // namespace rapport::testing
