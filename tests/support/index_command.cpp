// rapport-index on a test's data folder (index_command.h).
#include "index_command.h"

namespace rapport::testing {

CommandOutput RunIndex(const TempDir& dir, std::vector<std::string> args) {
  args.insert(args.begin(), {CommandPath("rapport-index"), "--data-dir", dir.File("data"),
                             "--data-files", SourcePath("data")});
  return RunCommand(args);
}

}  // namespace rapport::testing
