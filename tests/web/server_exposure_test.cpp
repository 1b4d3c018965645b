// What the server shows a client when something is wrong: no file paths or
// library error text in a 503, no echo of a huge id in a 404, and a readiness
// check that fails as soon as the index cannot be read, through the real
// server on a real (then damaged) data folder.
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

#include "web_test_util.h"

namespace rapport::testing {
namespace {

// A private copy of the sample data folder.
std::string CopyOfSample(const TempDir& dir) {
  const std::string data = dir.File("data");
  REQUIRE(std::system(("cp -a '" + SampleDataDir() + "' '" + data + "'").c_str()) == 0);
  return data;
}

// The index folder the stub names ("glass /…/index-1" → "/…/index-1").
std::string LiveFolder(const std::string& data) {
  const std::string stub = ReadFile(data + "/index");
  const size_t start = stub.find(' ') + 1;
  std::string folder = stub.substr(start, stub.find('\n', start) - start);
  return folder.front() == '/' ? folder : data + "/" + folder;
}

// `answer` leaks none of what only the operator should see.
void CheckNothingInternal(const HttpResult& answer, const std::string& data) {
  CAPTURE(answer.body);
  CHECK(answer.body.find(data) == std::string::npos);
  CHECK(answer.body.find("index-") == std::string::npos);
  for (const char* internal : {"Xapian", "Error", "No such file", "glass"}) {
    CHECK(answer.body.find(internal) == std::string::npos);
  }
}

TEST_CASE("a 503 for an unreadable index shows no path or library text, the log has it") {
  TempDir dir;
  const std::string data = CopyOfSample(dir);
  std::filesystem::remove_all(LiveFolder(data));
  ServerProcess server(data, {});
  HttpResult search = Get(server.port(), "/api/v1/search?q=anxiety");
  CheckError(search, 503, "index_unavailable");
  CheckNothingInternal(search, data);
  HttpResult ready = Get(server.port(), "/readyz");
  CheckError(ready, 503, "not_ready");
  CheckNothingInternal(ready, data);
  const std::string request_id = search.Header("x-request-id");
  REQUIRE(!request_id.empty());
  const std::string log = server.Log();
  const size_t logged = log.find("event=server_error message=\"" + request_id);
  REQUIRE(logged != std::string::npos);
  CHECK(log.find("/api/v1/search 503: ", logged) != std::string::npos);
}

TEST_CASE("readiness turns 503 when the open index is damaged under the server") {
  TempDir dir;
  const std::string data = CopyOfSample(dir);
  ServerProcess server(data, {"--refresh-interval-ms", "50"});
  REQUIRE(Get(server.port(), "/readyz").status == 200);
  std::filesystem::remove_all(LiveFolder(data));
  // The refresh loop notices within a few intervals; readiness must follow.
  HttpResult ready;
  for (int attempt = 0; attempt < 100; ++attempt) {
    ready = Get(server.port(), "/readyz");
    if (ready.status != 200) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  CheckError(ready, 503, "not_ready");
  CheckNothingInternal(ready, data);
  CHECK(Get(server.port(), "/healthz").status == 200);
}

TEST_CASE("a 404 for a huge id does not echo it") {
  // Far over any id's 64 characters, under any request-line limit.
  const std::string huge(4000, 'a');
  for (const std::string& id : std::vector<std::string>{huge, "NOT-AN-ID", "t-" + huge}) {
    HttpResult answer = Get(SharedServer().port(), "/api/v1/therapists/" + id);
    CheckError(answer, 404, "not_found");
    CHECK(answer.body.size() < 512);
    CHECK(answer.body.find(id.substr(0, 64)) == std::string::npos);
  }
}

}  // namespace
}  // namespace rapport::testing
