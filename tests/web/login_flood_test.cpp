// Login floods through the real server: the password checks that run at once
// are bounded (so is the memory they take, 64 MiB of Argon2id each), searches
// keep being answered, and an attacker's failures delay guesses without
// keeping the real editor out.
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

#include "editor_test_support.h"
#include "password_hasher.h"

namespace rapport {
namespace {

using namespace rapport::testing;

// The peak resident memory of process `pid` (VmHWM), in bytes.
int64_t PeakResidentBytes(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::atoll(line.c_str() + 6) * 1024;
  }
  FAIL("no VmHWM in /proc/" << pid << "/status");
  return 0;
}

HttpResult LoginFrom(int port, const std::string& address, const std::string& email,
                     const std::string& password) {
  return Request(port, "POST", "/api/v1/session",
                 {{"Content-Type", "application/json"}, {"X-Real-IP", address}},
                 "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
}

TEST_CASE("a login flood takes bounded memory and searches keep being answered") {
  constexpr int kConcurrentChecks = 2;
  constexpr int kFloodLogins = 64;
  // Beyond the checks' own memory: buffers, connections, allocator slack.
  constexpr int64_t kSlackBytes = 32 << 20;
  EditorDataDir data(20);
  ScopedEnv env({{"RAPPORT_LOGIN_MAX_CONCURRENT_CHECKS", std::to_string(kConcurrentChecks)}});
  ServerProcess server(data.path, {"--trust-forwarded-for", "--threads", "8", "--anon-rate",
                                   "100000", "--anon-burst", "100000"});
  const int port = server.port();
  // One check and one search first, so the baseline holds one check's memory.
  CHECK(LoginFrom(port, "10.9.0.1", "warm@example.org", "a wrong password").status == 401);
  REQUIRE(Get(port, "/api/v1/search?q=anxiety").status == 200);
  const int64_t before = PeakResidentBytes(server.pid());

  std::atomic<bool> flooding{true};
  std::atomic<int> searches{0}, failed_searches{0};
  std::thread searcher([&] {
    while (flooding) {
      (Get(port, "/api/v1/search?q=anxiety").status == 200 ? searches : failed_searches)++;
    }
  });
  std::vector<HttpResult> answers(kFloodLogins);
  std::vector<std::thread> flood;
  for (int i = 0; i < kFloodLogins; ++i) {
    flood.emplace_back([&, i] {
      // Each from its own address and for its own account: under every throttle.
      answers[i] = LoginFrom(port, "10.1.0." + std::to_string(i),
                             "user" + std::to_string(i) + "@example.org", "a wrong password");
    });
  }
  for (std::thread& login : flood) login.join();
  flooding = false;
  searcher.join();
  const int64_t after = PeakResidentBytes(server.pid());

  int refused = 0;
  for (const HttpResult& answer : answers) {
    CAPTURE(answer.body);
    CHECK((answer.status == 401 || answer.status == 503));
    if (answer.status == 503) {
      ++refused;
      CHECK(answer.Header("retry-after") == "1");
    }
  }
  MESSAGE(refused << " of " << kFloodLogins << " logins refused; peak RSS " << (before >> 20)
                  << " -> " << (after >> 20) << " MiB; " << searches.load() << " searches");
  const int64_t check_bytes = static_cast<int64_t>(PasswordHashLimits{}.mem_limit_bytes);
  CHECK(after - before <= (kConcurrentChecks - 1) * check_bytes + kSlackBytes);
  CHECK(searches > 0);
  CHECK(failed_searches == 0);
}

TEST_CASE("an attacker's failures delay guesses but never keep the editor out") {
  EditorDataDir data(3);
  ServerProcess server(data.path, {"--trust-forwarded-for"});
  const int port = server.port();
  const std::string home = "10.0.0.7", attacker = "10.6.6.6", travel = "10.0.0.8";
  constexpr int kMaxExpectedDelayS = 8;
  REQUIRE(LoginFrom(port, home, kEditorEmail, kEditorPassword).status == 200);

  // The attacker guesses the editor's password: a few are checked, then delayed.
  int checked = 0, delayed = 0;
  for (int guess = 0; guess < 10; ++guess) {
    const HttpResult answer =
        LoginFrom(port, attacker, kEditorEmail, "guess " + std::to_string(guess));
    checked += answer.status == 401;
    delayed += answer.status == 429;
  }
  CHECK(checked >= 1);
  CHECK(delayed >= 1);

  // From where she logged in before, the editor is not delayed at all.
  CHECK(LoginFrom(port, home, kEditorEmail, kEditorPassword).status == 200);
  // From a new address she waits out the delay, then her password works.
  HttpResult first = LoginFrom(port, travel, kEditorEmail, kEditorPassword);
  if (first.status == 429) {
    const int wait_s = std::atoi(first.Header("retry-after").c_str());
    // The first delays are short (RAPPORT_LOGIN_FIRST_DELAY_MS, doubling).
    REQUIRE(wait_s >= 1);
    REQUIRE(wait_s <= kMaxExpectedDelayS);
    std::this_thread::sleep_for(std::chrono::seconds(wait_s));
    first = LoginFrom(port, travel, kEditorEmail, kEditorPassword);
  }
  CHECK(first.status == 200);
  // Unknown and known accounts get the same answer to a wrong password.
  const HttpResult unknown = LoginFrom(port, "10.0.0.9", "nobody@example.org", "a wrong password");
  const HttpResult known = LoginFrom(port, "10.0.0.10", kAdminEmail, "a wrong password");
  CHECK(unknown.status == 401);
  CHECK(unknown.body == known.body);
}

}  // namespace
}  // namespace rapport
