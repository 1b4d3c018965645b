// ProfileStore on SQLite (see profile_store.h and docs/store.md): a write
// connection guarded by a mutex, with prepared statements reused across
// writes; every accepted write changes profiles, revisions and outbox
// together, and writes arriving together share one transaction (group commit,
// store_group_commit.h). Reads use a second connection, so they never wait
// for a write's fsync (WAL).
#include "profile_store.h"

#include <algorithm>
#include <mutex>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "profile_json.h"
#include "store_group_commit.h"
#include "store_schema.h"
#include "utc_time.h"
#include "validation_checks.h"

namespace rapport {
namespace {

const char* StatusName(ProfileStatus status) {
  return status == ProfileStatus::kPublished ? "published" : "unpublished";
}

std::string Now() { return FormatUtcTimestamp(UtcNowSeconds()); }

// Top-level fields whose JSON differs between two canonical documents
// (`before` empty for a new profile), in the new document's order.
std::vector<std::string> ChangedFields(const std::string& before, const std::string& after) {
  rapidjson::Document old_doc, new_doc;
  old_doc.Parse(before.empty() ? "{}" : before.c_str());
  new_doc.Parse(after.c_str());
  std::vector<std::string> changed;
  for (const auto& m : new_doc.GetObject()) {
    const auto it = old_doc.FindMember(m.name);
    if (it == old_doc.MemberEnd() || it->value != m.value) changed.emplace_back(m.name.GetString());
  }
  for (const auto& m : old_doc.GetObject()) {
    if (!new_doc.HasMember(m.name)) changed.emplace_back(m.name.GetString());
  }
  return changed;
}

std::string JsonList(const std::vector<std::string>& values) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartArray();
  for (const auto& v : values) writer.String(v);
  writer.EndArray();
  return buffer.GetString();
}

std::vector<std::string> ParseJsonList(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  std::vector<std::string> values;
  if (!doc.IsArray()) return values;
  for (const auto& v : doc.GetArray()) {
    if (v.IsString()) values.emplace_back(v.GetString(), v.GetStringLength());
  }
  return values;
}

Error StoreError(const SQLite::Exception& e) {
  return Error::Internal(std::string("profile store: ") + e.what());
}

// The current row of a profile.
struct Current {
  int64_t version = 0;
  ProfileStatus status = ProfileStatus::kPublished;
  std::string json;
  std::string updated_at;
};

}  // namespace

class ProfileStore::Impl {
 public:
  Impl(std::string path, std::unique_ptr<SQLite::Database> db,
       std::unique_ptr<SQLite::Database> reader)
      : path_(std::move(path)),
        db_(std::move(db)),
        reader_(std::move(reader)),
        committer_(*db_, mutex_),
        select_current_(*db_,
                        "SELECT version, status, json, updated_at FROM profiles WHERE id = ?"),
        upsert_profile_(*db_,
                        "INSERT INTO profiles (id, version, status, json, updated_at) "
                        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                        "version = excluded.version, status = excluded.status, "
                        "json = excluded.json, updated_at = excluded.updated_at"),
        insert_revision_(*db_,
                         "INSERT INTO revisions (profile_id, version, actor, at, action, "
                         "changed_fields, json) VALUES (?, ?, ?, ?, ?, ?, ?)"),
        insert_outbox_(*db_,
                       "INSERT INTO outbox (profile_id, version, enqueued_at) VALUES (?, ?, ?)"),
        read_current_(*reader_,
                      "SELECT version, status, json, updated_at FROM profiles WHERE id = ?"),
        read_ids_by_npi_(*reader_,
                         "SELECT id FROM profiles WHERE json_extract(json, '$.npi') = ? "
                         "ORDER BY id") {}

  const std::string path_;
  mutable std::mutex mutex_;
  // Guarded by mutex_ (the committer takes it for each group).
  std::unique_ptr<SQLite::Database> db_;
  // Guarded by reader_mutex_: committed state only, never blocked by a write.
  mutable std::mutex reader_mutex_;
  std::unique_ptr<SQLite::Database> reader_;
  GroupCommitter committer_;
  // Guarded by mutex_.
  SQLite::Statement select_current_;
  SQLite::Statement upsert_profile_;
  SQLite::Statement insert_revision_;
  SQLite::Statement insert_outbox_;
  // Guarded by reader_mutex_.
  SQLite::Statement read_current_;
  SQLite::Statement read_ids_by_npi_;
  // Set before the first write, then only read.
  std::function<void()> on_outbox_committed_;

  // The current row through the write connection (inside a write).
  std::optional<Current> ReadCurrent(std::string_view id) { return ReadRow(select_current_, id); }
  // The current row as last committed (reader_mutex_ held).
  std::optional<Current> ReadCommitted(std::string_view id) { return ReadRow(read_current_, id); }

  static std::optional<Current> ReadRow(SQLite::Statement& select, std::string_view id) {
    select.tryReset();
    select.bind(1, std::string(id));
    if (!select.executeStep()) return std::nullopt;
    Current current;
    current.version = select.getColumn(0).getInt64();
    current.status = select.getColumn(1).getString() == "published" ? ProfileStatus::kPublished
                                                                    : ProfileStatus::kUnpublished;
    current.json = select.getColumn(2).getString();
    current.updated_at = select.getColumn(3).getString();
    // Done with the row: no statement stays open across a savepoint rollback.
    select.tryReset();
    return current;
  }

  // Runs one write through the group committer and returns its outcome.
  Result<WriteOutcome> GroupWrite(const std::function<Result<WriteOutcome>()>& write) {
    std::optional<Result<WriteOutcome>> outcome;
    Status committed = committer_.Run([&]() -> Result<WriteEffect> {
      outcome = write();
      if (!outcome->ok()) return outcome->error();
      return outcome->value().kind == WriteKind::kUnchanged ? WriteEffect::kDiscard
                                                            : WriteEffect::kKeep;
    });
    if (!committed) return committed.error();
    if (outcome->value().kind != WriteKind::kUnchanged) AnnounceCommit();
    return *outcome;
  }

  void AnnounceCommit() const {
    if (on_outbox_committed_) on_outbox_committed_();
  }

  // One new version of a profile, as WriteVersion stores it.
  struct NewVersion {
    std::string_view id;
    const std::optional<Current>* current = nullptr;  // the version it follows, if any
    const std::string* json = nullptr;
    const std::string* updated_at = nullptr;
    ProfileStatus status = ProfileStatus::kPublished;
    std::string_view actor;
    const char* action = nullptr;      // the revision's action: "create", "update", ...
    std::vector<std::string> changed;  // top-level fields that differ from current
    std::string now;
  };

  // Stores `write.json` as version current+1 with its revision and outbox
  // row; returns the new version.
  int64_t WriteVersion(const NewVersion& write) {
    const std::optional<Current>& current = *write.current;
    const std::string& json = *write.json;
    const int64_t version = current ? current->version + 1 : 1;
    const std::string id_text(write.id);
    upsert_profile_.tryReset();
    upsert_profile_.bind(1, id_text);
    upsert_profile_.bind(2, version);
    upsert_profile_.bind(3, StatusName(write.status));
    upsert_profile_.bind(4, json);
    upsert_profile_.bind(5, *write.updated_at);
    upsert_profile_.exec();
    insert_revision_.tryReset();
    insert_revision_.bind(1, id_text);
    insert_revision_.bind(2, version);
    insert_revision_.bind(3, std::string(write.actor));
    insert_revision_.bind(4, write.now);
    insert_revision_.bind(5, write.action);
    insert_revision_.bind(6, JsonList(write.changed));
    insert_revision_.bind(7, json);
    insert_revision_.exec();
    insert_outbox_.tryReset();
    insert_outbox_.bind(1, id_text);
    insert_outbox_.bind(2, version);
    insert_outbox_.bind(3, write.now);
    insert_outbox_.exec();
    return version;
  }

  // Upsert inside an open transaction. `action` of nullptr means
  // "create"/"update" by whether the profile exists.
  Result<WriteOutcome> UpsertLocked(const Profile& profile, std::string_view actor,
                                    std::optional<int64_t> expected_version, const char* action,
                                    const std::string& now) {
    const std::optional<Current> current = ReadCurrent(profile.id);
    if (expected_version) {
      if (*expected_version == 0 && current) {
        return Error::AlreadyExists("id", "profile " + profile.id + " already exists");
      }
      if (*expected_version != (current ? current->version : 0)) {
        return Error::VersionConflict("", "profile " + profile.id + " is at version " +
                                              std::to_string(current ? current->version : 0) +
                                              ", not " + std::to_string(*expected_version));
      }
    }
    // A document without updated_at keeps the current stamp if nothing else
    // changed, and is stamped with the write time otherwise.
    StoredProfile stored{profile, "", 0, ProfileStatus::kPublished};
    Profile& stamped = stored.profile;
    if (!profile.updated_at.empty()) {
      stored.json = ToCanonicalJson(stamped);
    } else {
      stamped.updated_at = current ? current->updated_at : now;
      stored.json = ToCanonicalJson(stamped);
      if (current &&
          !(current->status == ProfileStatus::kPublished && current->json == stored.json)) {
        stamped.updated_at = now;
        stored.json = ToCanonicalJson(stamped);
      }
    }
    if (current && current->status == ProfileStatus::kPublished && current->json == stored.json) {
      stored.version = current->version;
      return WriteOutcome{WriteKind::kUnchanged, std::move(stored)};
    }
    NewVersion write;
    write.id = profile.id;
    write.current = &current;
    write.json = &stored.json;
    write.updated_at = &stamped.updated_at;
    write.actor = actor;
    write.action = action ? action : (current ? "update" : "create");
    write.changed = ChangedFields(current ? current->json : "", stored.json);
    write.now = now;
    stored.version = WriteVersion(write);
    return WriteOutcome{current ? WriteKind::kUpdated : WriteKind::kCreated, std::move(stored)};
  }

  // The current row as the StoredProfile a write returns.
  static Result<StoredProfile> AsStored(const Current& row) {
    auto profile = ProfileFromStoredJson(row.json);
    if (!profile) return profile.error();
    return StoredProfile{std::move(profile).value(), row.json, row.version, row.status};
  }
};

ProfileStore::ProfileStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ProfileStore::~ProfileStore() = default;

Result<std::unique_ptr<ProfileStore>> ProfileStore::Open(const std::string& path) {
  auto db = OpenStoreDatabase(path);
  if (!db) return db.error();
  // Opened after the writer: the file exists, is migrated and in WAL mode.
  auto reader = OpenStoreDatabase(path);
  if (!reader) return reader.error();
  try {
    auto impl = std::make_unique<Impl>(path, std::move(db).value(), std::move(reader).value());
    return std::unique_ptr<ProfileStore>(new ProfileStore(std::move(impl)));
  } catch (const SQLite::Exception& e) {
    return Error::Internal("cannot prepare the store " + path + ": " + e.what());
  }
}

void ProfileStore::OnOutboxCommitted(std::function<void()> listener) {
  impl_->on_outbox_committed_ = std::move(listener);
}

Result<WriteOutcome> ProfileStore::Upsert(const Profile& profile, std::string_view actor,
                                          std::optional<int64_t> expected_version) {
  return impl_->GroupWrite(
      [&] { return impl_->UpsertLocked(profile, actor, expected_version, nullptr, Now()); });
}

Result<std::vector<WriteOutcome>> ProfileStore::UpsertBatch(const std::vector<Profile>& profiles,
                                                            std::string_view actor) {
  std::vector<WriteOutcome> outcomes;
  try {
    std::lock_guard<std::mutex> lock(impl_->mutex_);
    SQLite::Transaction transaction(*impl_->db_, SQLite::TransactionBehavior::IMMEDIATE);
    const std::string now = Now();
    outcomes.reserve(profiles.size());
    for (const auto& profile : profiles) {
      auto outcome = impl_->UpsertLocked(profile, actor, std::nullopt, "import", now);
      if (!outcome) return outcome.error();
      outcomes.push_back(outcome.value());
    }
    transaction.commit();
  } catch (const SQLite::Exception& e) {
    return StoreError(e);
  }
  if (std::any_of(outcomes.begin(), outcomes.end(),
                  [](const WriteOutcome& o) { return o.kind != WriteKind::kUnchanged; })) {
    impl_->AnnounceCommit();
  }
  return outcomes;
}

Result<WriteOutcome> ProfileStore::Unpublish(std::string_view id, std::string_view actor,
                                             std::optional<int64_t> expected_version) {
  return impl_->GroupWrite([&]() -> Result<WriteOutcome> {
    const auto current = impl_->ReadCurrent(id);
    if (!current) return Error::NotFound("no profile " + std::string(id));
    if (expected_version && *expected_version != current->version) {
      return Error::VersionConflict("", "profile " + std::string(id) + " is at version " +
                                            std::to_string(current->version) + ", not " +
                                            std::to_string(*expected_version));
    }
    auto stored = Impl::AsStored(*current);
    if (!stored) return stored.error();
    if (current->status == ProfileStatus::kUnpublished) {
      return WriteOutcome{WriteKind::kUnchanged, std::move(stored).value()};
    }
    Impl::NewVersion write;
    write.id = id;
    write.current = &current;
    write.json = &current->json;
    write.updated_at = &current->updated_at;
    write.status = ProfileStatus::kUnpublished;
    write.actor = actor;
    write.action = "unpublish";
    write.now = Now();
    stored.value().version = impl_->WriteVersion(write);
    stored.value().status = ProfileStatus::kUnpublished;
    return WriteOutcome{WriteKind::kUpdated, std::move(stored).value()};
  });
}

Result<WriteOutcome> ProfileStore::Restore(std::string_view id, int64_t version,
                                           std::string_view actor) {
  return impl_->GroupWrite([&]() -> Result<WriteOutcome> {
    const auto current = impl_->ReadCurrent(id);
    if (!current) return Error::NotFound("no profile " + std::string(id));
    SQLite::Statement select(*impl_->db_,
                             "SELECT json FROM revisions WHERE profile_id = ? AND version = ?");
    select.bind(1, std::string(id));
    select.bind(2, version);
    if (!select.executeStep()) {
      return Error::NotFound("profile " + std::string(id) + " has no version " +
                             std::to_string(version));
    }
    const std::string json = select.getColumn(0).getString();
    if (current->status == ProfileStatus::kPublished && current->json == json) {
      auto stored = Impl::AsStored(*current);
      if (!stored) return stored.error();
      return WriteOutcome{WriteKind::kUnchanged, std::move(stored).value()};
    }
    auto restored = ProfileFromStoredJson(json);
    if (!restored) return restored.error();
    StoredProfile stored{std::move(restored).value(), json, 0, ProfileStatus::kPublished};
    Impl::NewVersion write;
    write.id = id;
    write.current = &current;
    write.json = &json;
    write.updated_at = &stored.profile.updated_at;
    write.actor = actor;
    write.action = "restore";
    write.changed = ChangedFields(current->json, json);
    write.now = Now();
    stored.version = impl_->WriteVersion(write);
    return WriteOutcome{WriteKind::kUpdated, std::move(stored)};
  });
}

Result<StoredProfile> ProfileStore::Get(std::string_view id) const {
  std::lock_guard<std::mutex> lock(impl_->reader_mutex_);
  try {
    const auto current = impl_->ReadCommitted(id);
    if (!current) return Error::NotFound("no profile " + std::string(id));
    return Impl::AsStored(*current);
  } catch (const SQLite::Exception& e) {
    return StoreError(e);
  }
}

Result<std::vector<std::string>> ProfileStore::IdsWithNpi(std::string_view npi) const {
  std::lock_guard<std::mutex> lock(impl_->reader_mutex_);
  try {
    SQLite::Statement& select = impl_->read_ids_by_npi_;
    select.tryReset();
    select.bind(1, std::string(npi));
    std::vector<std::string> ids;
    while (select.executeStep()) ids.push_back(select.getColumn(0).getString());
    select.tryReset();
    return ids;
  } catch (const SQLite::Exception& e) {
    return StoreError(e);
  }
}

Result<std::vector<Revision>> ProfileStore::History(std::string_view id) const {
  std::lock_guard<std::mutex> lock(impl_->reader_mutex_);
  try {
    SQLite::Statement select(*impl_->reader_,
                             "SELECT version, actor, at, action, changed_fields, json "
                             "FROM revisions WHERE profile_id = ? ORDER BY version DESC");
    select.bind(1, std::string(id));
    std::vector<Revision> revisions;
    while (select.executeStep()) {
      revisions.push_back(Revision{select.getColumn(0).getInt64(), select.getColumn(1).getString(),
                                   select.getColumn(2).getString(), select.getColumn(3).getString(),
                                   ParseJsonList(select.getColumn(4).getString()),
                                   select.getColumn(5).getString()});
    }
    if (revisions.empty()) return Error::NotFound("no profile " + std::string(id));
    return revisions;
  } catch (const SQLite::Exception& e) {
    return StoreError(e);
  }
}

Status ProfileStore::ForEachPublished(
    const std::function<void(const StoredProfile&)>& visit) const {
  // A connection of its own: the one SELECT reads a consistent snapshot (WAL)
  // while writers on the shared connection carry on.
  try {
    SQLite::Database reader(impl_->path_, SQLite::OPEN_READONLY,
                            StoreOpenOptions{}.busy_timeout_ms);
    SQLite::Statement select(reader,
                             "SELECT version, json FROM profiles WHERE status = 'published' "
                             "ORDER BY id");
    while (select.executeStep()) {
      StoredProfile stored;
      stored.version = select.getColumn(0).getInt64();
      stored.json = select.getColumn(1).getString();
      auto profile = ProfileFromStoredJson(stored.json);
      if (!profile) return profile.error();
      stored.profile = std::move(profile).value();
      visit(stored);
    }
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return StoreError(e);
  }
}

Result<int64_t> ProfileStore::CountPublished() const {
  std::lock_guard<std::mutex> lock(impl_->reader_mutex_);
  try {
    return impl_->reader_->execAndGet("SELECT count(*) FROM profiles WHERE status = 'published'")
        .getInt64();
  } catch (const SQLite::Exception& e) {
    return StoreError(e);
  }
}

Result<int64_t> ProfileStore::KeysVersion() const {
  std::lock_guard<std::mutex> lock(impl_->reader_mutex_);
  try {
    return impl_->reader_->execAndGet("SELECT version FROM api_keys_version").getInt64();
  } catch (const SQLite::Exception& e) {
    return StoreError(e);
  }
}

Result<KeySet> ProfileStore::ReadKeySet() const {
  std::lock_guard<std::mutex> lock(impl_->reader_mutex_);
  try {
    SQLite::Transaction snapshot(*impl_->reader_);
    KeySet set;
    set.version = impl_->reader_->execAndGet("SELECT version FROM api_keys_version").getInt64();
    SQLite::Statement select(*impl_->reader_,
                             "SELECT id, key_prefix, partner, key_hash, rate_per_second, burst, "
                             "filters_json, search_only, origins_json, expires_at FROM api_keys "
                             "WHERE revoked_at IS NULL ORDER BY key_prefix");
    while (select.executeStep()) {
      PublishedKey key;
      key.id = select.getColumn(0).getInt64();
      key.prefix = select.getColumn(1).getString();
      key.partner = select.getColumn(2).getString();
      const SQLite::Column hash = select.getColumn(3);
      key.hash_hex = HexOf(static_cast<const unsigned char*>(hash.getBlob()),
                           static_cast<size_t>(hash.getBytes()));
      key.rate_per_second = select.getColumn(4).getDouble();
      key.burst = select.getColumn(5).getInt();
      key.filters = KeyFiltersFromJson(select.getColumn(6).getString());
      key.search_only = select.getColumn(7).getInt() != 0;
      key.origins = KeyStringsFromJson(select.getColumn(8).getString());
      key.expires_at = select.getColumn(9).getString();
      set.keys.push_back(std::move(key));
    }
    select.reset();
    snapshot.commit();
    return set;
  } catch (const SQLite::Exception& e) {
    return StoreError(e);
  }
}

Result<std::vector<OutboxEntry>> ProfileStore::PendingOutbox(int limit, int64_t after_seq) const {
  std::lock_guard<std::mutex> lock(impl_->reader_mutex_);
  try {
    SQLite::Statement select(
        *impl_->reader_, "SELECT seq, profile_id FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?");
    select.bind(1, after_seq);
    select.bind(2, limit);
    std::vector<OutboxEntry> entries;
    while (select.executeStep()) {
      entries.push_back(
          OutboxEntry{select.getColumn(0).getInt64(), select.getColumn(1).getString()});
    }
    return entries;
  } catch (const SQLite::Exception& e) {
    return StoreError(e);
  }
}

Result<OutboxSummary> ProfileStore::SummariseOutbox() const {
  std::lock_guard<std::mutex> lock(impl_->reader_mutex_);
  try {
    SQLite::Statement select(*impl_->reader_, "SELECT count(*), coalesce(max(seq), 0) FROM outbox");
    select.executeStep();
    return OutboxSummary{select.getColumn(0).getInt64(), select.getColumn(1).getInt64()};
  } catch (const SQLite::Exception& e) {
    return StoreError(e);
  }
}

Status ProfileStore::AckOutbox(int64_t up_to_seq) {
  // Shares a group with the editors' writes: the ack costs no fsync of its own.
  return impl_->committer_.Run([&]() -> Result<WriteEffect> {
    SQLite::Statement remove(*impl_->db_, "DELETE FROM outbox WHERE seq <= ?");
    remove.bind(1, up_to_seq);
    remove.exec();
    return WriteEffect::kKeep;
  });
}

WriteStats ProfileStore::write_stats() const {
  const GroupCommitStats stats = impl_->committer_.stats();
  return WriteStats{stats.transactions, stats.works, stats.queued, stats.in_flight};
}

}  // namespace rapport
