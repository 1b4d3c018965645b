// Partner keys published into the index (published_keys.h): the writer
// copies the store's active keys into index metadata when the store's keys
// version changes (with no outbox row pending too), removes a revoked key's
// entry, never copies a secret, and commits nothing when nothing changed.
#include "published_keys.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include <doctest/doctest.h>

#include "index_layout.h"
#include "index_stub.h"
#include "index_test_support.h"
#include "index_writer.h"

namespace rapport {
namespace {

using testing::IndexFixtureProfile;
using testing::IndexTestEnv;
using testing::ShippedCompacts;
using testing::ShippedVocabulary;

// A key row as `keys create` writes it (hash 0x0102…20), straight into the store.
void InsertKey(const IndexTestEnv& env, const std::string& prefix, const std::string& extra_sql) {
  SQLite::Database db(env.data_dir.StorePath(), SQLite::OPEN_READWRITE);
  db.exec(
      "INSERT INTO api_keys (partner, key_prefix, key_hash, rate_per_second, burst, "
      "filters_json, created_at, search_only, origins_json, expires_at) VALUES ('clinic', '" +
      prefix +
      "', x'0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20', 2.5, 7, "
      "'{\"state\":[\"CA\"]}', '2026-01-01T00:00:00Z', " +
      extra_sql + ")");
}

Xapian::Database LiveIndex(const IndexTestEnv& env) {
  return Xapian::Database(env.data_dir.IndexPath());
}

TEST_CASE("the writer publishes the store's active keys into the index and follows revocation") {
  IndexTestEnv env;
  env.Put(IndexFixtureProfile("t-maria"));
  IndexWriter writer(env.data_dir, ShippedVocabulary(), ShippedCompacts());
  REQUIRE(writer.ApplyPending(*env.store, 100).value() == 1);
  CHECK(ReadPublishedKeys(LiveIndex(env)).empty());

  InsertKey(env, "aaaaaaaaaaaa", "1, '[\"https://clinic.example\"]', '2027-06-30T23:59:59Z'");
  InsertKey(env, "bbbbbbbbbbbb", "0, '[]', NULL");
  const Xapian::rev before = LiveIndex(env).get_revision();
  REQUIRE(writer.ApplyPending(*env.store, 100).value() == 0);  // no row, but the keys changed
  Xapian::Database db = LiveIndex(env);
  CHECK(db.get_revision() == before + 1);
  std::vector<PublishedKey> keys = ReadPublishedKeys(db);
  REQUIRE(keys.size() == 2);
  CHECK(keys[0].prefix == "aaaaaaaaaaaa");
  CHECK(keys[0].partner == "clinic");
  CHECK(keys[0].hash_hex == "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20");
  CHECK(keys[0].rate_per_second == 2.5);
  CHECK(keys[0].burst == 7);
  CHECK(keys[0].filters == KeyFilters{{"state", {"CA"}}});
  CHECK(keys[0].search_only);
  CHECK(keys[0].origins == std::vector<std::string>{"https://clinic.example"});
  CHECK(keys[0].expires_at == "2027-06-30T23:59:59Z");
  CHECK_FALSE(keys[1].search_only);
  CHECK(keys[1].expires_at.empty());
  CHECK(PublishedKeysVersion(db) == env.store->KeysVersion().value());

  // Nothing changed: no commit.
  REQUIRE(writer.ApplyPending(*env.store, 100).value() == 0);
  CHECK(LiveIndex(env).get_revision() == before + 1);

  // Revoked: its entry goes, with the next profile edit's commit.
  {
    SQLite::Database store(env.data_dir.StorePath(), SQLite::OPEN_READWRITE);
    store.exec(
        "UPDATE api_keys SET revoked_at = '2026-02-01T00:00:00Z' "
        "WHERE key_prefix = 'aaaaaaaaaaaa'");
  }
  env.Put(IndexFixtureProfile("t-james"));
  REQUIRE(writer.ApplyPending(*env.store, 100).value() == 1);
  db = LiveIndex(env);
  CHECK(db.get_revision() == before + 2);
  keys = ReadPublishedKeys(db);
  REQUIRE(keys.size() == 1);
  CHECK(keys[0].prefix == "bbbbbbbbbbbb");
  CHECK(db.get_metadata(std::string(layout::kMetaApiKeyPrefix) + "aaaaaaaaaaaa").empty());
  CHECK(env.IndexedVersion("t-james") == "1");
}

TEST_CASE("an index entry of another format or that does not parse is left out") {
  IndexTestEnv env;
  env.Put(IndexFixtureProfile("t-maria"));
  IndexWriter writer(env.data_dir, ShippedVocabulary(), ShippedCompacts());
  REQUIRE(writer.ApplyPending(*env.store, 100).value() == 1);
  {
    Xapian::WritableDatabase db(IndexFolderPath(env.data_dir, ReadIndexStub(env.data_dir).value()),
                                Xapian::DB_OPEN);
    const std::string prefix(layout::kMetaApiKeyPrefix);
    db.set_metadata(prefix + "cccccccccccc", R"({"format":2,"id":1})");
    db.set_metadata(prefix + "dddddddddddd", "{not json");
    db.set_metadata(prefix + "eeeeeeeeeeee", R"({"format":1,"id":"x"})");
    db.commit();
  }
  CHECK(ReadPublishedKeys(LiveIndex(env)).empty());
}

}  // namespace
}  // namespace rapport
