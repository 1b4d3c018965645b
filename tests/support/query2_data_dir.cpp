// Implementation of query2_data_dir.h.
#include "query2_data_dir.h"

#include <stdexcept>

namespace rapport::testing {

void BuildDataDirFrom(const TempDir& dir, const std::string& ndjson_path) {
  const std::string command = CommandPath("rapport-index");
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{command, "--data-dir", dir.path(), "import", ndjson_path},
        std::vector<std::string>{command, "--data-dir", dir.path(), "rebuild"}}) {
    CommandOutput output = RunCommand(args);
    if (output.exit_code != 0) {
      throw std::runtime_error("rapport-index " + args[3] + " failed (" +
                               std::to_string(output.exit_code) + "): " + output.out + output.err);
    }
  }
}

}  // namespace rapport::testing
