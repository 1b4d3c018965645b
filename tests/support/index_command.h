// Running the real rapport-index on a test's own data folder, with the
// source tree's shipped data files (the import tests' one way to call it).
#pragma once

#include <string>
#include <vector>

#include "test_support.h"

namespace rapport::testing {

// rapport-index --data-dir DIR/data --data-files <source>/data ARGS...
CommandOutput RunIndex(const TempDir& dir, std::vector<std::string> args);

}  // namespace rapport::testing
