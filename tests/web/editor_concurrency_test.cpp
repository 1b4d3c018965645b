// Two editors saving the same profile at the same moment through the real
// server: exactly one wins, the other gets 412 and nothing is overwritten.
#include <thread>

#include <doctest/doctest.h>

#include "editor_test_support.h"

namespace rapport {

using namespace rapport::testing;

TEST_CASE("concurrent edits of one profile: one wins, the other gets 412") {
  EditorDataDir data(3);
  ServerProcess server(data.path);
  const int port = server.port();
  const std::string id = data.ids[0];
  const std::string target = "/api/v1/therapists/" + id;
  const Session first = Login(port, kEditorEmail);
  const Session second = Login(port, kAdminEmail);
  constexpr int kRounds = 6;

  for (int round = 0; round < kRounds; ++round) {
    HttpResult read = EditorRequest(port, first, "GET", "/api/v1/editor/therapists/" + id);
    REQUIRE(read.status == 200);
    const std::string etag = read.Header("etag");
    const std::string mine = "Firstname Round" + std::to_string(round);
    const std::string theirs = "Secondname Round" + std::to_string(round);
    HttpResult answers[2];
    std::thread one([&] {
      answers[0] =
          EditorRequest(port, first, "PUT", target, Renamed(read.body, mine), {{"If-Match", etag}});
    });
    std::thread two([&] {
      answers[1] = EditorRequest(port, second, "PUT", target, Renamed(read.body, theirs),
                                 {{"If-Match", etag}});
    });
    one.join();
    two.join();
    const int won = answers[0].status == 200 ? 0 : 1;
    CHECK(answers[won].status == 200);
    CHECK(answers[1 - won].status == 412);
    HttpResult now = EditorRequest(port, first, "GET", "/api/v1/editor/therapists/" + id);
    CHECK(Json(now.body)["name"] == (won == 0 ? mine : theirs).c_str());
    CHECK(now.Header("etag") == "\"" + std::to_string(round + 2) + "\"");
  }
  HttpResult history = EditorRequest(port, first, "GET", target + "/history");
  CHECK(Json(history.body)["revisions"].Size() == kRounds + 1);
}

}  // namespace rapport
