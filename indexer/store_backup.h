// Store backups: a consistent copy of the SQLite store taken while the
// server runs and edits go on, and its restore into an empty data folder
// (docs/scaling.md, "Backups and restore").
//
// The copy uses SQLite's online backup API from inside one read transaction,
// so it holds exactly the store as it was when the backup began: every edit
// acknowledged before that moment, none after, and never a half-written one.
// SQLite restarts a stepped backup whenever the source changes between steps
// unless the copy reads from one snapshot, which the read transaction gives.
// The index is not copied: it is derived from the store, and a restore ends
// with `rapport-index rebuild`.
//
// A backup folder holds `rapport.sqlite` (mode 0600: it has password hashes
// and hashed tokens) and `manifest.json`:
//   {"format":1,"created_at":"2026-12-04T03:00:00Z","schema_version":3,
//    "pages":95478,"page_size":4096}
//
//   BackupOptions options;
//   options.progress = [](int64_t copied, int64_t total) { ... };
//   Result<BackupManifest> made = BackupStore(data_dir, "/var/backups/rapport/2026-12-04",
//   options);
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "data_dir.h"
#include "error.h"

namespace rapport {

// What a backup folder's manifest.json records.
struct BackupManifest {
  int format = 0;          // kBackupFormat
  std::string created_at;  // UTC, when the copied snapshot was taken
  int schema_version = 0;  // the store's PRAGMA user_version
  int64_t pages = 0;       // database pages copied
  int64_t page_size = 0;   // bytes per page
};

// The manifest format this program writes and reads.
inline constexpr int kBackupFormat = 1;

struct BackupOptions {
  // Pages copied per step; between steps the writer is never blocked.
  int pages_per_step = 1000;
  // Called after every step with the pages copied so far and the total.
  std::function<void(int64_t copied, int64_t total)> progress;
};

// Copies the store of `data_dir` into the folder `to` (created if missing,
// mode 0700) and writes its manifest last, so a folder with a manifest holds
// a complete, checked copy. Errors: 404 when there is no store, 409 when `to`
// already holds a backup, 500 when a copy or check fails (nothing is left
// under the final names).
[[nodiscard]] Result<BackupManifest> BackupStore(const DataDir& data_dir, const std::string& to,
                                                 const BackupOptions& options);

// The manifest of the backup folder `from`. 404 when there is none, 400
// when it is not one this program wrote (unknown format, missing fields).
[[nodiscard]] Result<BackupManifest> ReadBackupManifest(const std::string& from);

// Copies the backup in `from` into the store of `data_dir`, a folder that
// must be empty or missing (409 otherwise), and checks the copy with
// PRAGMA integrity_check. 400 when the backup's schema is newer than this
// program or its file does not match its manifest; 500 when the check fails
// (the partial copy is removed). The index is left to `rapport-index rebuild`.
[[nodiscard]] Result<BackupManifest> RestoreStore(const std::string& from, const DataDir& data_dir,
                                                  const BackupOptions& options);

}  // namespace rapport
