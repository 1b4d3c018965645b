// The shipped web/deploy/nginx-replicas.conf in front of a primary and two
// replicas fed by the real xapian-replicate, all on loopback: reads go to the
// replicas, logins, edits and editors' reads to the primary, a partner key's
// requests to one replica (a hash of the key) that checks it from its index; an
// edit made through nginx becomes searchable on both replicas; a replica
// killed with SIGKILL while a client searches through nginx costs no request,
// restarts and catches up; a rebuild on the primary reaches both replicas
// while that client sees only 200s.
#include <doctest/doctest.h>

#include <atomic>
#include <memory>
#include <thread>

#include "nginx_process.h"
#include "replication_processes.h"
#include "web_test_util.h"

namespace rapport::testing {
namespace {

constexpr auto kCopyLimit = std::chrono::seconds(30);
constexpr auto kFollowLimit = std::chrono::seconds(15);
constexpr auto kDownTime = std::chrono::seconds(1);
constexpr const char* kSearchLogLine = "route=/api/v1/search status=200";

// A replica: its data folder, xapian-replicate and rapport-server --replica.
struct Replica {
  Replica(const Primary& primary, int replication_port)
      : client(replication_port, data.path()),
        server(std::make_unique<ServerProcess>(data.path(), ReplicaArgs(primary.port()))) {}
  TempDir data;
  ReplicateClient client;
  std::unique_ptr<ServerProcess> server;
};

// A primary, two replicas that serve its index, and nginx in front.
struct Cluster {
  Cluster() : replication(primary.data.path) {
    for (int i = 0; i < 2; ++i) {
      replicas.push_back(std::make_unique<Replica>(primary, replication.port()));
    }
    for (const auto& replica : replicas) {
      REQUIRE(WaitUntil([&] { return ServesPrimaryIndex(replica->server->port(), primary.port()); },
                        kCopyLimit));
    }
    NginxOptions options;
    options.primary_port = primary.port();
    options.upstream_ports = {replicas[0]->server->port(), replicas[1]->server->port()};
    options.upstream_timeout = "1s";
    options.lift_client_limits = true;
    nginx = std::make_unique<NginxProcess>(nginx_dir, options);
  }
  int port() const { return nginx->port(); }

  Primary primary;
  ReplicationServer replication;
  std::vector<std::unique_ptr<Replica>> replicas;
  TempDir nginx_dir;
  std::unique_ptr<NginxProcess> nginx;
};

// A partner key made with rapport-admin on the primary (a rate no test
// reaches), once every replica accepts it (it arrived with the index).
std::string KeyOnReplicas(const Cluster& cluster, const std::string& partner) {
  const std::string key = CreateKey(cluster.primary.data.path,
                                    {"--partner", partner, "--rate", "1000/s", "--burst", "1000"});
  for (const auto& replica : cluster.replicas) {
    REQUIRE(WaitUntil(
        [&] {
          return Get(replica->server->port(), "/api/v1/search?q=anxiety", Bearer(key)).status ==
                 200;
        },
        kFollowLimit));
  }
  return key;
}

size_t Count(const std::string& text, const std::string& line) {
  size_t count = 0;
  for (size_t at = text.find(line); at != std::string::npos; at = text.find(line, at + 1)) ++count;
  return count;
}

std::string NewProfile(const std::string& id, const std::string& name) {
  return R"({"id":")" + id + R"(","name":")" + name +
         R"(","profession":"counselor","modalities":["cbt"],"accepting_new_clients":true})";
}

// A form-encoded POST search with `headers`.
HttpResult Post(int port, const std::string& query, std::map<std::string, std::string> headers) {
  headers["Content-Type"] = "application/x-www-form-urlencoded";
  return Request(port, "POST", "/api/v1/search", headers, query);
}

// Searches through nginx without pause (GET and POST in turn, with
// `headers`) until stopped; counts the answers and every one that is not a 200.
class Searcher {
 public:
  explicit Searcher(int port, std::map<std::string, std::string> headers = {})
      : thread_([this, port, headers = std::move(headers)] {
          for (int i = 0; !stop_; ++i) {
            const std::string query = "q=anxiety&limit=2&offset=" + std::to_string(i % 7);
            const HttpResult answer =
                i % 2 ? Get(port, "/api/v1/search?" + query, headers) : Post(port, query, headers);
            ++answered_;
            if (answer.status != 200) {
              ++failed_;
              MESSAGE("search failed with " << answer.status << ": " << answer.body);
            }
          }
        }) {}
  ~Searcher() { Stop(); }
  void Stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  int answered() const { return answered_; }
  int failed() const { return failed_; }

 private:
  std::atomic<bool> stop_{false};
  std::atomic<int> answered_{0};
  std::atomic<int> failed_{0};
  std::thread thread_;
};

TEST_CASE("nginx-replicas.conf sends reads to the replicas and an edit reaches both of them") {
  Cluster cluster;
  const int nginx = cluster.port();

  for (int i = 0; i < 6; ++i) {
    REQUIRE(Get(nginx, "/api/v1/search?q=anxiety&offset=" + std::to_string(i)).status == 200);
  }
  const size_t on_replicas = Count(cluster.replicas[0]->server->Log(), kSearchLogLine) +
                             Count(cluster.replicas[1]->server->Log(), kSearchLogLine);
  CHECK(on_replicas >= 6);
  CHECK(Count(cluster.primary.server->Log(), kSearchLogLine) == 0);

  // A login and an edit through nginx reach the primary.
  const Session session = Login(nginx, kEditorEmail);
  const auto made = std::chrono::steady_clock::now();
  REQUIRE(EditorRequest(nginx, session, "POST", "/api/v1/therapists",
                        NewProfile("t-through-nginx", "Quokkaline Edited"))
              .status == 201);
  for (const auto& replica : cluster.replicas) {
    CHECK(WaitSearchable(replica->server->port(), "quokkaline", "t-through-nginx", true,
                         kFollowLimit) < kFollowLimit);
    MESSAGE("edit searchable on a replica after "
            << std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now() - made)
                   .count()
            << " ms");
  }

  // An editor's own reads go to the primary.
  const size_t primary_searches = Count(cluster.primary.server->Log(), kSearchLogLine);
  CHECK(EditorRequest(nginx, session, "GET", "/api/v1/search?q=quokkaline").status == 200);
  CHECK(Count(cluster.primary.server->Log(), kSearchLogLine) == primary_searches + 1);
  CHECK(Get(nginx, "/editor").status == 200);

  // A partner key made on the primary reaches both replicas in the index;
  // its searches through nginx are answered by the replicas, all by the one
  // its hash picks while both are up.
  const std::string key = KeyOnReplicas(cluster, "nginx-partner");
  const std::string keyed_line = "key=nginx-partner";
  const size_t primary_keyed = Count(cluster.primary.server->Log(), keyed_line);
  std::vector<size_t> replica_keyed;
  for (const auto& replica : cluster.replicas) {
    replica_keyed.push_back(Count(replica->server->Log(), keyed_line));
  }
  constexpr int kKeyedSearches = 8;
  for (int i = 0; i < kKeyedSearches; ++i) {
    const HttpResult keyed =
        Get(nginx, "/api/v1/search?q=anxiety&offset=" + std::to_string(i), Bearer(key));
    CHECK(keyed.status == 200);
    CHECK_FALSE(keyed.Header("ratelimit-limit").empty());
  }
  std::vector<size_t> answered;
  for (size_t i = 0; i < cluster.replicas.size(); ++i) {
    answered.push_back(Count(cluster.replicas[i]->server->Log(), keyed_line) - replica_keyed[i]);
  }
  CAPTURE(answered[0]);
  CAPTURE(answered[1]);
  CHECK(answered[0] + answered[1] == kKeyedSearches);
  CHECK((answered[0] == 0 || answered[1] == 0));
  CHECK(Count(cluster.primary.server->Log(), keyed_line) == primary_keyed);
}

TEST_CASE("a replica killed under searches through nginx costs none, and a rebuild reaches both") {
  Cluster cluster;
  // A partner's searches too: whichever replica its key hashes to, nginx
  // moves them to the other one while that one is down.
  const std::string key = KeyOnReplicas(cluster, "kill-partner");
  Searcher searcher(cluster.port());
  Searcher partner(cluster.port(), Bearer(key));
  Replica& victim = *cluster.replicas[0];
  const int victim_port = victim.server->port();

  // SIGKILL of a replica's server; an edit on the primary while it is down.
  victim.server->Kill();
  const Session session = Login(cluster.primary.port(), kEditorEmail);
  REQUIRE(EditorRequest(cluster.primary.port(), session, "POST", "/api/v1/therapists",
                        NewProfile("t-while-down", "Dugongia Missed"))
              .status == 201);
  std::this_thread::sleep_for(kDownTime);
  victim.server = std::make_unique<ServerProcess>(victim.data.path(),
                                                  ReplicaArgs(cluster.primary.port()), victim_port);
  CHECK(WaitSearchable(victim_port, "dugongia", "t-while-down", true, kFollowLimit) < kFollowLimit);
  CHECK(WaitUntil([&] { return ServesPrimaryIndex(victim_port, cluster.primary.port()); },
                  kFollowLimit));

  // A rebuild: a new database on the primary, a full copy on each replica.
  const std::string uuid_before = TextOf(ReadyzOf(cluster.primary.port()).json, "index_uuid");
  const CommandOutput rebuilt = RebuildIndex(cluster.primary.data.path);
  REQUIRE_MESSAGE(rebuilt.exit_code == 0, rebuilt.err);
  for (const auto& replica : cluster.replicas) {
    CHECK(WaitUntil(
        [&] {
          return TextOf(ReadyzOf(replica->server->port()).json, "index_uuid") != uuid_before &&
                 ServesPrimaryIndex(replica->server->port(), cluster.primary.port());
        },
        kCopyLimit));
  }
  CHECK(Get(cluster.port(), "/api/v1/search?q=dugongia").status == 200);
  searcher.Stop();
  partner.Stop();
  CHECK(searcher.answered() > 0);
  CHECK(searcher.failed() == 0);
  CHECK(partner.answered() > 0);
  CHECK(partner.failed() == 0);
  MESSAGE(searcher.answered() << " searches and " << partner.answered()
                              << " keyed searches through nginx");
}

}  // namespace
}  // namespace rapport::testing
