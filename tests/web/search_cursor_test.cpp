// Cursor walks through the real server (query/search_cursor.h): walking a
// filtered list with cursor=* and each answer's next_cursor lists every match
// exactly once while editors rename profiles meanwhile; the last page says
// next_cursor null; a cursor does not combine with offset or sort, a text
// this program did not write is a 400, and after a rebuild an old cursor is
// refused as cursor_expired.
#include <doctest/doctest.h>

#include <chrono>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "editor_test_support.h"
#include "load_clients.h"
#include "web_test_util.h"

namespace rapport::testing {
namespace {

constexpr int kProfiles = 120;
constexpr int kPageSize = 7;
constexpr int kWriters = 2;
constexpr int kMaxPages = 200;

// Every id a walk of `filters` lists, in order, and how many pages it took.
struct Walk {
  std::vector<std::string> ids;
  int pages = 0;
  std::string last_cursor;  // the cursor the last page was asked with
};

Walk WalkAll(int port, const std::string& filters) {
  Walk walk;
  std::string cursor = "*";
  while (walk.pages < kMaxPages) {
    HttpResult page =
        Get(port, "/api/v1/search?" + filters + "&limit=" + std::to_string(kPageSize) +
                      "&cursor=" + UrlEncode(cursor));
    REQUIRE_MESSAGE(page.status == 200, page.body);
    ++walk.pages;
    walk.last_cursor = cursor;
    rapidjson::Document doc = Json(page.body);
    for (const auto& hit : doc["results"].GetArray()) walk.ids.push_back(hit["id"].GetString());
    REQUIRE(doc.HasMember("next_cursor"));
    if (doc["next_cursor"].IsNull()) break;
    cursor = doc["next_cursor"].GetString();
  }
  return walk;
}

// The ids of every match of `filters`, paged with offset (no edits running).
std::set<std::string> AllByOffset(int port, const std::string& filters) {
  std::set<std::string> ids;
  for (int offset = 0;; offset += 100) {
    rapidjson::Document doc =
        Json(Get(port, "/api/v1/search?" + filters + "&limit=100&offset=" + std::to_string(offset))
                 .body);
    for (const auto& hit : doc["results"].GetArray()) ids.insert(hit["id"].GetString());
    if (offset + 100 >= doc["total"].GetInt()) break;
  }
  return ids;
}

TEST_CASE("a cursor walk lists every match exactly once while profiles are edited") {
  EditorDataDir data(kProfiles);
  CommandOutput token =
      Admin(data.path, {"tokens", "create", "--email", kEditorEmail, "--name", "cursor-test"});
  REQUIRE_MESSAGE(token.exit_code == 0, token.err);
  ServerProcess server(data.path, kNoClientLimits);
  const std::string filters = "virtual=true&facets=mode";
  const std::set<std::string> expected = AllByOffset(server.port(), filters);
  REQUIRE(expected.size() > static_cast<size_t>(3 * kPageSize));

  Walk walk;
  size_t edits = 0;
  {
    // Renames change every edited profile's ranking and text, never whether
    // it matches the filter.
    BackgroundRenamer renamer(server.port(), token.out.substr(0, token.out.find('\n')), data.ids,
                              kWriters);
    walk = WalkAll(server.port(), filters);
    renamer.Stop();
    edits = renamer.AcknowledgedSoFar().size();
  }
  CHECK(edits > 0);
  std::map<std::string, int> seen;
  for (const std::string& id : walk.ids) ++seen[id];
  for (const auto& [id, times] : seen) CHECK_MESSAGE(times == 1, id << " listed " << times);
  CHECK(std::set<std::string>(walk.ids.begin(), walk.ids.end()) == expected);
  CHECK(walk.pages == static_cast<int>((expected.size() + kPageSize - 1) / kPageSize));
}

TEST_CASE("a cursor walk with text lists the same matches as offset paging") {
  const int port = SharedServer().port();
  const std::string filters = "q=anxiety&state=CA";
  const Walk walk = WalkAll(port, filters);
  CHECK(std::set<std::string>(walk.ids.begin(), walk.ids.end()) == AllByOffset(port, filters));
  CHECK(walk.ids.size() == std::set<std::string>(walk.ids.begin(), walk.ids.end()).size());
  // Only walks say next_cursor.
  CHECK(!Json(Get(port, "/api/v1/search?q=anxiety").body).HasMember("next_cursor"));
}

TEST_CASE("a cursor takes no offset or sort, and only texts this program wrote") {
  const int port = SharedServer().port();
  CheckError(Get(port, "/api/v1/search?cursor=*&offset=7"), 400, "invalid_parameter", "offset");
  CheckError(Get(port, "/api/v1/search?cursor=*&sort=fee"), 400, "invalid_parameter", "sort");
  for (const char* bad : {"abc", "1.", "1.index-1.", "1.index-1.0", "1.index-1.x", "2.index-1.5",
                          "1.index-1.99999999999"}) {
    CAPTURE(bad);
    CheckError(Get(port, std::string("/api/v1/search?cursor=") + UrlEncode(bad)), 400,
               "invalid_parameter", "cursor");
  }
}

TEST_CASE("after a rebuild an old cursor is refused as cursor_expired") {
  KeyedData data;
  ServerProcess server(data.path(), kNoClientLimits);
  rapidjson::Document first = Json(Get(server.port(), "/api/v1/search?limit=2&cursor=*").body);
  REQUIRE(first["next_cursor"].IsString());
  const std::string cursor = first["next_cursor"].GetString();
  CHECK(Get(server.port(), "/api/v1/search?limit=2&cursor=" + UrlEncode(cursor)).status == 200);
  CommandOutput rebuilt =
      RunCommand({CommandPath("rapport-index"), "--data-dir", data.path(), "rebuild"});
  REQUIRE_MESSAGE(rebuilt.exit_code == 0, rebuilt.err);
  // The server picks the new index up on its refresh tick.
  HttpResult expired;
  for (int attempt = 0; attempt < 100; ++attempt) {
    expired = Get(server.port(), "/api/v1/search?limit=2&cursor=" + UrlEncode(cursor));
    if (expired.status != 200) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  CheckError(expired, 400, "cursor_expired", "cursor");
  CHECK(Get(server.port(), "/api/v1/search?limit=2&cursor=*").status == 200);
}

}  // namespace
}  // namespace rapport::testing
