// Replica mode (docs/scaling.md): a rapport-server --replica fed by the real
// xapian-replicate from a real primary on loopback waits for its first copy,
// then answers every public read from the replicated index alone, refuses
// editor routes naming the primary, checks partner keys from the keys the
// primary publishes in its index (a revoked key is refused once the revision
// that revoked it has arrived), follows an edit by
// changesets and a rebuild by a full copy (ready and answering throughout),
// and reports its lag: unready past --max-replica-lag-s while the primary is
// reachable, ready when the primary is down. The first case pulls through
// the replication gate (`rapport-index replication-gate`).
#include <doctest/doctest.h>

#include <unistd.h>
#include <xapian.h>

#include <chrono>
#include <optional>

#include "editor_test_support.h"
#include "replication_processes.h"
#include "web_test_util.h"

namespace rapport::testing {
namespace {

constexpr auto kFirstCopyLimit = std::chrono::seconds(30);
constexpr auto kFollowLimit = std::chrono::seconds(15);
constexpr const char* kNewProfile =
    R"({"id":"t-replicated","name":"Wombatina Replica","profession":"counselor",)"
    R"("modalities":["cbt"],"accepting_new_clients":true})";

long SearchTotal(int port, const std::string& query) {
  const HttpResult answer = Get(port, "/api/v1/search?" + query);
  REQUIRE_MESSAGE(answer.status == 200, answer.body);
  return Json(answer.body)["total"].GetInt64();
}

TEST_CASE(
    "a replica waits for its first copy, serves reads, refuses edits and follows the primary") {
  Primary primary;
  TempDir replica_data;
  ServerProcess replica(replica_data.path(), ReplicaArgs(primary.port()));
  const std::string primary_url = primary.url();

  // Nothing replicated yet: not ready, and saying why (not "run rebuild").
  const HttpResult waiting = Get(replica.port(), "/readyz");
  CheckError(waiting, 503, "not_ready");
  CHECK(waiting.body.find("waiting for the first copy from the primary") != std::string::npos);

  // Editor routes and the editor page need the primary's store.
  for (const auto& [method, target] : std::vector<std::pair<std::string, std::string>>{
           {"POST", "/api/v1/session"},
           {"GET", "/api/v1/session"},
           {"GET", "/editor"},
           {"PUT", "/api/v1/therapists/" + primary.data.ids.front()},
           {"GET", "/api/v1/editor/stale"}}) {
    const HttpResult refused = Request(replica.port(), method, target);
    CAPTURE(target);
    CheckError(refused, 503, "read_only_replica");
    CHECK(refused.body.find(primary_url) != std::string::npos);
  }

  // Through the replication gate, as in production (docs/scaling.md).
  ReplicationServer replication(primary.data.path);
  ReplicationGateProcess gate(primary.data.path, replication.port());
  ReplicateClient client(gate.port(), replica_data.path());
  REQUIRE(WaitUntil([&] { return ServesPrimaryIndex(replica.port(), primary.port()); },
                    kFirstCopyLimit));

  // Every public read, answered like the primary's.
  for (const std::string query : {"q=anxiety", "q=&facets=specialty", "q=therapy&limit=3"}) {
    CAPTURE(query);
    CHECK(SearchTotal(replica.port(), query) == SearchTotal(primary.port(), query));
  }
  const std::string profile = "/api/v1/therapists/" + primary.data.ids.front();
  CHECK(Get(replica.port(), profile).body == Get(primary.port(), profile).body);
  for (const std::string target : {"/api/v1/vocab", "/api/v1/suggest?q=an", "/openapi.json", "/",
                                   "/api/v1/directory", "/healthz"}) {
    CAPTURE(target);
    CHECK(Get(replica.port(), target).status == 200);
  }
  CHECK(WaitUntil([&] { return Metric(replica.port(), "rapport_replica_primary_up") == 1; },
                  kFollowLimit));
  CHECK(Metric(replica.port(), "rapport_replica_same_index") == 1);

  // An edit on the primary arrives by changeset, not by a (spurious) full copy.
  const long copies_before_edit = Metric(replica.port(), "rapport_index_full_copies_total");
  CHECK(copies_before_edit >= 0);
  const Session session = Login(primary.port(), kEditorEmail);
  REQUIRE(
      EditorRequest(primary.port(), session, "POST", "/api/v1/therapists", kNewProfile).status ==
      201);
  CHECK(WaitSearchable(replica.port(), "wombatina", "t-replicated", true, kFollowLimit) <
        kFollowLimit);
  CHECK(Metric(replica.port(), "rapport_index_full_copies_total") == copies_before_edit);

  // A rebuild on the primary (a new database) arrives as a full copy; the
  // replica answers and stays ready throughout.
  const std::string uuid_before = TextOf(ReadyzOf(replica.port()).json, "index_uuid");
  const CommandOutput rebuilt =
      RunCommand({CommandPath("rapport-index"), "--data-dir", primary.data.path, "--data-files",
                  SourcePath("data"), "rebuild"});
  REQUIRE_MESSAGE(rebuilt.exit_code == 0, rebuilt.err);
  int failed = 0;
  const bool switched = WaitUntil(
      [&] {
        if (ReadyzOf(replica.port()).status != 200) ++failed;
        if (Get(replica.port(), "/api/v1/search?q=wombatina").status != 200) ++failed;
        const std::string uuid = TextOf(ReadyzOf(replica.port()).json, "index_uuid");
        return uuid != uuid_before && ServesPrimaryIndex(replica.port(), primary.port());
      },
      kFirstCopyLimit);
  CHECK(switched);
  CHECK(failed == 0);
  CHECK(Metric(replica.port(), "rapport_index_full_copies_total") == copies_before_edit + 1);
  CHECK(SearchTotal(replica.port(), "q=wombatina") == 1);
  CHECK(SearchTotal(replica.port(), "q=&facets=specialty") ==
        SearchTotal(primary.port(), "q=&facets=specialty"));
  // Every conversation went through the gate, and no commit had to go ahead
  // without the lock (the server logs that; the gate logs each conversation).
  CHECK(gate.log().find("bytes to the replica") != std::string::npos);
  CHECK(gate.log().find("refused") == std::string::npos);
}

// The total of a search for `query` on `port` with `headers`.
long KeyedTotal(int port, const std::string& query,
                const std::map<std::string, std::string>& headers) {
  const HttpResult answer = Get(port, "/api/v1/search?" + query, headers);
  REQUIRE_MESSAGE(answer.status == 200, answer.body);
  return Json(answer.body)["total"].GetInt64();
}

// The index revision the server on `port` reports in /readyz.
uint64_t RevisionOf(int port) { return NumberOf(ReadyzOf(port).json, "index_revision"); }

TEST_CASE("partner keys made and revoked on the primary reach a replica with the index") {
  Primary primary;
  TempDir replica_data;
  ServerProcess replica(replica_data.path(), ReplicaArgs(primary.port()));
  ReplicationServer replication(primary.data.path);
  ReplicateClient client(replication.port(), replica_data.path());
  REQUIRE(WaitUntil([&] { return ServesPrimaryIndex(replica.port(), primary.port()); },
                    kFirstCopyLimit));
  const std::string unknown = "rk_0123456789ab_" + std::string(64, '0');
  CheckError(Get(replica.port(), "/api/v1/search?q=anxiety", Bearer(unknown)), 401,
             "invalid_api_key");

  // Keys made with rapport-admin on the primary while its server runs.
  const std::string server_key = CreateKey(
      primary.data.path,
      {"--partner", "replica-partner", "--rate", "50/s", "--burst", "60", "--filter", "state=CA"});
  const std::string browser_key = CreateKey(
      primary.data.path,
      {"--partner", "replica-page", "--search-only", "--origin", "https://clinic.example"});
  std::map<std::string, std::string> from_page = Bearer(browser_key);
  from_page["Origin"] = "https://clinic.example";
  CHECK(WaitUntil(
      [&] {
        return Get(replica.port(), "/api/v1/search?q=anxiety", Bearer(server_key)).status == 200 &&
               Get(replica.port(), "/api/v1/search?q=anxiety", from_page).status == 200;
      },
      kFollowLimit));
  const HttpResult keyed = Get(replica.port(), "/api/v1/search?q=", Bearer(server_key));
  REQUIRE(keyed.status == 200);
  CHECK(keyed.Header("ratelimit-limit") == "60");
  CHECK_FALSE(keyed.Header("ratelimit-remaining").empty());
  // The key's fixed filter holds on the replica as on the primary.
  const long replica_total = KeyedTotal(replica.port(), "q=", Bearer(server_key));
  CHECK(replica_total == KeyedTotal(primary.port(), "q=", Bearer(server_key)));
  CHECK(replica_total < KeyedTotal(replica.port(), "q=", {}));
  CHECK(Metric(replica.port(), "rapport_requests_total{key=\"replica-partner\"}") >= 1);
  // A browser-safe key keeps its origin and route rules.
  CheckError(Get(replica.port(), "/api/v1/search?q=anxiety", Bearer(browser_key)), 403, "forbidden",
             "Origin");
  from_page["Origin"] = "https://elsewhere.example";
  CheckError(Get(replica.port(), "/api/v1/search?q=anxiety", from_page), 403, "forbidden",
             "Origin");

  // Revoked on the primary: refused there at once, and on the replica as
  // soon as it serves the revision the primary committed after the revoke.
  const uint64_t before_revoke = RevisionOf(primary.port());
  const std::string prefix = server_key.substr(3, 12);
  const CommandOutput revoked = Admin(primary.data.path, {"keys", "revoke", prefix});
  REQUIRE_MESSAGE(revoked.exit_code == 0, revoked.err);
  const auto revoked_at = std::chrono::steady_clock::now();
  CheckError(Get(primary.port(), "/api/v1/search?q=anxiety", Bearer(server_key)), 401,
             "invalid_api_key");
  REQUIRE(WaitUntil([&] { return RevisionOf(primary.port()) > before_revoke; }, kFollowLimit));
  REQUIRE(
      WaitUntil([&] { return ServesPrimaryIndex(replica.port(), primary.port()); }, kFollowLimit));
  CheckError(Get(replica.port(), "/api/v1/search?q=anxiety", Bearer(server_key)), 401,
             "invalid_api_key");
  MESSAGE("revocation reached the replica within "
          << std::chrono::duration_cast<std::chrono::milliseconds>(
                 std::chrono::steady_clock::now() - revoked_at)
                 .count()
          << " ms");
  CHECK(Get(replica.port(), "/api/v1/search?q=anxiety", Bearer(browser_key)).status == 403);
  // The replica's index holds the hash of a key's secret, never the secret.
  const std::string secret = browser_key.substr(browser_key.rfind('_') + 1);
  const Xapian::Database copy(replica_data.File("index/XAPIANDB"));
  int key_entries = 0;
  for (auto it = copy.metadata_keys_begin(); it != copy.metadata_keys_end(); ++it) {
    const std::string value = copy.get_metadata(*it);
    CHECK(value.find(secret) == std::string::npos);
    if ((*it).rfind("rapport:api_key:", 0) == 0) ++key_entries;
  }
  CHECK(key_entries == 1);  // the browser key; the revoked one is gone
}

// The value of the unlabelled metric `name` on `port` as a number (-1 when missing).
double MetricNumber(int port, const std::string& name) {
  const std::string text = Get(port, "/metrics").body;
  const size_t at = text.find("\n" + name + " ");
  return at == std::string::npos ? -1 : std::stod(text.substr(at + name.size() + 2));
}

TEST_CASE("the primary's metrics count commits that waited for the replication gate's lock") {
  constexpr int kWaitMs = 300;
  ScopedEnv bound(std::map<std::string, std::string>{
      {"RAPPORT_INDEX_COMMIT_LOCK_WAIT_MS", std::to_string(kWaitMs)}});
  Primary primary;
  CHECK(Metric(primary.port(), "rapport_index_commit_lock_waits_total") == 0);
  CHECK(Metric(primary.port(), "rapport_index_commit_lock_timeouts_total") == 0);
  ReplicationServer replication(primary.data.path);
  ReplicationGateProcess gate(primary.data.path, replication.port());
  // A replica's conversation in progress: the gate holds the lock shared.
  const int conversation = ConnectLoopback(gate.port());
  REQUIRE(conversation >= 0);
  REQUIRE(WaitUntil([&] { return CommitLockTaken(primary.data.path); }, kFollowLimit));
  const Session session = Login(primary.port(), kEditorEmail);
  REQUIRE(
      EditorRequest(primary.port(), session, "POST", "/api/v1/therapists", kNewProfile).status ==
      201);
  CHECK(WaitSearchable(primary.port(), "wombatina", "t-replicated", true, kFollowLimit) <
        kFollowLimit);
  CHECK(WaitUntil(
      [&] { return Metric(primary.port(), "rapport_index_commit_lock_timeouts_total") >= 1; },
      kFollowLimit));
  CHECK(Metric(primary.port(), "rapport_index_commit_lock_waits_total") >= 1);
  CHECK(MetricNumber(primary.port(), "rapport_index_commit_lock_wait_seconds_total") >=
        kWaitMs / 1000.0);
  ::close(conversation);
}

TEST_CASE("a replica behind a reachable primary goes unready past its bound, not when it is down") {
  Primary primary;
  TempDir replica_data;
  ServerProcess replica(
      replica_data.path(),
      ReplicaArgs(primary.port(), {"--max-replica-lag-s", "1", "--primary-poll-ms", "200"}));
  ReplicationServer replication(primary.data.path);
  std::optional<ReplicateClient> client;
  client.emplace(replication.port(), replica_data.path());
  REQUIRE(WaitUntil([&] { return ServesPrimaryIndex(replica.port(), primary.port()); },
                    kFirstCopyLimit));
  CHECK(WaitUntil([&] { return Metric(replica.port(), "rapport_replica_primary_up") == 1; },
                  kFollowLimit));
  const Readiness caught_up = ReadyzOf(replica.port());
  CHECK(caught_up.json["replica"]["primary_up"].GetBool());
  CHECK(NumberOf(caught_up.json["replica"], "lag_revisions") == 0);

  // Replication stops; the primary commits an edit the replica never gets.
  client.reset();
  const Session session = Login(primary.port(), kEditorEmail);
  REQUIRE(
      EditorRequest(primary.port(), session, "POST", "/api/v1/therapists", kNewProfile).status ==
      201);
  REQUIRE(WaitSearchable(primary.port(), "wombatina", "t-replicated") < kFollowLimit);
  CHECK(WaitUntil([&] { return ReadyzOf(replica.port()).status == 503; }, kFollowLimit));
  CheckError(Get(replica.port(), "/readyz"), 503, "replica_lagging");
  CHECK(Metric(replica.port(), "rapport_replica_lag_revisions") >= 1);
  CHECK(Metric(replica.port(), "rapport_replica_lag_seconds") >= 1);
  CHECK(Get(replica.port(), "/api/v1/search?q=anxiety").status == 200);  // still answers

  // The primary goes away: the replica cannot be behind commits nobody can
  // make, so it is ready again and says the primary is down.
  const int primary_port = primary.port();
  primary.server->Terminate();
  CHECK(WaitUntil([&] { return ReadyzOf(replica.port()).status == 200; }, kFollowLimit));
  CHECK(Metric(replica.port(), "rapport_replica_primary_up") == 0);

  // Primary and replication back: the replica catches up and the lag ends.
  primary.Restart();
  CHECK(primary.port() == primary_port);
  client.emplace(replication.port(), replica_data.path());
  CHECK(WaitUntil([&] { return ServesPrimaryIndex(replica.port(), primary.port()); },
                  kFirstCopyLimit));
  CHECK(WaitUntil([&] { return Metric(replica.port(), "rapport_replica_lag_revisions") == 0; },
                  kFollowLimit));
  CHECK_MESSAGE(WaitUntil([&] { return Metric(replica.port(), "rapport_replica_primary_up") == 1; },
                          kFollowLimit),
                replica.Log());
  CHECK(SearchTotal(replica.port(), "q=wombatina") == 1);
}

}  // namespace
}  // namespace rapport::testing
