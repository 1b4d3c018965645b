// StaleProfiles: published profiles whose licenses no editor has verified for
// a while (never verified first, then oldest verified_at first): the
// re-verification work list. Reads the store's profiles table directly with
// SQLite's JSON functions, so listing does not parse every profile.
// Thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "error.h"

namespace rapport {

struct StaleProfile {
  std::string id;
  std::string name;
  std::string verified_at;  // empty: never verified
  std::string updated_at;
};

// One page of the stale list and how many profiles the whole list holds.
struct StalePage {
  int64_t total = 0;
  std::vector<StaleProfile> profiles;
};

class StaleProfiles {
 public:
  // Opens its own connection to the store at `path`. 500 if it cannot.
  static Result<std::unique_ptr<StaleProfiles>> Open(const std::string& path);

  // The published profiles with verified_at before `cutoff` (ISO 8601 UTC)
  // or unset, never-verified first, then oldest first, then by id: up to
  // `limit` of them after skipping `offset`, and the count of all of them.
  [[nodiscard]] Result<StalePage> List(const std::string& cutoff, int limit, int offset);

 private:
  explicit StaleProfiles(std::unique_ptr<SQLite::Database> db) : db_(std::move(db)) {}

  std::mutex mutex_;
  std::unique_ptr<SQLite::Database> db_;  // guarded by mutex_
};

}  // namespace rapport
