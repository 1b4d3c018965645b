// Implementation of query2_data_dir.h.
#include "query2_data_dir.h"

namespace rapport::testing {

void BuildDataDirFrom(const TempDir& dir, const std::string& ndjson_path) {
  CopyPreparedDataDir(ReadFile(ndjson_path), dir.path());
}

}  // namespace rapport::testing
