// web/deploy/rapport-server.service (and the replication units beside it): systemd accepts it
// (systemd-analyze verify, with the built binary in ExecStart), its command line is one the server
// takes, and the server speaks the unit's protocol (Type=notify, WatchdogSec) to a notification
// socket the test holds, as systemd would: READY=1 once it listens, WATCHDOG=1 pings while it runs
// and none while it is stopped, STOPPING=1 on SIGTERM. This machine has no systemd as PID 1, so the
// restarts themselves are systemd's part (nginx_failover_test.cpp shows the proxy side of a crash
// and a hang).
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <sstream>
#include <thread>

#include "editor_test_support.h"

namespace rapport::testing {
namespace {

using Clock = std::chrono::steady_clock;
constexpr const char* kSystemdAnalyze = "/usr/bin/systemd-analyze";
constexpr const char* kShippedBinary = "/usr/local/bin/rapport-server";
constexpr int kWatchdogMicroseconds = 400000;  // pings every 200 ms

std::string ShippedUnit() {
  const std::string unit = ReadFile(SourcePath("web/deploy/rapport-server.service"));
  REQUIRE(!unit.empty());
  return unit;
}

// The arguments of ExecStart (continuation lines joined), binary first.
std::vector<std::string> ExecStart(const std::string& unit) {
  const size_t start = unit.find("\nExecStart=");
  REQUIRE(start != std::string::npos);
  std::string line;
  size_t at = start + std::string("\nExecStart=").size();
  while (true) {
    const size_t end = unit.find('\n', at);
    std::string part = unit.substr(at, end - at);
    const bool continued = !part.empty() && part.back() == '\\';
    if (continued) part.pop_back();
    line += part + " ";
    if (!continued) break;
    at = end + 1;
  }
  std::istringstream words(line);
  std::vector<std::string> args;
  for (std::string word; words >> word;) args.push_back(word);
  return args;
}

TEST_CASE("systemd-analyze verify accepts the shipped unit") {
  std::string unit = ShippedUnit();
  for (const char* directive :
       {"Type=notify", "Restart=always", "WatchdogSec=", "NoNewPrivileges=yes",
        "ProtectSystem=strict", "StateDirectory=rapport", "PrivateTmp=yes", "User=rapport",
        "LimitNOFILE=", "MemoryMax="}) {
    CAPTURE(directive);
    CHECK(unit.find(std::string("\n") + directive) != std::string::npos);
  }
  const size_t binary = unit.find(kShippedBinary);
  REQUIRE(binary != std::string::npos);
  unit.replace(binary, std::string(kShippedBinary).size(), CommandPath("rapport-server"));
  TempDir dir;
  WriteFile(dir.File("rapport-server.service"), unit);
  CommandOutput verified =
      RunCommand({kSystemdAnalyze, "verify", dir.File("rapport-server.service")});
  CHECK_MESSAGE(verified.exit_code == 0, verified.err);
  CHECK_MESSAGE(verified.err.empty(), verified.err);

  // The server takes every flag of ExecStart (--help at the end: the flags
  // before it are parsed and checked, then it exits 0).
  std::vector<std::string> args = ExecStart(unit);
  REQUIRE(args.size() > 1);
  CHECK(args.front() == CommandPath("rapport-server"));
  args.push_back("--help");
  CommandOutput parsed = RunCommand(args);
  CHECK_MESSAGE(parsed.exit_code == 0, parsed.err);
}

TEST_CASE("systemd-analyze verify accepts the shipped replication units") {
  constexpr const char* kShippedIndexBinary = "/usr/local/bin/rapport-index";
  for (const char* name : {"rapport-replicate-server.service", "rapport-replication-gate.service",
                           "rapport-replicate.service"}) {
    CAPTURE(name);
    std::string unit = ReadFile(SourcePath(std::string("web/deploy/") + name));
    REQUIRE(!unit.empty());
    for (const char* directive : {"Restart=always", "NoNewPrivileges=yes", "User=rapport"}) {
      CAPTURE(directive);
      CHECK(unit.find(std::string("\n") + directive) != std::string::npos);
    }
    if (const size_t binary = unit.find(kShippedIndexBinary); binary != std::string::npos) {
      unit.replace(binary, std::string(kShippedIndexBinary).size(), CommandPath("rapport-index"));
    }
    TempDir dir;
    WriteFile(dir.File(name), unit);
    const CommandOutput verified = RunCommand({kSystemdAnalyze, "verify", dir.File(name)});
    CHECK_MESSAGE(verified.exit_code == 0, verified.err);
    CHECK_MESSAGE(verified.err.empty(), verified.err);
  }
}

// A notification socket like systemd's: a datagram socket at a path.
class NotifySocket {
 public:
  explicit NotifySocket(const std::string& path) : path_(path) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    REQUIRE(fd_ >= 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    REQUIRE(path.size() < sizeof address.sun_path);
    path.copy(address.sun_path, path.size());
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  }
  ~NotifySocket() { ::close(fd_); }

  // Every message received within `period`.
  std::vector<std::string> Receive(std::chrono::milliseconds period) {
    std::vector<std::string> messages;
    const auto until = Clock::now() + period;
    while (Clock::now() < until) {
      const auto left = std::chrono::duration_cast<std::chrono::microseconds>(until - Clock::now());
      timeval timeout{static_cast<time_t>(left.count() / 1000000),
                      static_cast<suseconds_t>(left.count() % 1000000)};
      ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
      char buffer[512];
      const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n > 0) messages.emplace_back(buffer, static_cast<size_t>(n));
    }
    return messages;
  }

 private:
  std::string path_;
  int fd_ = -1;
};

size_t Count(const std::vector<std::string>& messages, const std::string& message) {
  return static_cast<size_t>(std::count(messages.begin(), messages.end(), message));
}

TEST_CASE("the server tells systemd it is ready, pings the watchdog while running, and stopping") {
  TempDir dir;
  NotifySocket notifications(dir.File("notify"));
  ScopedEnv systemd({{"NOTIFY_SOCKET", dir.File("notify")},
                     {"WATCHDOG_USEC", std::to_string(kWatchdogMicroseconds)}});
  ServerProcess server(SampleDataDir(), {});

  const std::vector<std::string> running = notifications.Receive(std::chrono::milliseconds(1500));
  CHECK(Count(running, "READY=1") == 1);
  CHECK(Count(running, "WATCHDOG=1") >= 3);

  // A stopped process sends nothing: systemd's watchdog would fire.
  REQUIRE(::kill(server.pid(), SIGSTOP) == 0);
  notifications.Receive(std::chrono::milliseconds(300));  // pings sent just before the stop
  const std::vector<std::string> stopped = notifications.Receive(std::chrono::milliseconds(1000));
  REQUIRE(::kill(server.pid(), SIGCONT) == 0);
  CHECK(Count(stopped, "WATCHDOG=1") == 0);
  const std::vector<std::string> resumed = notifications.Receive(std::chrono::milliseconds(1000));
  CHECK(Count(resumed, "WATCHDOG=1") >= 2);

  CHECK(server.Terminate() == 0);
  CHECK(Count(notifications.Receive(std::chrono::milliseconds(200)), "STOPPING=1") == 1);
}

}  // namespace
}  // namespace rapport::testing
