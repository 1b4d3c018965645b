// Crash safety: the real server takes edits and is killed with SIGKILL at
// random moments (seeded, a bounded number of times), then restarted. Every
// acknowledged edit must be in the store, the index must catch up on
// restart, and `rapport-index check` must find store and index in agreement.
#include <signal.h>

#include <atomic>
#include <map>
#include <memory>
#include <random>
#include <thread>

#include <doctest/doctest.h>

#include "editor_test_support.h"
#include "profile_store.h"

namespace rapport {
namespace {

using namespace rapport::testing;

constexpr unsigned kSeed = 20261125;
constexpr int kKills = 4;
constexpr int kMaxDelayBeforeKillMs = 400;

struct Acknowledged {
  int64_t version = 0;
  std::string name;
};

// Sends edits round-robin over `ids` until a request gets no answer (the
// server died). Records every 200 in `acked`.
void EditUntilDead(int port, const Session& session, const std::vector<std::string>& ids,
                   int* counter, std::vector<std::pair<std::string, Acknowledged>>* acked) {
  std::map<std::string, HttpResult> current;
  while (true) {
    const std::string& id = ids[static_cast<size_t>(*counter) % ids.size()];
    auto it = current.find(id);
    if (it == current.end()) {
      HttpResult read = EditorRequest(port, session, "GET", "/api/v1/editor/therapists/" + id);
      if (read.status != 200) return;
      it = current.emplace(id, read).first;
    }
    const std::string name = "Crashtest Edit" + std::to_string(*counter);
    HttpResult put =
        EditorRequest(port, session, "PUT", "/api/v1/therapists/" + id,
                      Renamed(it->second.body, name), {{"If-Match", it->second.Header("etag")}});
    ++*counter;
    if (put.status != 200) return;
    acked->push_back({id, {std::stoll(put.Header("etag").substr(1)), name}});
    it->second = put;
  }
}

}  // namespace

TEST_CASE("SIGKILL at random moments loses no acknowledged edit, the index catches up") {
  EditorDataDir data(10);
  const std::vector<std::string> ids(data.ids.begin(), data.ids.begin() + 5);
  std::mt19937 random(kSeed);
  std::uniform_int_distribution<int> delay_ms(0, kMaxDelayBeforeKillMs);
  std::vector<std::pair<std::string, Acknowledged>> acked;
  int counter = 0;

  for (int kill = 0; kill < kKills; ++kill) {
    ServerProcess server(data.path);
    const Session session = Login(server.port(), kEditorEmail);
    std::thread writer([&] { EditUntilDead(server.port(), session, ids, &counter, &acked); });
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(random)));
    REQUIRE(::kill(server.pid(), SIGKILL) == 0);
    writer.join();
  }
  INFO("acknowledged edits: " << acked.size());
  CHECK(acked.size() > 0);

  // Restart: the updater catches up before the server answers.
  {
    ServerProcess server(data.path);
    for (const auto& id : ids) {
      HttpResult indexed = Get(server.port(), "/api/v1/therapists/" + id);
      auto store = ProfileStore::Open(data.path + "/rapport.sqlite");
      REQUIRE(store);
      auto stored = store.value()->Get(id);
      REQUIRE(stored);
      // The public profile comes from the index: it is at the store's version.
      CHECK(indexed.Header("etag") == "\"" + std::to_string(stored.value().version) + "\"");
    }
    CHECK(server.Terminate() == 0);
  }

  auto store = ProfileStore::Open(data.path + "/rapport.sqlite");
  REQUIRE(store);
  for (const auto& [id, edit] : acked) {
    auto history = store.value()->History(id);
    REQUIRE(history);
    bool found = false;
    for (const Revision& revision : history.value()) {
      if (revision.version == edit.version) {
        found = revision.json.find("\"name\":\"" + edit.name + "\"") != std::string::npos;
      }
    }
    CHECK_MESSAGE(found, id << " version " << edit.version << " " << edit.name);
  }
  CommandOutput check =
      RunCommand({CommandPath("rapport-index"), "--data-dir", data.path, "check"});
  CHECK_MESSAGE(check.exit_code == 0, check.out << check.err);
}

}  // namespace rapport
