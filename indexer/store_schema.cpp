// Schema migrations and connection set-up of the SQLite store.
#include "store_schema.h"

#include <SQLiteCpp/Transaction.h>

namespace rapport {
namespace {

// Migration N (1-based) is kMigrations[N - 1]. Never edit a shipped entry:
// add a new one.
constexpr const char* kMigrations[] = {
    // 1: profiles, their revisions and the index outbox.
    R"sql(
CREATE TABLE profiles (
  id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('published', 'unpublished')),
  json TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE revisions (
  profile_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  actor TEXT NOT NULL,
  at TEXT NOT NULL,
  action TEXT NOT NULL,
  changed_fields TEXT NOT NULL,
  json TEXT NOT NULL,
  PRIMARY KEY (profile_id, version)
);
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  profile_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  enqueued_at TEXT NOT NULL
);
)sql",
    // 2: partner API keys, editor accounts, sessions and editor tokens.
    R"sql(
CREATE TABLE api_keys (
  id INTEGER PRIMARY KEY,
  partner TEXT NOT NULL,
  key_prefix TEXT UNIQUE NOT NULL,
  key_hash BLOB NOT NULL,
  rate_per_second REAL NOT NULL,
  burst INTEGER NOT NULL,
  filters_json TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE TABLE editors (
  id INTEGER PRIMARY KEY,
  email TEXT UNIQUE NOT NULL COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'editor')),
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE TABLE sessions (
  token_hash BLOB PRIMARY KEY,
  editor_id INTEGER NOT NULL REFERENCES editors(id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
);
CREATE TABLE editor_tokens (
  id INTEGER PRIMARY KEY,
  editor_id INTEGER NOT NULL REFERENCES editors(id),
  name TEXT NOT NULL,
  token_hash BLOB UNIQUE NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
)sql",
    // 3: browser-safe partner keys (origins, expiry, search routes only) and
    // per-key usage (web/http/api_keys.h).
    R"sql(
ALTER TABLE api_keys ADD COLUMN search_only INTEGER NOT NULL DEFAULT 0;
ALTER TABLE api_keys ADD COLUMN origins_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE api_keys ADD COLUMN expires_at TEXT;
ALTER TABLE api_keys ADD COLUMN requests INTEGER NOT NULL DEFAULT 0;
ALTER TABLE api_keys ADD COLUMN last_used_at TEXT;
)sql",
    // 4: profiles by NPI, for the importers' lookup of an existing profile
    // carrying an NPI (docs/interop.md §1).
    R"sql(
CREATE INDEX profiles_by_npi ON profiles (json_extract(json, '$.npi'));
)sql",
    // 5: a version of the partner keys, bumped by every change that matters
    // to checking a key (not the usage counts), so the index writer knows
    // when to publish them into the index (indexer/published_keys.h).
    R"sql(
CREATE TABLE api_keys_version (
  only_row INTEGER PRIMARY KEY CHECK (only_row = 1),
  version INTEGER NOT NULL
);
INSERT INTO api_keys_version (only_row, version)
  SELECT 1, CASE WHEN EXISTS (SELECT 1 FROM api_keys) THEN 1 ELSE 0 END;
CREATE TRIGGER api_keys_added AFTER INSERT ON api_keys BEGIN
  UPDATE api_keys_version SET version = version + 1;
END;
CREATE TRIGGER api_keys_changed AFTER UPDATE OF partner, key_prefix, key_hash, rate_per_second,
  burst, filters_json, revoked_at, search_only, origins_json, expires_at ON api_keys BEGIN
  UPDATE api_keys_version SET version = version + 1;
END;
CREATE TRIGGER api_keys_removed AFTER DELETE ON api_keys BEGIN
  UPDATE api_keys_version SET version = version + 1;
END;
)sql",
};

constexpr int kLatest = static_cast<int>(sizeof kMigrations / sizeof kMigrations[0]);

}  // namespace

int LatestSchemaVersion() { return kLatest; }

Result<int> SchemaVersion(SQLite::Database& db) {
  try {
    return db.execAndGet("PRAGMA user_version").getInt();
  } catch (const SQLite::Exception& e) {
    return Error::Internal(std::string("cannot read the store's schema version: ") + e.what());
  }
}

Status MigrateTo(SQLite::Database& db, int target) {
  if (target > kLatest) return Error::Internal("no schema version " + std::to_string(target));
  int version = 0;
  try {
    while (true) {
      // Read the version inside the write transaction so two processes
      // opening a new file at once do not both apply a migration.
      SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
      version = db.execAndGet("PRAGMA user_version").getInt();
      if (version > kLatest) {
        return Error::Internal("the store has schema version " + std::to_string(version) +
                               ", newer than this program's " + std::to_string(kLatest));
      }
      if (version >= target) return Status::Ok();
      db.exec(kMigrations[version]);
      db.exec("PRAGMA user_version = " + std::to_string(version + 1));
      transaction.commit();
    }
  } catch (const SQLite::Exception& e) {
    return Error::Internal("schema migration " + std::to_string(version + 1) +
                           " failed: " + e.what());
  }
}

Status MigrateToLatest(SQLite::Database& db) { return MigrateTo(db, kLatest); }

Result<std::unique_ptr<SQLite::Database>> OpenStoreDatabase(const std::string& path,
                                                            const StoreOpenOptions& options) {
  try {
    auto db = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE,
                                                 options.busy_timeout_ms);
    // WAL: readers never block the writer; FULL: a committed write is on
    // disk before the call returns (see docs/store.md).
    db->exec("PRAGMA journal_mode = WAL");
    db->exec("PRAGMA synchronous = FULL");
    db->exec("PRAGMA foreign_keys = ON");
    db->exec("PRAGMA cache_size = -" + std::to_string(options.cache_kib));
    db->exec("PRAGMA wal_autocheckpoint = " + std::to_string(options.wal_autocheckpoint_pages));
    Status migrated = MigrateToLatest(*db);
    if (!migrated) {
      return Error::Internal("store " + path + ": " + migrated.error().message);
    }
    return db;
  } catch (const SQLite::Exception& e) {
    return Error::Internal("cannot open the store " + path + ": " + e.what());
  }
}

}  // namespace rapport
