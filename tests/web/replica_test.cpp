// Replica mode (docs/scaling.md): a rapport-server --replica fed by the real
// xapian-replicate from a real primary on loopback waits for its first copy,
// then answers every public read from the replicated index alone, refuses
// editor routes and partner keys naming the primary, follows an edit by
// changesets and a rebuild by a full copy (ready and answering throughout),
// and reports its lag: unready past --max-replica-lag-s while the primary is
// reachable, ready when the primary is down. The first case pulls through
// the replication gate (`rapport-index replication-gate`).
#include <doctest/doctest.h>

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

  // Editor routes, the editor page and partner keys need the primary's store.
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
  CheckError(Get(replica.port(), "/api/v1/search?q=anxiety",
                 {{"Authorization", "Bearer rk_0123456789abcdef_secret"}}),
             503, "read_only_replica");

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
