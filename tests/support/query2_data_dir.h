// Builds a Rapport data folder (store + index) from an NDJSON file through the
// real commands, `rapport-index import` then `rapport-index rebuild`, for the
// suggestion and rapport-query tests.
#pragma once

#include <string>

#include "test_support.h"

namespace rapport::testing {

// Imports `ndjson_path` into `dir` and rebuilds the index there. Throws
// std::runtime_error with the command's output if either command fails.
void BuildDataDirFrom(const TempDir& dir, const std::string& ndjson_path);

// The index (stub file) path inside a data folder.
inline std::string IndexPathIn(const TempDir& dir) { return dir.File("index"); }

}  // namespace rapport::testing
