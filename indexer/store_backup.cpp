// Store backups (store_backup.h).
#include "store_backup.h"

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Transaction.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <sqlite3.h>

#include "bounded_json.h"
#include "durable_file.h"
#include "store_schema.h"
#include "utc_time.h"

namespace rapport {
namespace {

namespace fs = std::filesystem;

constexpr const char* kStoreFile = "rapport.sqlite";
constexpr const char* kManifestFile = "manifest.json";
constexpr int kPrivateFileMode = 0600;
constexpr fs::perms kPrivateFolder = fs::perms::owner_all;
constexpr int kBusyTimeoutMs = 5000;
// A busy or locked step is retried after this pause, at most this many times.
constexpr auto kBusyPause = std::chrono::milliseconds(20);
constexpr int kMaxBusySteps = 1500;
constexpr size_t kMaxManifestBytes = 64 * 1024;

std::string InFolder(const std::string& folder, const char* name) { return folder + "/" + name; }

Error BadBackup(std::string message) { return Error::BadParameter("from", std::move(message)); }

// Creates `temp` empty with mode 0600, replacing a leftover of a failed run,
// so SQLite never creates it with the process's default mode.
Status CreatePrivateFile(const std::string& temp) {
  unlink(temp.c_str());
  const int fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, kPrivateFileMode);
  if (fd < 0) return SystemError("cannot create", temp);
  close(fd);
  return Status::Ok();
}

// "ok" from `check` (quick_check or integrity_check) on the file at `path`.
Status CheckDatabase(const std::string& path, const char* check) {
  SQLite::Database copy(path, SQLite::OPEN_READONLY);
  const std::string answer = copy.execAndGet(std::string("PRAGMA ") + check).getString();
  if (answer != "ok") return Error::Internal(std::string(check) + " of " + path + ": " + answer);
  return Status::Ok();
}

// Copies `source` page by page into `target` (through `target`.tmp, fsynced
// and renamed only once `check` passes). Returns the pages copied.
Result<int64_t> CopyDatabase(SQLite::Database& source, const std::string& target,
                             const BackupOptions& options, const char* check) {
  const std::string temp = target + ".tmp";
  if (Status created = CreatePrivateFile(temp); !created) return created.error();
  int64_t pages = 0;
  try {
    {
      SQLite::Database copy(temp, SQLite::OPEN_READWRITE);
      SQLite::Backup backup(copy, source);
      int busy_steps = 0;
      for (;;) {
        const int step = backup.executeStep(options.pages_per_step);
        pages = backup.getTotalPageCount();
        if (options.progress) options.progress(pages - backup.getRemainingPageCount(), pages);
        if (step == SQLITE_DONE) break;
        if (step == SQLITE_BUSY || step == SQLITE_LOCKED) {
          if (++busy_steps > kMaxBusySteps) {
            unlink(temp.c_str());
            return Error::StoreUnavailable("the store stayed locked; try again");
          }
          std::this_thread::sleep_for(kBusyPause);
        }
      }
      // The copy took the source's WAL mode; a single file needs no -wal or
      // -shm beside it (the store reopens in WAL mode: store_schema.h).
      copy.exec("PRAGMA journal_mode=DELETE");
    }
    if (Status checked = CheckDatabase(temp, check); !checked) {
      unlink(temp.c_str());
      return checked.error();
    }
  } catch (const SQLite::Exception& e) {
    unlink(temp.c_str());
    return Error::Internal(std::string("copy into ") + temp + " failed: " + e.what());
  }
  if (Status synced = SyncFile(temp); !synced) return synced.error();
  if (std::rename(temp.c_str(), target.c_str()) != 0)
    return SystemError("cannot rename to", target);
  if (Status synced = SyncFolder(fs::path(target).parent_path().string()); !synced) {
    return synced.error();
  }
  return pages;
}

std::string ManifestJson(const BackupManifest& manifest) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> json(buffer);
  json.StartObject();
  json.Key("format");
  json.Int(manifest.format);
  json.Key("created_at");
  json.String(manifest.created_at.c_str(),
              static_cast<rapidjson::SizeType>(manifest.created_at.size()));
  json.Key("schema_version");
  json.Int(manifest.schema_version);
  json.Key("pages");
  json.Int64(manifest.pages);
  json.Key("page_size");
  json.Int64(manifest.page_size);
  json.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

// Creates `folder` (and its parents) with owner-only access to the new ones.
Status CreatePrivateFolder(const std::string& folder) {
  std::error_code error;
  if (fs::create_directories(folder, error)) fs::permissions(folder, kPrivateFolder, error);
  if (error) return Error::Internal("cannot create " + folder + ": " + error.message());
  return Status::Ok();
}

bool FolderIsEmptyOrMissing(const std::string& folder) {
  std::error_code error;
  if (!fs::exists(folder, error)) return true;
  return fs::is_directory(folder, error) && fs::is_empty(folder, error);
}

}  // namespace

Result<BackupManifest> BackupStore(const DataDir& data_dir, const std::string& to,
                                   const BackupOptions& options) {
  const std::string store_path = data_dir.StorePath();
  if (!fs::exists(store_path)) return Error::NotFound("no store at " + store_path);
  if (fs::exists(InFolder(to, kStoreFile)) || fs::exists(InFolder(to, kManifestFile))) {
    return Error::AlreadyExists("to", to + " already holds a backup; choose a new folder");
  }
  if (Status created = CreatePrivateFolder(to); !created) return created.error();
  BackupManifest manifest;
  manifest.format = kBackupFormat;
  try {
    SQLite::Database source(store_path, SQLite::OPEN_READONLY);
    source.setBusyTimeout(kBusyTimeoutMs);
    // One snapshot for the whole copy: the read starts it, the commit ends it.
    SQLite::Transaction snapshot(source);
    source.execAndGet("SELECT count(*) FROM sqlite_master");
    manifest.created_at = FormatUtcTimestamp(UtcNowSeconds());
    auto version = SchemaVersion(source);
    if (!version) return version.error();
    manifest.schema_version = version.value();
    manifest.page_size = source.execAndGet("PRAGMA page_size").getInt64();
    auto pages = CopyDatabase(source, InFolder(to, kStoreFile), options, "quick_check");
    if (!pages) return pages.error();
    manifest.pages = pages.value();
    snapshot.commit();
  } catch (const SQLite::Exception& e) {
    return Error::StoreUnavailable(std::string("cannot read the store: ") + e.what());
  }
  if (Status written =
          WriteFileDurably(InFolder(to, kManifestFile), ManifestJson(manifest), kPrivateFileMode);
      !written) {
    return written.error();
  }
  return manifest;
}

Result<BackupManifest> ReadBackupManifest(const std::string& from) {
  const std::string path = InFolder(from, kManifestFile);
  std::ifstream in(path);
  if (!in) return Error::NotFound("no backup manifest at " + path);
  std::ostringstream text;
  text << in.rdbuf();
  rapidjson::Document json;
  JsonLimits limits;
  limits.max_bytes = kMaxManifestBytes;
  if (Status parsed = ParseJsonBounded(text.str(), limits, json); !parsed) {
    return BadBackup(path + ": " + parsed.error().message);
  }
  const auto member = [&json](const char* name) -> const rapidjson::Value* {
    if (!json.IsObject()) return nullptr;
    auto it = json.FindMember(name);
    return it == json.MemberEnd() ? nullptr : &it->value;
  };
  const rapidjson::Value* format = member("format");
  if (!format || !format->IsInt() || format->GetInt() != kBackupFormat) {
    return BadBackup(path + " is not a Rapport backup manifest of format " +
                     std::to_string(kBackupFormat));
  }
  const rapidjson::Value* created_at = member("created_at");
  const rapidjson::Value* schema_version = member("schema_version");
  const rapidjson::Value* pages = member("pages");
  const rapidjson::Value* page_size = member("page_size");
  if (!created_at || !created_at->IsString() || !schema_version || !schema_version->IsInt() ||
      !pages || !pages->IsInt64() || !page_size || !page_size->IsInt64()) {
    return BadBackup(path + " lacks created_at, schema_version, pages or page_size");
  }
  BackupManifest manifest;
  manifest.format = format->GetInt();
  manifest.created_at = created_at->GetString();
  manifest.schema_version = schema_version->GetInt();
  manifest.pages = pages->GetInt64();
  manifest.page_size = page_size->GetInt64();
  return manifest;
}

Result<BackupManifest> RestoreStore(const std::string& from, const DataDir& data_dir,
                                    const BackupOptions& options) {
  auto manifest = ReadBackupManifest(from);
  if (!manifest) return manifest.error();
  if (manifest.value().schema_version > LatestSchemaVersion()) {
    return BadBackup("the backup's schema version " +
                     std::to_string(manifest.value().schema_version) +
                     " is newer than this program's " + std::to_string(LatestSchemaVersion()));
  }
  if (!FolderIsEmptyOrMissing(data_dir.root)) {
    return Error::AlreadyExists(
        "data_dir", data_dir.root + " is not empty; restore into an empty or new folder");
  }
  if (Status created = CreatePrivateFolder(data_dir.root); !created) return created.error();
  try {
    SQLite::Database backup(InFolder(from, kStoreFile), SQLite::OPEN_READONLY);
    auto version = SchemaVersion(backup);
    if (!version) return BadBackup("cannot read the backup's store: " + version.error().message);
    if (version.value() != manifest.value().schema_version) {
      return BadBackup("the backup's store is at schema version " +
                       std::to_string(version.value()) + ", its manifest says " +
                       std::to_string(manifest.value().schema_version));
    }
    auto pages = CopyDatabase(backup, data_dir.StorePath(), options, "integrity_check");
    if (!pages) return pages.error();
    if (pages.value() != manifest.value().pages) {
      fs::remove(data_dir.StorePath());
      return BadBackup("the backup's store has " + std::to_string(pages.value()) +
                       " pages, its manifest says " + std::to_string(manifest.value().pages));
    }
  } catch (const SQLite::Exception& e) {
    return BadBackup("cannot read the backup's store: " + std::string(e.what()));
  }
  return manifest;
}

}  // namespace rapport
