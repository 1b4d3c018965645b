// web/deploy/nginx.conf with Debian's nginx on loopback in front of the real
// server: the production file with TLS swapped for a plain loopback listener
// and shorter client timeouts. A client trickling its header is cut off while
// other clients are served; an oversized body is refused unread.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "web_test_util.h"

namespace rapport::testing {
namespace {

constexpr const char* kNginx = "/usr/sbin/nginx";
using Clock = std::chrono::steady_clock;

void Replace(std::string& text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, "nginx.conf no longer contains: " << from);
  text.replace(at, from.size(), to);
}

// The production configuration, made runnable on loopback without TLS.
std::string TestConfig(const std::string& prefix, int listen_port, int upstream_port) {
  std::string conf = ReadFile(SourcePath("web/deploy/nginx.conf"));
  REQUIRE(!conf.empty());
  // Drop the HTTP→HTTPS redirect server.
  const size_t redirect = conf.find("    server {\n        listen 80;");
  REQUIRE(redirect != std::string::npos);
  conf.erase(redirect, conf.find("    }\n", redirect) + 6 - redirect);
  Replace(conf, "        listen 443 ssl http2;\n        listen [::]:443 ssl http2;\n",
          "        listen 127.0.0.1:" + std::to_string(listen_port) + ";\n");
  std::string kept;
  size_t start = 0;
  while (start < conf.size()) {
    size_t end = conf.find('\n', start);
    const std::string line = conf.substr(start, end - start + 1);
    if (line.find("ssl_") == std::string::npos &&
        line.find("Strict-Transport") == std::string::npos) {
      kept += line;
    }
    start = end + 1;
  }
  conf = kept;
  Replace(conf, "server 127.0.0.1:8080;",
          "server 127.0.0.1:" + std::to_string(upstream_port) + ";");
  Replace(conf, "client_header_timeout 10s;", "client_header_timeout 1s;");
  Replace(conf, "client_body_timeout 10s;", "client_body_timeout 1s;");
  Replace(conf, "worker_processes auto;",
          std::string(geteuid() == 0 ? "user root;\n" : "") +
              "worker_processes 1;\ndaemon off;\npid " + prefix + "/nginx.pid;\nerror_log " +
              prefix + "/error.log;");
  Replace(conf, "    server_tokens off;\n",
          "    server_tokens off;\n    client_body_temp_path " + prefix + "/body;\n" +
              "    proxy_temp_path " + prefix + "/proxy;\n    fastcgi_temp_path " + prefix +
              "/fastcgi;\n    uwsgi_temp_path " + prefix + "/uwsgi;\n    scgi_temp_path " + prefix +
              "/scgi;\n");
  return conf;
}

class NginxProcess {
 public:
  NginxProcess(const TempDir& dir, int upstream_port) : port_(FreeLoopbackPort()) {
    const std::string conf_path = dir.File("nginx.conf");
    WriteFile(conf_path, TestConfig(dir.path(), port_, upstream_port));
    std::fflush(stdout);
    std::fflush(stderr);
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      if (!freopen("/dev/null", "w", stdout)) _exit(127);
      execl(kNginx, kNginx, "-p", dir.path().c_str(), "-c", conf_path.c_str(), "-e",
            dir.File("error.log").c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    for (int i = 0; i < 250; ++i) {
      if (Get(port_, "/healthz").status == 200) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    FAIL("nginx did not come up: " << ReadFile(dir.File("error.log")));
  }
  ~NginxProcess() {
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  int port() const { return port_; }

 private:
  int port_;
  pid_t pid_ = -1;
};

int Connect(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  return fd;
}

// True once the peer has closed (or answered and closed) the connection.
bool ClosedByPeer(int fd) {
  pollfd waiting{fd, POLLIN, 0};
  if (::poll(&waiting, 1, 0) <= 0) return false;
  char buffer[4096];
  return ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT) >= 0;
}

TEST_CASE("nginx.conf proxies the API and refuses oversized bodies unread") {
  ServerProcess server(SampleDataDir(), {"--trust-forwarded-for"});
  TempDir dir;
  NginxProcess nginx(dir, server.port());
  HttpResult search = Get(nginx.port(), "/api/v1/search?q=anxiety&limit=2");
  CHECK(search.status == 200);
  CHECK(Json(search.body)["results"].Size() == 2);
  CHECK(Get(nginx.port(), "/api/v1/therapists/nope").status == 404);
  // Only the headers are sent: nginx answers from Content-Length alone.
  HttpResult too_large =
      RawRequest(nginx.port(),
                 "POST /api/v1/search HTTP/1.1\r\nHost: x\r\nContent-Type: "
                 "application/x-www-form-urlencoded\r\nContent-Length: 5000000\r\n\r\n",
                 5000);
  CheckError(too_large, 413, "payload_too_large");
}

TEST_CASE("a client trickling its header is cut off while others are served") {
  ServerProcess server(SampleDataDir(), {"--trust-forwarded-for"});
  TempDir dir;
  NginxProcess nginx(dir, server.port());
  const int slow = Connect(nginx.port());
  const std::string head = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
  REQUIRE_GT(::send(slow, head.data(), head.size(), MSG_NOSIGNAL), 0);
  const auto started = Clock::now();
  const auto give_up = started + std::chrono::seconds(15);
  bool cut_off = false;
  int served = 0, failed = 0;
  while (!cut_off && Clock::now() < give_up) {
    // One header byte at a time: every read is quick, the header never ends.
    if (::send(slow, "X", 1, MSG_NOSIGNAL) < 0 || ClosedByPeer(slow)) {
      cut_off = true;
      break;
    }
    (Get(nginx.port(), "/api/v1/search?q=grief&limit=1").status == 200 ? served : failed)++;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  ::close(slow);
  CHECK(cut_off);
  CHECK(seconds < 6);  // client_header_timeout is 1 s in the test config
  CHECK(served >= 3);
  CHECK(failed == 0);
  CHECK(Get(nginx.port(), "/healthz").status == 200);
}

TEST_CASE("a client that stalls in its body is cut off before the server sees it") {
  ServerProcess server(SampleDataDir(), {"--trust-forwarded-for"});
  TempDir dir;
  NginxProcess nginx(dir, server.port());
  const int slow = Connect(nginx.port());
  const std::string head =
      "POST /api/v1/search HTTP/1.1\r\nHost: x\r\nContent-Type: "
      "application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nq=an";
  REQUIRE_GT(::send(slow, head.data(), head.size(), MSG_NOSIGNAL), 0);
  const auto started = Clock::now();
  bool cut_off = false;
  while (!cut_off && Clock::now() < started + std::chrono::seconds(15)) {
    cut_off = ClosedByPeer(slow);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::close(slow);
  CHECK(cut_off);
  CHECK(std::chrono::duration<double>(Clock::now() - started).count() < 6);
  // The half-sent request never reached rapport-server.
  CHECK(server.Log().find("route=/api/v1/search") == std::string::npos);
}

}  // namespace
}  // namespace rapport::testing
