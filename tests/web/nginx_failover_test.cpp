// The shipped nginx.conf with two rapport-server processes in its upstream
// (each on its own copy of the data): a server killed with SIGKILL (a
// crash) or stopped with SIGSTOP (a hang) costs no client request, because
// nginx retries on the other server (proxy_next_upstream: refused, reset or
// timed out) and leaves the failed one out for fail_timeout; a server
// restarted on its port (what systemd's Restart=always does) is served
// again. The upstream timeouts are shortened to 1 s for the test.
#include <signal.h>

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <thread>

#include "nginx_process.h"
#include "web_test_util.h"

namespace rapport::testing {
namespace {

using Clock = std::chrono::steady_clock;
constexpr int kSearchesPerPhase = 12;
constexpr auto kServedAgainLimit = std::chrono::seconds(15);
constexpr auto kPollInterval = std::chrono::milliseconds(100);
constexpr const char* kSearchLogLine = "route=/api/v1/search status=200";

std::string CopyOfSampleData(const TempDir& dir, const std::string& name) {
  const std::string copy = dir.File(name);
  std::filesystem::copy(
      SampleDataDir(), copy,
      std::filesystem::copy_options::recursive | std::filesystem::copy_options::copy_symlinks);
  return copy;
}

std::vector<std::string> BehindNginx() {
  std::vector<std::string> args = kNoClientLimits;
  args.push_back("--trust-forwarded-for");
  return args;
}

// Searches through nginx, by GET and by POST; returns how many failed.
int FailedSearches(int port, int count) {
  int failed = 0;
  for (int i = 0; i < count; ++i) {
    const std::string query = "q=anxiety&limit=1&offset=" + std::to_string(i);
    const HttpResult answer =
        i % 2 ? Get(port, "/api/v1/search?" + query)
              : Request(port, "POST", "/api/v1/search",
                        {{"Content-Type", "application/x-www-form-urlencoded"}}, query);
    if (answer.status != 200) {
      ++failed;
      MESSAGE("search " << i << " failed with " << answer.status << ": " << answer.body);
    }
  }
  return failed;
}

size_t Count(const std::string& text, const std::string& line) {
  size_t count = 0;
  for (size_t at = text.find(line); at != std::string::npos; at = text.find(line, at + 1)) ++count;
  return count;
}

TEST_CASE("nginx serves every search while a server crashes, hangs and restarts") {
  TempDir data;
  const std::string data_a = CopyOfSampleData(data, "a"), data_b = CopyOfSampleData(data, "b");
  auto server_a = std::make_unique<ServerProcess>(data_a, BehindNginx());
  ServerProcess server_b(data_b, BehindNginx());
  const int port_a = server_a->port();
  TempDir dir;
  NginxOptions options;
  options.upstream_ports = {port_a, server_b.port()};
  options.upstream_timeout = "1s";
  options.lift_client_limits = true;
  NginxProcess nginx(dir, options);

  // Both servers up: nginx balances between them.
  CHECK(FailedSearches(nginx.port(), kSearchesPerPhase) == 0);
  CHECK(Count(server_a->Log(), kSearchLogLine) > 0);
  CHECK(Count(server_b.Log(), kSearchLogLine) > 0);

  // Server a crashes.
  REQUIRE(::kill(server_a->pid(), SIGKILL) == 0);
  CHECK(FailedSearches(nginx.port(), kSearchesPerPhase) == 0);

  // Server a is restarted on its port, as systemd would.
  server_a.reset();
  server_a = std::make_unique<ServerProcess>(data_a, BehindNginx(), port_a);
  bool served_again = false;
  int failed_meanwhile = 0;
  for (const auto give_up = Clock::now() + kServedAgainLimit;
       !served_again && Clock::now() < give_up;) {
    failed_meanwhile += FailedSearches(nginx.port(), 1);
    served_again = Count(server_a->Log(), kSearchLogLine) > 0;
    if (!served_again) std::this_thread::sleep_for(kPollInterval);
  }
  CHECK(served_again);
  CHECK(failed_meanwhile == 0);

  // Server b hangs.
  REQUIRE(::kill(server_b.pid(), SIGSTOP) == 0);
  const int failed_while_hung = FailedSearches(nginx.port(), kSearchesPerPhase);
  REQUIRE(::kill(server_b.pid(), SIGCONT) == 0);
  CHECK(failed_while_hung == 0);
}

}  // namespace
}  // namespace rapport::testing
