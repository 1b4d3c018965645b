// The SQLite store's schema, its versioned migrations and how every part of
// Rapport opens a connection to the store file.
//
// The schema version lives in PRAGMA user_version. Each migration runs in its
// own IMMEDIATE transaction together with the user_version bump, so a crash
// leaves the file at the previous version or the next, never between.
#pragma once

#include <memory>
#include <string>

#include <SQLiteCpp/Database.h>

#include "error.h"

namespace rapport {

struct StoreOpenOptions {
  // How long a connection waits for another process's write lock.
  int busy_timeout_ms = 5000;
  // Page cache per connection (KiB); allocated only as pages are used.
  int cache_kib = 64 * 1024;
  // WAL pages after which a commit copies the WAL back into the file. Larger
  // than SQLite's 1000 so bulk imports rewrite hot B-tree pages less often.
  int wal_autocheckpoint_pages = 10000;
};

// The schema version MigrateToLatest brings a file to.
[[nodiscard]] int LatestSchemaVersion();

// The file's current schema version (0 for a new file).
[[nodiscard]] Result<int> SchemaVersion(SQLite::Database& db);

// Applies every migration above the file's version, in order. 500 Error if a
// migration fails (that migration is rolled back) or the file is newer than
// this program.
[[nodiscard]] Status MigrateToLatest(SQLite::Database& db);

// Applies migrations up to `version` only (tests build older files with it).
[[nodiscard]] Status MigrateTo(SQLite::Database& db, int version);

// Opens (creating if needed) the store at `path` in WAL mode with
// synchronous=FULL, foreign keys on and a busy timeout, and migrates it to
// the latest schema. The web stores (keys, accounts) open their own
// connection to the same file with this.
[[nodiscard]] Result<std::unique_ptr<SQLite::Database>> OpenStoreDatabase(
    const std::string& path, const StoreOpenOptions& options = {});

}  // namespace rapport
