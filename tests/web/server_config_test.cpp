// rapport-server's configuration checks. It is not made to face clients
// without nginx (cpprestsdk's listener: no read timeouts, whole headers and
// bodies in memory), so it listens on loopback unless --allow-direct-exposure
// says otherwise, and then says why that is unsafe when it starts. Thread
// counts that cannot work are refused.
#include <doctest/doctest.h>

#include "server_config.h"
#include "web_test_util.h"

namespace rapport::testing {
namespace {

TEST_CASE("only loopback addresses count as loopback") {
  for (const char* loopback : {"127.0.0.1", "127.0.0.2", "127.255.255.254", "::1", "localhost"}) {
    CAPTURE(loopback);
    CHECK(IsLoopbackAddress(loopback));
  }
  for (const char* exposed : {"0.0.0.0", "::", "10.0.0.1", "192.0.2.1", "128.0.0.1", "::ffff:0:0",
                              "2001:db8::1", "127.0.0.1.example.org", "", "localhost.example"}) {
    CAPTURE(exposed);
    CHECK_FALSE(IsLoopbackAddress(exposed));
  }
}

TEST_CASE("a non-loopback --bind needs --allow-direct-exposure") {
  bool show_help = false;
  auto refused = ParseServerConfig({"--bind", "0.0.0.0"}, &show_help);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().field == "--bind");
  CHECK(refused.error().message.find("--allow-direct-exposure") != std::string::npos);
  CHECK(ParseServerConfig({"--bind", "0.0.0.0", "--allow-direct-exposure"}, &show_help));
  CHECK(ParseServerConfig({"--bind", "::1"}, &show_help));

  CommandOutput out =
      RunCommand({CommandPath("rapport-server"), "--data-dir", SampleDataDir(), "--port",
                  std::to_string(FreeLoopbackPort()), "--bind", "0.0.0.0"});
  CHECK(out.exit_code == 2);
  CHECK(out.err.find("not a loopback address") != std::string::npos);
}

TEST_CASE("thread counts that cannot work are refused") {
  bool show_help = false;
  // One I/O thread: closing the listener would block it for good.
  auto one_io_thread = ParseServerConfig({"--io-threads", "1"}, &show_help);
  REQUIRE_FALSE(one_io_thread);
  CHECK(one_io_thread.error().field == "--io-threads");
  CHECK_FALSE(ParseServerConfig({"--editor-threads", "0"}, &show_help));
  auto defaults = ParseServerConfig({}, &show_help);
  REQUIRE(defaults);
  CHECK(defaults.value().threads >= 1);
  CHECK(defaults.value().io_threads >= 2);
}

TEST_CASE("with --allow-direct-exposure the server listens everywhere and warns") {
  std::vector<std::string> args = {"--bind", "0.0.0.0", "--allow-direct-exposure"};
  ServerProcess server(SampleDataDir(), args);
  CHECK(Get(server.port(), "/api/v1/vocab").status == 200);
  CHECK(server.Log().find("event=direct_exposure") != std::string::npos);
}

TEST_CASE("--replica needs a plain http:// --primary-url, and only a replica takes one") {
  bool show_help = false;
  auto parsed =
      ParseServerConfig({"--replica", "--primary-url", "http://10.0.0.1:8080/"}, &show_help);
  REQUIRE(parsed);
  CHECK(parsed.value().replica);
  CHECK(parsed.value().primary_url == "http://10.0.0.1:8080");
  CHECK(parsed.value().max_replica_lag_s == 30);
  for (const std::vector<std::string>& refused : std::vector<std::vector<std::string>>{
           {"--replica"},
           {"--primary-url", "http://10.0.0.1:8080"},
           {"--replica", "--primary-url", "10.0.0.1:8080"},
           {"--replica", "--primary-url", "https://10.0.0.1"},
           {"--replica", "--primary-url", "http://10.0.0.1:8080/readyz"},
           {"--replica", "--primary-url", "http://user@10.0.0.1"},
           {"--replica", "--primary-url", "http://"},
           {"--replica", "--primary-url", "http://10.0.0.1", "--primary-poll-ms", "0"}}) {
    CAPTURE(refused.back());
    auto error = ParseServerConfig(refused, &show_help);
    REQUIRE_FALSE(error);
    CHECK(error.error().code == "invalid_parameter");
  }
  CHECK(ServerConfigHelp().find("--primary-url") != std::string::npos);
}

}  // namespace
}  // namespace rapport::testing
