// IndexChecker: `rapport-index check`. Compares the store with the live index:
// every published profile must be indexed at its current version (value slot
// kSlotVersion) and the index must hold nothing else.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "data_dir.h"
#include "error.h"
#include "profile_store.h"

namespace rapport {

struct CheckReport {
  int64_t published = 0;                   // published profiles in the store
  int64_t indexed = 0;                     // documents in the index
  int64_t pending_outbox = 0;              // outbox rows not yet applied (explain drift)
  std::vector<std::string> disagreements;  // one line each, e.g.
                                           // "t-1: indexed at version 2, store has 3"
};

// Checks the live index of `data_dir` against `store`. 404 when there is no
// index, 500 when it cannot be read.
[[nodiscard]] Result<CheckReport> CheckIndex(const DataDir& data_dir, const ProfileStore& store);

}  // namespace rapport
