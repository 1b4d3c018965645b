// ProfileStore and the schema migrations on real SQLite files: versions,
// revisions, the outbox, conflicts, unpublish/restore and atomic batches.
#include <doctest/doctest.h>

#include <set>
#include <thread>

#include <SQLiteCpp/Database.h>

#include "profile_json.h"
#include "profile_store.h"
#include "store_schema.h"
#include "store_test_support.h"
#include "test_support.h"
#include "utc_time.h"
#include "validation_checks.h"

namespace rapport {
namespace {

using testing::MakeProfile;
using testing::OpenStore;
using testing::TempDir;

std::set<std::string> Tables(SQLite::Database& db) {
  std::set<std::string> names;
  SQLite::Statement select(db, "SELECT name FROM sqlite_master WHERE type = 'table'");
  while (select.executeStep()) names.insert(select.getColumn(0).getString());
  return names;
}

int64_t Count(const std::string& path, const std::string& table) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  return db.execAndGet("SELECT count(*) FROM " + table).getInt64();
}

TEST_CASE("migrations bring an empty file to the latest schema, once") {
  TempDir dir;
  SQLite::Database db(dir.File("s.sqlite"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  CHECK(SchemaVersion(db).value() == 0);
  REQUIRE(MigrateToLatest(db).ok());
  CHECK(LatestSchemaVersion() == 5);
  CHECK(SchemaVersion(db).value() == 5);
  const auto tables = Tables(db);
  for (const char* table : {"profiles", "revisions", "outbox", "api_keys", "editors", "sessions",
                            "editor_tokens", "api_keys_version"}) {
    CHECK_MESSAGE(tables.count(table) == 1, table);
  }
  REQUIRE(MigrateToLatest(db).ok());
  CHECK(SchemaVersion(db).value() == 5);
}

// Migrates `db` to `version`, stores one key row ("abc" of partner "acme")
// as that schema has it, then migrates to the latest schema.
void MigrateWithOneKey(SQLite::Database& db, int version) {
  REQUIRE(MigrateTo(db, version).ok());
  db.exec(
      "INSERT INTO api_keys (partner, key_prefix, key_hash, rate_per_second, burst, created_at) "
      "VALUES ('acme', 'abc', x'00', 10, 20, '2026-01-01T00:00:00Z')");
  REQUIRE(MigrateToLatest(db).ok());
}

TEST_CASE("the partner keys' version counts changes to keys, not their use") {
  TempDir dir;
  SQLite::Database db(dir.File("s.sqlite"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  MigrateWithOneKey(db, 4);
  const auto version = [&] {
    return db.execAndGet("SELECT version FROM api_keys_version").getInt();
  };
  CHECK(version() == 1);  // a store that had keys publishes them once
  db.exec(
      "INSERT INTO api_keys (partner, key_prefix, key_hash, rate_per_second, burst, created_at) "
      "VALUES ('beta', 'def', x'01', 10, 20, '2026-01-02T00:00:00Z')");
  CHECK(version() == 2);
  db.exec(
      "UPDATE api_keys SET requests = requests + 5, last_used_at = 'now' WHERE key_prefix = 'abc'");
  CHECK(version() == 2);
  db.exec("UPDATE api_keys SET revoked_at = '2026-01-03T00:00:00Z' WHERE key_prefix = 'abc'");
  CHECK(version() == 3);
  db.exec("DELETE FROM api_keys WHERE key_prefix = 'def'");
  CHECK(version() == 4);
}

TEST_CASE("a partner key stored at schema version 2 becomes a server key with no use yet") {
  TempDir dir;
  SQLite::Database db(dir.File("s.sqlite"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  MigrateWithOneKey(db, 2);
  SQLite::Statement row(db,
                        "SELECT search_only, origins_json, expires_at, requests, last_used_at "
                        "FROM api_keys WHERE partner = 'acme'");
  REQUIRE(row.executeStep());
  CHECK(row.getColumn(0).getInt() == 0);
  CHECK(row.getColumn(1).getString() == "[]");
  CHECK(row.getColumn(2).isNull());
  CHECK(row.getColumn(3).getInt64() == 0);
  CHECK(row.getColumn(4).isNull());
}

TEST_CASE("a file left at schema version 1 with data is migrated and keeps its data") {
  TempDir dir;
  const std::string path = dir.File("s.sqlite");
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    REQUIRE(MigrateTo(db, 1).ok());
    CHECK(Tables(db).count("editors") == 0);
    const std::string json = ToCanonicalJson(MakeProfile("old-1", "Old Timer"));
    db.exec("INSERT INTO profiles VALUES ('old-1', 1, 'published', '" + json +
            "', '2026-01-01T00:00:00Z')");
    db.exec(
        "INSERT INTO revisions VALUES ('old-1', 1, 'import', '2026-01-01T00:00:00Z', "
        "'import', '[\"name\"]', '" +
        json + "')");
  }
  auto store = OpenStore(path);
  auto got = store->Get("old-1");
  REQUIRE(got.ok());
  CHECK(got.value().profile.name == "Old Timer");
  CHECK(got.value().version == 1);
  CHECK(store->History("old-1").value().size() == 1);
  SQLite::Database db(path, SQLite::OPEN_READWRITE);
  CHECK(SchemaVersion(db).value() == LatestSchemaVersion());
  db.exec(
      "INSERT INTO editors (email, password_hash, role, created_at) "
      "VALUES ('A@x.org', 'h', 'admin', '2026-01-01T00:00:00Z')");
  CHECK_THROWS_AS(db.exec("INSERT INTO editors (email, password_hash, role, created_at) "
                          "VALUES ('a@X.org', 'h', 'editor', '2026-01-01T00:00:00Z')"),
                  SQLite::Exception);  // e-mail is unique without regard to case
  CHECK_THROWS_AS(db.exec("INSERT INTO editors (email, password_hash, role, created_at) "
                          "VALUES ('b@x.org', 'h', 'boss', '2026-01-01T00:00:00Z')"),
                  SQLite::Exception);
}

TEST_CASE("a file from a newer program is refused") {
  TempDir dir;
  {
    SQLite::Database db(dir.File("s.sqlite"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA user_version = 99");
  }
  auto store = ProfileStore::Open(dir.File("s.sqlite"));
  REQUIRE_FALSE(store.ok());
  CHECK(store.error().message.find("newer than this program") != std::string::npos);
  CHECK_FALSE(ProfileStore::Open(dir.File("missing/dir/s.sqlite")).ok());
}

TEST_CASE("OpenStoreDatabase uses WAL") {
  TempDir dir;
  auto db = OpenStoreDatabase(dir.File("s.sqlite"));
  REQUIRE(db.ok());
  CHECK(db.value()->execAndGet("PRAGMA journal_mode").getString() == "wal");
  CHECK(db.value()->execAndGet("PRAGMA synchronous").getInt() == 2);  // FULL
}

TEST_CASE("upsert: create, unchanged, update, with revisions and outbox rows") {
  TempDir dir;
  auto store = OpenStore(dir.File("s.sqlite"));
  Profile p = MakeProfile("t-1", "Ann Lee");
  p.updated_at = "2026-01-01T00:00:00Z";
  auto created = store->Upsert(p, "editor@x.org");
  REQUIRE(created.ok());
  CHECK(created.value().kind == WriteKind::kCreated);
  CHECK(created.value().stored.version == 1);

  auto again = store->Upsert(p, "editor@x.org");
  REQUIRE(again.ok());
  CHECK(again.value().kind == WriteKind::kUnchanged);
  CHECK(again.value().stored.version == 1);

  p.name = "Ann Lee-Park";
  p.languages = {"en"};
  auto updated = store->Upsert(p, "other@x.org");
  REQUIRE(updated.ok());
  CHECK(updated.value().kind == WriteKind::kUpdated);
  CHECK(updated.value().stored.version == 2);

  auto got = store->Get("t-1");
  REQUIRE(got.ok());
  CHECK(got.value().version == 2);
  CHECK(got.value().status == ProfileStatus::kPublished);
  CHECK(got.value().profile.name == "Ann Lee-Park");
  CHECK(got.value().json == ToCanonicalJson(p));

  auto history = store->History("t-1");
  REQUIRE(history.ok());
  REQUIRE(history.value().size() == 2);
  CHECK(history.value()[0].version == 2);
  CHECK(history.value()[0].actor == "other@x.org");
  CHECK(history.value()[0].action == "update");
  CHECK(history.value()[0].changed_fields == std::vector<std::string>{"name", "languages"});
  CHECK(history.value()[1].action == "create");
  CHECK(history.value()[1].changed_fields ==
        std::vector<std::string>{"id", "name", "profession", "modalities", "updated_at"});
  CHECK(ParseUtcTimestamp(history.value()[0].at).has_value());

  auto outbox = store->PendingOutbox(10);
  REQUIRE(outbox.ok());
  REQUIRE(outbox.value().size() == 2);
  CHECK(outbox.value()[0].profile_id == "t-1");
  CHECK(outbox.value()[0].seq < outbox.value()[1].seq);
  CHECK(store->CountPublished().value() == 1);
  CHECK(store->Get("nobody").error().status == 404);
  CHECK(store->History("nobody").error().status == 404);
}

TEST_CASE("a profile without updated_at is stamped only when its content changes") {
  TempDir dir;
  auto store = OpenStore(dir.File("s.sqlite"));
  const Profile p = MakeProfile("t-1", "Ann Lee");
  REQUIRE(store->Upsert(p, "import").ok());
  const std::string stamp = store->Get("t-1").value().profile.updated_at;
  CHECK(ParseUtcTimestamp(stamp).has_value());
  auto again = store->Upsert(p, "import");
  CHECK(again.value().kind == WriteKind::kUnchanged);
  CHECK(store->Get("t-1").value().profile.updated_at == stamp);
  CHECK(store->History("t-1").value().size() == 1);
}

TEST_CASE("expected versions: 409 when creating an existing id, 412 when stale") {
  TempDir dir;
  auto store = OpenStore(dir.File("s.sqlite"));
  Profile p = MakeProfile("t-1", "Ann Lee");
  REQUIRE(store->Upsert(p, "a", 0).ok());
  auto duplicate = store->Upsert(p, "a", 0);
  REQUIRE_FALSE(duplicate.ok());
  CHECK(duplicate.error().status == 409);
  CHECK(duplicate.error().code == "already_exists");
  p.name = "Changed";
  auto stale = store->Upsert(p, "a", 7);
  REQUIRE_FALSE(stale.ok());
  CHECK(stale.error().status == 412);
  CHECK(stale.error().code == "version_conflict");
  CHECK(store->Get("t-1").value().profile.name == "Ann Lee");
  auto fresh = store->Upsert(p, "a", 1);
  REQUIRE(fresh.ok());
  CHECK(fresh.value().stored.version == 2);
  CHECK(store->Unpublish("t-1", "a", 1).error().status == 412);
  CHECK(store->History("t-1").value().size() == 2);
  CHECK(store->PendingOutbox(10).value().size() == 2);
}

TEST_CASE("unpublish hides a profile, keeps its history, and a later write republishes it") {
  TempDir dir;
  auto store = OpenStore(dir.File("s.sqlite"));
  const Profile a = MakeProfile("a", "Ann"), b = MakeProfile("b", "Bob");
  REQUIRE(store->Upsert(a, "x").ok());
  REQUIRE(store->Upsert(b, "x").ok());
  auto hidden = store->Unpublish("a", "editor");
  REQUIRE(hidden.ok());
  CHECK(hidden.value().stored.version == 2);
  CHECK(store->Get("a").value().status == ProfileStatus::kUnpublished);
  CHECK(store->CountPublished().value() == 1);
  std::vector<std::string> visited;
  REQUIRE(store->ForEachPublished([&](const StoredProfile& s) { visited.push_back(s.profile.id); })
              .ok());
  CHECK(visited == std::vector<std::string>{"b"});
  CHECK(store->Unpublish("a", "editor").value().kind == WriteKind::kUnchanged);
  CHECK(store->Unpublish("zzz", "editor").error().status == 404);
  CHECK(store->History("a").value()[0].action == "unpublish");

  auto back = store->Upsert(a, "editor");
  REQUIRE(back.ok());
  CHECK(back.value().kind == WriteKind::kUpdated);
  CHECK(back.value().stored.version == 3);
  CHECK(store->Get("a").value().status == ProfileStatus::kPublished);
  CHECK(store->PendingOutbox(100).value().size() == 4);
}

TEST_CASE("restore makes an old revision the new current version") {
  TempDir dir;
  auto store = OpenStore(dir.File("s.sqlite"));
  Profile p = MakeProfile("t-1", "First Name");
  p.updated_at = "2026-01-01T00:00:00Z";
  REQUIRE(store->Upsert(p, "a").ok());
  p.name = "Second Name";
  p.updated_at = "2026-02-01T00:00:00Z";
  REQUIRE(store->Upsert(p, "a").ok());
  REQUIRE(store->Unpublish("t-1", "a").ok());

  auto restored = store->Restore("t-1", 1, "admin");
  REQUIRE(restored.ok());
  CHECK(restored.value().stored.version == 4);
  const auto got = store->Get("t-1").value();
  CHECK(got.profile.name == "First Name");
  CHECK(got.status == ProfileStatus::kPublished);
  const Revision latest = store->History("t-1").value()[0];
  CHECK(latest.action == "restore");
  CHECK(latest.actor == "admin");
  CHECK(latest.changed_fields == std::vector<std::string>{"name", "updated_at"});
  CHECK(store->Restore("t-1", 4, "admin").value().kind == WriteKind::kUnchanged);
  CHECK(store->Restore("t-1", 9, "admin").error().status == 404);
  CHECK(store->Restore("nobody", 1, "admin").error().status == 404);
}

TEST_CASE("outbox rows are removed only up to the acknowledged sequence number") {
  TempDir dir;
  auto store = OpenStore(dir.File("s.sqlite"));
  for (const char* id : {"a", "b", "c"}) REQUIRE(store->Upsert(MakeProfile(id, "N"), "x").ok());
  auto pending = store->PendingOutbox(2);
  REQUIRE(pending.value().size() == 2);
  REQUIRE(store->AckOutbox(pending.value()[1].seq).ok());
  auto rest = store->PendingOutbox(10);
  REQUIRE(rest.value().size() == 1);
  CHECK(rest.value()[0].profile_id == "c");
  CHECK(rest.value()[0].seq > pending.value()[1].seq);
}

TEST_CASE("the outbox is summarised, and read after a sequence number, without reading it all") {
  TempDir dir;
  auto store = OpenStore(dir.File("s.sqlite"));
  const OutboxSummary empty = store->SummariseOutbox().value();
  CHECK(empty.pending == 0);
  CHECK(empty.last_seq == 0);
  for (const char* id : {"a", "b", "c", "d"})
    REQUIRE(store->Upsert(MakeProfile(id, "N"), "x").ok());
  const std::vector<OutboxEntry> all = store->PendingOutbox(10).value();
  REQUIRE(all.size() == 4);
  const OutboxSummary four = store->SummariseOutbox().value();
  CHECK(four.pending == 4);
  CHECK(four.last_seq == all[3].seq);

  const std::vector<OutboxEntry> later = store->PendingOutbox(10, all[1].seq).value();
  REQUIRE(later.size() == 2);
  CHECK(later[0].profile_id == "c");
  CHECK(later[1].profile_id == "d");
  CHECK(store->PendingOutbox(1, all[1].seq).value().size() == 1);
  CHECK(store->PendingOutbox(10, all[3].seq).value().empty());

  REQUIRE(store->AckOutbox(all[2].seq).ok());
  const OutboxSummary one = store->SummariseOutbox().value();
  CHECK(one.pending == 1);
  CHECK(one.last_seq == all[3].seq);
  REQUIRE(store->AckOutbox(all[3].seq).ok());
  CHECK(store->SummariseOutbox().value().last_seq == 0);
}

TEST_CASE("upsert batch reports one outcome per profile and is all or nothing") {
  TempDir dir;
  const std::string path = dir.File("s.sqlite");
  auto store = OpenStore(path);
  REQUIRE(store->Upsert(MakeProfile("b", "Bob"), "x").ok());
  auto outcomes = store->UpsertBatch(
      {MakeProfile("a", "Ann"), MakeProfile("b", "Bob"), MakeProfile("c", "Cy")}, "import");
  REQUIRE(outcomes.ok());
  REQUIRE(outcomes.value().size() == 3);
  CHECK(outcomes.value()[0].kind == WriteKind::kCreated);
  CHECK(outcomes.value()[1].kind == WriteKind::kUnchanged);
  CHECK(outcomes.value()[2].kind == WriteKind::kCreated);
  CHECK(store->History("a").value()[0].action == "import");

  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    db.exec(
        "CREATE TRIGGER refuse_boom BEFORE INSERT ON profiles WHEN NEW.id = 'boom' "
        "BEGIN SELECT RAISE(ABORT, 'refused'); END");
  }
  const int64_t revisions_before = Count(path, "revisions");
  auto failed = store->UpsertBatch(
      {MakeProfile("d", "Dee"), MakeProfile("boom", "X"), MakeProfile("e", "Eve")}, "import");
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.error().status == 500);
  CHECK(store->Get("d").error().status == 404);
  CHECK(Count(path, "revisions") == revisions_before);
  CHECK(store->PendingOutbox(100).value().size() == 3);
  // The store is still usable after the rolled-back batch.
  CHECK(store->Upsert(MakeProfile("d", "Dee"), "x").ok());
}

TEST_CASE("writes survive closing and reopening the store") {
  TempDir dir;
  const std::string path = dir.File("s.sqlite");
  REQUIRE(OpenStore(path)->Upsert(MakeProfile("a", "Ann"), "x").ok());
  auto store = OpenStore(path);
  CHECK(store->Get("a").value().profile.name == "Ann");
  CHECK(store->PendingOutbox(10).value().size() == 1);
}

TEST_CASE("concurrent writers from several threads each get distinct versions") {
  TempDir dir;
  auto store = OpenStore(dir.File("s.sqlite"));
  constexpr int kThreads = 4, kWrites = 25;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kWrites; ++i) {
        Profile p = MakeProfile("shared", "Writer " + std::to_string(t) + " " + std::to_string(i));
        CHECK(store->Upsert(p, "thread").ok());
      }
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(store->Get("shared").value().version == kThreads * kWrites);
  CHECK(store->History("shared").value().size() == kThreads * kWrites);
}

}  // namespace
}  // namespace rapport
