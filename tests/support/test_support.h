// Helpers every test binary shares: temporary folders, paths to the shipped
// data and the built commands, and running a command to completion.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace rapport::testing {

// A fresh folder under $TMPDIR, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Path of a file in the source tree, e.g. SourcePath("data/vocab.json").
std::string SourcePath(const std::string& relative);

// Path of a built command, e.g. CommandPath("rapport-index").
std::string CommandPath(const std::string& name);

struct CommandOutput {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `argv` (argv[0] a path) to completion, feeding `input` on stdin.
CommandOutput RunCommand(const std::vector<std::string>& argv, const std::string& input = "");

// Fills the folder `destination` (created if missing) with a data
// folder holding the profiles of `ndjson` imported and indexed through the real
// `rapport-index import` and `rebuild`. The first test process that asks for a
// given content (and build of rapport-index) prepares it once under the build
// folder; every later request, from any process, copies that prepared folder,
// so a test may change its copy freely. Throws if the commands fail.
void CopyPreparedDataDir(const std::string& ndjson, const std::string& destination);

// The data of a gzip member (an HTTP body sent with Content-Encoding: gzip),
// or nullopt if it is not a whole, valid one.
std::optional<std::string> Gunzip(const std::string& compressed);

// Whole file as a string; empty if it cannot be read.
std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& content);

}  // namespace rapport::testing
