// The server under hostile or heavy load, through the real process: slow
// uploads take no place in the worker queue, health and readiness are never
// shed, one address cannot hold more than its share of open requests, and
// many keep-alive connections are each served in turn.
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "web_test_util.h"

namespace rapport::testing {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kPollInterval = std::chrono::milliseconds(10);
constexpr auto kWaitLimit = std::chrono::seconds(20);

// The head and first byte of a search body that never finishes.
int StartSlowUpload(int port, const std::string& client_address = "") {
  const int fd = MustConnect(port);
  std::string head =
      "POST /api/v1/search HTTP/1.1\r\nHost: x\r\n"
      "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n";
  if (!client_address.empty()) head += "X-Real-IP: " + client_address + "\r\n";
  REQUIRE(SendAll(fd, head + "\r\nq"));
  return fd;
}

// Waits until the server counts at least `count` requests in flight.
void WaitInFlight(int port, long count) {
  const auto give_up = Clock::now() + kWaitLimit;
  // The /metrics request itself is in flight while it is answered.
  while (Metric(port, "rapport_in_flight_requests") < count + 1 && Clock::now() < give_up) {
    std::this_thread::sleep_for(kPollInterval);
  }
  REQUIRE(Metric(port, "rapport_in_flight_requests") >= count + 1);
}

TEST_CASE("slow uploads take no queue place: health, readiness, login and search still answer") {
  constexpr int kMaxInFlight = 4;
  constexpr int kSlowUploads = 4 * kMaxInFlight;
  ServerProcess server(SampleDataDir(), {"--max-in-flight", std::to_string(kMaxInFlight),
                                         "--anon-rate", "100000", "--anon-burst", "100000"});
  std::vector<int> slow;
  for (int i = 0; i < kSlowUploads; ++i) slow.push_back(StartSlowUpload(server.port()));
  WaitInFlight(server.port(), kSlowUploads);

  CHECK(Get(server.port(), "/healthz").status == 200);
  CHECK(Get(server.port(), "/readyz").status == 200);
  HttpResult search = Get(server.port(), "/api/v1/search?q=anxiety&limit=1");
  CHECK(search.status == 200);
  HttpResult login =
      Request(server.port(), "POST", "/api/v1/session", {{"Content-Type", "application/json"}},
              R"({"email":"nobody@example.org","password":"wrong password"})");
  CheckError(login, 401, "invalid_credentials");
  for (int fd : slow) ::close(fd);
}

TEST_CASE("one address cannot hold more than --max-requests-per-client open requests") {
  ServerProcess server(SampleDataDir(), {"--trust-forwarded-for", "--max-requests-per-client", "2",
                                         "--anon-rate", "100000", "--anon-burst", "100000"});
  const std::string greedy = "203.0.113.7", other = "203.0.113.8";
  std::vector<int> held = {StartSlowUpload(server.port(), greedy),
                           StartSlowUpload(server.port(), greedy)};
  WaitInFlight(server.port(), 2);

  HttpResult refused = Get(server.port(), "/api/v1/vocab", {{"X-Real-IP", greedy}});
  CheckError(refused, 429, "rate_limited");
  CHECK(refused.Header("retry-after") == "1");
  CHECK(Get(server.port(), "/api/v1/vocab", {{"X-Real-IP", other}}).status == 200);
  // Health checks are never refused.
  CHECK(Get(server.port(), "/healthz", {{"X-Real-IP", greedy}}).status == 200);

  for (int fd : held) ::close(fd);
  int status = 0;
  const auto give_up = Clock::now() + kWaitLimit;
  while (status != 200 && Clock::now() < give_up) {
    status = Get(server.port(), "/api/v1/vocab", {{"X-Real-IP", greedy}}).status;
    if (status != 200) std::this_thread::sleep_for(kPollInterval);
  }
  CHECK(status == 200);
}

// Keep-alive connections that each send the next search as soon as the
// last one is answered, until `total` have been answered; returns how many
// answers each connection got. Every answer must be a 200 (the test stops
// at the first that is not). One thread polls them all, so the client
// itself favours none. The search is a full page with facets, so the server,
// not this one client thread, is what the connections wait for.
std::vector<int> AnswersPerConnection(int port, int connections, int total) {
  const std::string request =
      "GET /api/v1/search?q=anxiety&limit=20&facets=modality,specialty,language,insurance "
      "HTTP/1.1\r\nHost: x\r\n\r\n";
  std::vector<int> fds, answers(static_cast<size_t>(connections));
  std::vector<std::string> pending(static_cast<size_t>(connections));
  for (int i = 0; i < connections; ++i) fds.push_back(MustConnect(port));
  int sent = 0, answered = 0;
  for (int fd : fds) {
    REQUIRE(SendAll(fd, request));
    ++sent;
  }
  std::vector<pollfd> waiting(fds.size());
  const auto give_up = Clock::now() + std::chrono::seconds(120);
  while (answered < sent && Clock::now() < give_up) {
    for (size_t i = 0; i < fds.size(); ++i) waiting[i] = {fds[i], POLLIN, 0};
    if (::poll(waiting.data(), waiting.size(), 1000) <= 0) continue;
    for (size_t i = 0; i < fds.size(); ++i) {
      if (!(waiting[i].revents & POLLIN)) continue;
      char buffer[65536];
      const ssize_t n = ::recv(fds[i], buffer, sizeof buffer, 0);
      REQUIRE(n > 0);
      pending[i].append(buffer, static_cast<size_t>(n));
      const size_t head_end = pending[i].find("\r\n\r\n");
      const size_t length_at = pending[i].find("Content-Length: ");
      if (head_end == std::string::npos || length_at > head_end) continue;
      const size_t length = std::stoul(pending[i].substr(length_at + 16));
      if (pending[i].size() < head_end + 4 + length) continue;
      REQUIRE(pending[i].compare(0, 12, "HTTP/1.1 200") == 0);
      pending[i].erase(0, head_end + 4 + length);
      ++answers[i];
      ++answered;
      if (sent < total) {
        REQUIRE(SendAll(fds[i], request));
        ++sent;
      }
    }
  }
  for (int fd : fds) ::close(fd);
  REQUIRE(answered == total);
  return answers;
}

TEST_CASE("a client with as many keep-alive connections as its cap is never refused") {
  // The next request on a connection can arrive before the server has seen
  // its previous answer written; it must not count twice.
  constexpr int kCap = 8;
  ServerProcess server(SampleDataDir(), {"--max-requests-per-client", std::to_string(kCap),
                                         "--anon-rate", "100000", "--anon-burst", "100000"});
  const std::vector<int> answers = AnswersPerConnection(server.port(), kCap, kCap * 50);
  CHECK(std::count(answers.begin(), answers.end(), 0) == 0);
}

TEST_CASE("many keep-alive connections are each served in turn") {
  // Two workers, as on a two-core machine. Served first come, first served,
  // every connection gets about total / connections answers. Before the
  // worker queue, a tenth of the connections got one answer while others
  // got up to seven.
  constexpr int kConnections = 500;
  constexpr int kAnswersEach = 4;
  std::vector<std::string> args = kNoClientLimits;
  args.insert(args.end(), {"--threads", "2"});
  ServerProcess server(SampleDataDir(), args);
  std::vector<int> answers =
      AnswersPerConnection(server.port(), kConnections, kConnections * kAnswersEach);
  std::sort(answers.begin(), answers.end());
  CAPTURE(answers.front());
  CAPTURE(answers[answers.size() / 2]);
  CAPTURE(answers.back());
  CHECK(answers.front() >= kAnswersEach / 2);
  CHECK(answers.back() <= kAnswersEach * 2);
}

}  // namespace
}  // namespace rapport::testing
