// The editor API has workers of its own: when they are all held (here by a
// login waiting on the store's write lock) and its queue is full, editor
// requests get 503 overloaded at once, while searches and health checks go
// on being answered by the other workers. The bodies held by requests not yet
// answered are bounded too (--max-queued-body-bytes).
#include <SQLiteCpp/Database.h>

#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "editor_test_support.h"

namespace rapport::testing {
namespace {

using Clock = std::chrono::steady_clock;

struct HeldLogin {
  HttpResult login;    // the login that held the editor worker
  HttpResult refused;  // an editor request sent meanwhile
  HttpResult search;   // a search sent meanwhile
  HttpResult health;   // a health check sent meanwhile
};

// Logs in while another writer holds the store, so that the login's session
// write waits for it (up to the store's busy timeout) on the only editor
// worker, and sends the other requests meanwhile.
HeldLogin LoginWhileStoreIsHeld(int port, const std::string& store_path) {
  SQLite::Database store(store_path, SQLite::OPEN_READWRITE);
  store.exec("BEGIN IMMEDIATE");
  HeldLogin held;
  std::thread login([&] {
    held.login = Request(port, "POST", "/api/v1/session", {{"Content-Type", "application/json"}},
                         std::string(R"({"email":")") + kEditorEmail + R"(","password":")" +
                             kEditorPassword + R"("})");
  });
  // The metrics request itself is the other one in flight.
  const auto give_up = Clock::now() + std::chrono::seconds(3);
  while (Metric(port, "rapport_in_flight_requests") < 2 && Clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  held.refused = Get(port, "/api/v1/session");
  held.search = Get(port, "/api/v1/search?q=anxiety&limit=1");
  held.health = Get(port, "/healthz");
  store.exec("ROLLBACK");
  login.join();
  return held;
}

TEST_CASE("a full editor queue answers 503 overloaded while searches are still served") {
  EditorDataDir data;
  ServerProcess server(data.path, {"--editor-threads", "1", "--max-in-flight", "1", "--anon-rate",
                                   "100000", "--anon-burst", "100000"});
  HeldLogin held = LoginWhileStoreIsHeld(server.port(), data.path + "/rapport.sqlite");
  // Rarely the editor request gets in first and the login is the one
  // refused: then the roles are swapped once more.
  for (int attempt = 0; attempt < 3 && held.login.status == 503; ++attempt) {
    held = LoginWhileStoreIsHeld(server.port(), data.path + "/rapport.sqlite");
  }
  CHECK(held.login.status == 200);
  CHECK(held.refused.status == 503);
  const rapidjson::Document refusal = Json(held.refused.body);
  REQUIRE(refusal.HasMember("error"));
  CHECK(std::string(refusal["error"]["code"].GetString()) == "overloaded");
  CHECK(held.refused.Header("retry-after") == "1");
  CHECK(held.search.status == 200);
  CHECK(held.health.status == 200);
}

TEST_CASE("bodies past --max-queued-body-bytes are refused 503 overloaded, smaller ones queue") {
  EditorDataDir data;
  constexpr size_t kBudget = 4096;
  ServerProcess server(data.path,
                       {"--editor-threads", "1", "--max-queued-body-bytes", std::to_string(kBudget),
                        "--max-body-bytes", std::to_string(kBudget), "--anon-rate", "100000",
                        "--anon-burst", "100000"});
  SQLite::Database store(data.path + "/rapport.sqlite", SQLite::OPEN_READWRITE);
  store.exec("BEGIN IMMEDIATE");
  // The login holds the only editor worker (its session write waits for the
  // store) and its body, ~80 bytes, stays held until it is answered.
  HttpResult login;
  std::thread held([&] {
    login =
        Request(server.port(), "POST", "/api/v1/session", {{"Content-Type", "application/json"}},
                std::string(R"({"email":")") + kEditorEmail + R"(","password":")" +
                    kEditorPassword + R"("})");
  });
  // Under a loaded CI machine the login may take seconds to arrive: wait for
  // it (this request and the login in flight), and stop if it never does
  // rather than test the budget with nothing held.
  const auto give_up = Clock::now() + std::chrono::seconds(30);
  long in_flight = 0;
  while ((in_flight = Metric(server.port(), "rapport_in_flight_requests")) < 2 &&
         Clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (in_flight < 2) {
    store.exec("ROLLBACK");
    held.join();
    FAIL("the login never reached the server");
  }
  // A body that no longer fits beside the held one is refused at once.
  HttpResult refused =
      Request(server.port(), "POST", "/api/v1/search", {{"Content-Type", "application/json"}},
              R"({"q":")" + std::string(kBudget - 40, 'a') + R"("})");
  CHECK(refused.status == 503);
  CHECK(std::string(Json(refused.body)["error"]["code"].GetString()) == "overloaded");
  CHECK(refused.Header("retry-after") == "1");
  // One that fits is answered.
  CHECK(Request(server.port(), "POST", "/api/v1/search", {{"Content-Type", "application/json"}},
                R"({"q":"anxiety","limit":1})")
            .status == 200);
  store.exec("ROLLBACK");
  held.join();
  CHECK(login.status == 200);
  // Once answered, the held bytes are given back: the large body fits again.
  CHECK(Request(server.port(), "POST", "/api/v1/search", {{"Content-Type", "application/json"}},
                R"({"q":")" + std::string(kBudget - 40, 'a') + R"("})")
            .status != 503);
}

}  // namespace
}  // namespace rapport::testing
