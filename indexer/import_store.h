// OpenImportStore: the store a bulk import (NDJSON or NPPES) writes to, its
// data folder created first when missing.
#pragma once

#include <memory>

#include "data_dir.h"
#include "error.h"
#include "profile_store.h"

namespace rapport {

// Creates `data_dir.root` if needed and opens the store in it; a 500 Error
// naming the folder or the file otherwise.
[[nodiscard]] Result<std::unique_ptr<ProfileStore>> OpenImportStore(const DataDir& data_dir);

}  // namespace rapport
