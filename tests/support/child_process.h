// Starting a command as a child of a test process. Tests run threads (the
// server client, Xapian, the sanitizers' own), and a child made by fork()
// that allocates before exec can deadlock on a lock another thread held at
// the fork (seen under ASan: the child spun forever on the sanitizer's stack
// depot lock). posix_spawn runs nothing of ours between fork and exec.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace rapport::testing {

// Where the child's standard streams go: a file path, or empty to inherit
// the test's own stream.
struct ChildStreams {
  std::string in;
  std::string out;
  std::string err;
};

// Starts argv[0] (a path) with `argv` and `streams`; returns its pid. Flushes
// the test's buffered output first. Throws std::runtime_error when the
// command cannot be started.
pid_t SpawnChild(const std::vector<std::string>& argv, const ChildStreams& streams);

}  // namespace rapport::testing
