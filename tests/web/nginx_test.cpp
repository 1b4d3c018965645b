// web/deploy/nginx.conf with Debian's nginx on loopback in front of the real
// server (tests/support/nginx_process.h: TLS dropped, shorter client
// timeouts). What cpprestsdk's listener cannot withstand on its own (it has
// no read timeouts, buffers whole headers and bodies, hangs on malformed
// framing and echoes bad targets in text/plain) is answered or cut off by
// nginx before the server sees it, and the server's memory stays flat.
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "nginx_process.h"
#include "web_test_util.h"

namespace rapport::testing {
namespace {

using Clock = std::chrono::steady_clock;
constexpr size_t kFloodBytes = 64 << 20;
constexpr size_t kFloodChunkBytes = 64 << 10;
constexpr int kStalledSendMs = 2000;
constexpr long kRssGrowthLimitKib = 32 << 10;  // half the flood

NginxOptions InFrontOf(const ServerProcess& server) {
  NginxOptions options;
  options.upstream_ports = {server.port()};
  options.client_timeout = "1s";
  return options;
}

// Resident memory of `pid` in KiB (VmRSS), -1 when unknown.
long RssKib(pid_t pid) {
  const std::string status = ReadFile("/proc/" + std::to_string(pid) + "/status");
  const size_t at = status.find("VmRSS:");
  return at == std::string::npos ? -1 : std::atol(status.c_str() + at + 6);
}

// Sends `head`, then `chunk` again and again up to kFloodBytes, until the
// peer stops reading (no room to write for kStalledSendMs) or closes; then
// reads what it answered.
std::string Flood(int port, const std::string& head, const std::string& chunk) {
  const int fd = MustConnect(port);
  bool open = SendAll(fd, head);
  for (size_t sent = 0; open && sent < kFloodBytes; sent += chunk.size()) {
    pollfd writable{fd, POLLOUT, 0};
    open = ::poll(&writable, 1, kStalledSendMs) > 0 && !(writable.revents & (POLLERR | POLLHUP)) &&
           ::send(fd, chunk.data(), chunk.size(), MSG_NOSIGNAL | MSG_DONTWAIT) > 0;
  }
  const std::string answer = ReadUntilClosed(fd, kStalledSendMs);
  ::close(fd);
  return answer;
}

// nginx answered with the API's JSON error `code` or closed without a word.
void CheckRefusedOrClosed(const std::string& raw, int status, const std::string& code) {
  CAPTURE(raw.substr(0, 200));
  if (!raw.empty()) CheckError(ParseResponse(raw), status, code);
}

TEST_CASE("nginx.conf proxies the API and refuses oversized bodies unread") {
  ServerProcess server(SampleDataDir(), {"--trust-forwarded-for"});
  TempDir dir;
  NginxProcess nginx(dir, InFrontOf(server));
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
  NginxProcess nginx(dir, InFrontOf(server));
  const int slow = MustConnect(nginx.port());
  REQUIRE(SendAll(slow, "GET /healthz HTTP/1.1\r\nHost: x\r\n"));
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
  NginxProcess nginx(dir, InFrontOf(server));
  const int slow = MustConnect(nginx.port());
  REQUIRE(SendAll(slow,
                  "POST /api/v1/search HTTP/1.1\r\nHost: x\r\nContent-Type: "
                  "application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nq=an"));
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

TEST_CASE(
    "floods and malformed requests get a clean refusal from nginx and the server stays flat") {
  ServerProcess server(SampleDataDir(), {"--trust-forwarded-for"});
  TempDir dir;
  NginxProcess nginx(dir, InFrontOf(server));
  REQUIRE(Get(nginx.port(), "/api/v1/search?q=anxiety&limit=5").status == 200);
  const long rss_before = RssKib(server.pid());
  REQUIRE(rss_before > 0);
  const std::string search_head =
      "POST /api/v1/search HTTP/1.1\r\nHost: x\r\n"
      "Content-Type: application/x-www-form-urlencoded\r\n";

  {
    INFO("a header line that never ends");
    CheckRefusedOrClosed(Flood(nginx.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Fill: ",
                               std::string(kFloodChunkBytes, 'a')),
                         400, "bad_request");
  }
  {
    INFO("header lines that never end");
    std::string lines;
    while (lines.size() < kFloodChunkBytes) lines += "X-Fill: " + std::string(100, 'a') + "\r\n";
    CheckRefusedOrClosed(Flood(nginx.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n", lines), 400,
                         "bad_request");
  }
  {
    INFO("a chunked body over the limit");
    char size_line[32];
    std::snprintf(size_line, sizeof size_line, "%zx\r\n", kFloodChunkBytes);
    CheckRefusedOrClosed(Flood(nginx.port(), search_head + "Transfer-Encoding: chunked\r\n\r\n",
                               size_line + std::string(kFloodChunkBytes, 'q') + "\r\n"),
                         413, "payload_too_large");
  }
  {
    INFO("a declared body over the limit, sent in full");
    CheckRefusedOrClosed(
        Flood(nginx.port(),
              search_head + "Content-Length: " + std::to_string(kFloodBytes) + "\r\n\r\n",
              std::string(kFloodChunkBytes, 'q')),
        413, "payload_too_large");
  }
  {
    INFO("two different Content-Length headers");
    CheckError(
        RawRequest(nginx.port(), search_head + "Content-Length: 3\r\nContent-Length: 9\r\n\r\nq=a"),
        400, "bad_request");
  }
  {
    INFO("a target with characters outside RFC 3986 is not echoed back");
    HttpResult refused = RawRequest(nginx.port(),
                                    "GET /api/v1/search?q=<script>alert(1)</script> HTTP/1.1\r\n"
                                    "Host: x\r\nConnection: close\r\n\r\n");
    CheckError(refused, 400, "bad_request");
    CHECK(refused.body.find("<script>") == std::string::npos);
  }
  {
    INFO("an HTTP/0.9 request is answered and closed");
    const int fd = MustConnect(nginx.port());
    REQUIRE(SendAll(fd, "GET /healthz\r\n"));
    const std::string answer = ReadUntilClosed(fd, kStalledSendMs);
    ::close(fd);
    CHECK(answer == R"({"status":"ok"})");
  }
  {
    INFO("bare LF line ends are understood");
    HttpResult answer =
        RawRequest(nginx.port(),
                   "GET /api/v1/search?q=anxiety&limit=1 HTTP/1.1\nHost: x\nConnection: close\n\n");
    CHECK(answer.status == 200);
  }
  {
    INFO("metrics are not served to the outside");
    CheckError(Get(nginx.port(), "/metrics"), 404, "not_found");
  }

  CHECK(Get(server.port(), "/healthz").status == 200);
  const long rss_after = RssKib(server.pid());
  CAPTURE(rss_before);
  CAPTURE(rss_after);
  CHECK(rss_after - rss_before < kRssGrowthLimitKib);
}

}  // namespace
}  // namespace rapport::testing
