// The server process itself: --help, graceful SIGTERM drain, 1,000
// concurrent connections, hostile inputs and the privacy of its log.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "web_test_util.h"

namespace rapport::testing {
namespace {

constexpr int kConcurrentConnections = 1000;

int Connect(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  return fd;
}

void SendAll(int fd, const std::string& data) {
  size_t sent = 0;
  while (sent < data.size()) {
    const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    REQUIRE(n > 0);
    sent += static_cast<size_t>(n);
  }
}

// Reads until the peer closes; returns the status code of the answer (0 if none).
int ReadStatus(int fd, int timeout_ms) {
  std::string response;
  char buffer[4096];
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd waiting{fd, POLLIN, 0};
    if (::poll(&waiting, 1, 100) <= 0) continue;
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    response.append(buffer, static_cast<size_t>(n));
  }
  if (response.rfind("HTTP/1.1 ", 0) != 0) return 0;
  return std::atoi(response.substr(9, 3).c_str());
}

bool Alive(pid_t pid) {
  int status = 0;
  return ::waitpid(pid, &status, WNOHANG) == 0;
}

TEST_CASE("--help lists every flag with its default") {
  CommandOutput out = RunCommand({CommandPath("rapport-server"), "--help"});
  CHECK(out.exit_code == 0);
  for (const char* flag :
       {"--port", "--bind", "--data-dir", "--threads", "--max-body-bytes", "--search-time-limit-ms",
        "--anon-rate", "--anon-burst", "--log-queries", "--static-dir", "--insecure-cookies"}) {
    CAPTURE(flag);
    CHECK(out.out.find(flag) != std::string::npos);
  }
  CHECK(out.out.find("default 8080") != std::string::npos);
  CHECK(out.out.find("default 127.0.0.1") != std::string::npos);
  CHECK(RunCommand({CommandPath("rapport-server"), "--no-such-flag"}).exit_code == 2);
  CHECK(RunCommand({CommandPath("rapport-server"), "--port", "http"}).exit_code == 2);
}

TEST_CASE("SIGTERM lets an in-flight request finish, then exits 0") {
  ServerProcess server(SampleDataDir(), {});
  const std::string body = "q=anxiety&limit=2";
  const int fd = Connect(server.port());
  // Headers and half the body: the request is in flight until the rest comes.
  SendAll(fd,
          "POST /api/v1/search HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
          "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
              std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, 5));
  // Wait until the server counts it (the /metrics request itself is the other one).
  bool in_flight = false;
  for (int i = 0; i < 200 && !in_flight; ++i) {
    in_flight = Get(server.port(), "/metrics").body.find("rapport_in_flight_requests 2") !=
                std::string::npos;
    if (!in_flight) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  REQUIRE(in_flight);
  REQUIRE(::kill(server.pid(), SIGTERM) == 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  CHECK(Alive(server.pid()));
  SendAll(fd, body.substr(5));
  CHECK(ReadStatus(fd, 10000) == 200);
  ::close(fd);
  CHECK(server.Terminate() == 0);
  CHECK(server.Log().find("event=shutdown") != std::string::npos);
}

TEST_CASE("more unanswered requests than --max-in-flight get 503 overloaded") {
  // No per-address limit: the polling below must meet the overload, not a 429.
  ServerProcess server(SampleDataDir(),
                       {"--max-in-flight", "1", "--anon-rate", "100000", "--anon-burst", "100000"});
  // A request whose body never finishes holds the only slot.
  const int fd = Connect(server.port());
  SendAll(fd,
          "POST /api/v1/search HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
          "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 50\r\n\r\nq=");
  HttpResult refused;
  for (int i = 0; i < 200 && refused.status != 503; ++i) {
    refused = Get(server.port(), "/api/v1/vocab");
    if (refused.status != 503) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CheckError(refused, 503, "overloaded");
  ::close(fd);
  bool recovered = false;
  for (int i = 0; i < 200 && !recovered; ++i) {
    recovered = Get(server.port(), "/api/v1/vocab").status == 200;
    if (!recovered) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK(recovered);
}

TEST_CASE("1,000 concurrent connections are all answered") {
  ServerProcess& server = SharedServer();
  std::vector<int> sockets;
  for (int i = 0; i < kConcurrentConnections; ++i) sockets.push_back(Connect(server.port()));
  for (size_t i = 0; i < sockets.size(); ++i) {
    const std::string target = i % 2 ? "/healthz" : "/api/v1/search?q=anxiety&limit=3";
    SendAll(sockets[i], "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  }
  // One overall bound: a server that stops answering fails fast.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  int ok = 0;
  for (int fd : sockets) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    const int status = ReadStatus(fd, static_cast<int>(std::max<long>(1, left.count())));
    CAPTURE(status);
    if (status == 200) ++ok;
    ::close(fd);
  }
  CHECK(ok == kConcurrentConnections);
  CHECK(Get(server.port(), "/healthz").status == 200);
}

// A request line with a raw NUL byte in the query.
constexpr char kNulRequest[] =
    "GET /api/v1/search?q=a\0b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

TEST_CASE("hostile inputs never give a 500 and never bring the server down") {
  ServerProcess& server = SharedServer();
  const std::vector<std::string> hostile = {
      std::string(20000, 'a'),
      "\xff\xfe\xfd",
      "\xc0\xaf",
      "\xed\xa0\x80",
      std::string("a\0b", 3),
      "../../../../etc/passwd",
      "..%2f..%2fetc%2fpasswd",
      "' OR 1=1; DROP TABLE api_keys; --",
      "\"; SELECT * FROM editors; --",
      "<script>alert(1)</script>",
      "<img src=x onerror=alert(1)>",
      "99999999999999999999999999999999",
      "-99999999999999999999",
      "1e308",
      "-0",
      "NaN",
      "inf",
      "0x10",
      "%",
      "%%%",
      "\"unbalanced",
      "AND OR NOT ( ) \" :",
      "modality:",
      "name:\"\"",
      "*",
      "😀🙂 thérapie 心理",
      "\r\nX-Injected: 1",
  };
  const std::vector<std::string> templates = {
      "/api/v1/search?q=",      "/api/v1/search?limit=",
      "/api/v1/search?offset=", "/api/v1/search?near=",
      "/api/v1/search?state=",  "/api/v1/search?modality=",
      "/api/v1/search?facets=", "/api/v1/search?fee_max=",
      "/api/v1/search?sort=",   "/api/v1/search?radius_km=",
      "/api/v1/suggest?q=",     "/api/v1/therapists/",
      "/api/v1/search?",        "/static/",
  };
  for (const auto& value : hostile) {
    for (const auto& prefix : templates) {
      const std::string target = prefix + UrlEncode(value);
      CAPTURE(target.substr(0, 120));
      HttpResult result = Get(server.port(), target);
      CHECK(result.status >= 200);
      CHECK(result.status < 500);
    }
  }
  // Repeated and piled-up parameters.
  std::string repeated = "/api/v1/search?";
  for (int i = 0; i < 200; ++i) repeated += "modality=cbt&limit=" + std::to_string(i) + "&";
  CHECK(Get(server.port(), repeated).status == 400);
  std::string many_values = "/api/v1/search?modality=cbt";
  for (int i = 0; i < 300; ++i) many_values += ",cbt";
  CHECK(Get(server.port(), many_values).status < 500);
  CHECK(Get(server.port(), "/api/v1/search?" + std::string(9000, 'q')).status == 414);
  // Raw bytes the client would never encode: the request line itself.
  for (const std::string& raw :
       {std::string(
            "GET /api/v1/search?q=\xff\xfe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        std::string(kNulRequest, sizeof kNulRequest - 1),
        std::string("GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        std::string("GET / HTTP/1.1\r\nHost: x\r\nX-Long: ") + std::string(100000, 'h') +
            "\r\nConnection: close\r\n\r\n",
        std::string("POST /api/v1/search HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n"
                    "Connection: close\r\n\r\n"),
        std::string("GARBAGE\r\n\r\n")}) {
    HttpResult result = RawRequest(server.port(), raw, 5000);
    CHECK(result.status < 500);
  }
  CHECK(Alive(server.pid()));
  CHECK(Get(server.port(), "/healthz").status == 200);
}

TEST_CASE("the access log keeps query text and addresses out unless --log-queries") {
  {
    ServerProcess server(SampleDataDir(), {"--anon-rate", "1000"});
    CHECK(Get(server.port(), "/api/v1/search?q=panicattacks&state=CA").status == 200);
    const std::string log = server.Log();
    CHECK(log.find("route=/api/v1/search status=200") != std::string::npos);
    CHECK(log.find("panicattacks") == std::string::npos);
    CHECK(log.find("state=CA") == std::string::npos);
    CHECK(log.find("127.0.0.1 ") == std::string::npos);
    CHECK(log.find("client=") == std::string::npos);
  }
  {
    ServerProcess server(SampleDataDir(), {"--log-queries"});
    CHECK(Get(server.port(), "/api/v1/search?q=panicattacks").status == 200);
    const std::string log = server.Log();
    CHECK(log.find("query=\"q=panicattacks\"") != std::string::npos);
    CHECK(log.find("client=127.0.0.1") != std::string::npos);
  }
}

}  // namespace
}  // namespace rapport::testing
