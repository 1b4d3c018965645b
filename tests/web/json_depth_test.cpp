// Bodies nested deep enough to overflow a recursive JSON parser's stack, sent
// to every route that parses JSON through the real server: each is a 400
// naming the body (a line result for :batch), and the server keeps serving.
#include <string>

#include <doctest/doctest.h>

#include "editor_test_support.h"

namespace rapport {
namespace {

using namespace rapport::testing;

// ~150 KB: under every size limit, far deeper than any stack allows.
const std::string kDeep(150000, '[');

void CheckNestingRefused(const HttpResult& answer) {
  CHECK_MESSAGE(answer.status == 400, answer.body.substr(0, 300));
  const rapidjson::Document body = Json(answer.body);
  REQUIRE(body.HasMember("error"));
  CHECK(std::string(body["error"]["code"].GetString()) == "invalid_json");
  CHECK(std::string(body["error"]["field"].GetString()) == "body");
  CHECK(std::string(body["error"]["message"].GetString()).find("nested deeper than") !=
        std::string::npos);
}

TEST_CASE("deeply nested JSON bodies are refused on every route and the server lives on") {
  EditorDataDir data(3);
  ServerProcess server(data.path);
  const int port = server.port();
  const std::string id = data.ids[0];

  CheckNestingRefused(
      Request(port, "POST", "/api/v1/session", {{"Content-Type", "application/json"}}, kDeep));
  REQUIRE(Get(port, "/healthz").status == 200);

  const Session editor = Login(port, kEditorEmail);
  const std::string etag =
      EditorRequest(port, editor, "GET", "/api/v1/editor/therapists/" + id).Header("etag");
  CheckNestingRefused(
      EditorRequest(port, editor, "PUT", "/api/v1/therapists/" + id, kDeep, {{"If-Match", etag}}));
  CheckNestingRefused(EditorRequest(port, editor, "POST", "/api/v1/therapists", kDeep));
  CheckNestingRefused(
      EditorRequest(port, editor, "POST", "/api/v1/therapists/" + id + "/restore", kDeep));
  CheckNestingRefused(EditorRequest(port, editor, "POST",
                                    "/api/v1/therapists/" + id + "/confirm-availability", kDeep));

  const Session admin = Login(port, kAdminEmail);
  HttpResult batch = EditorRequest(port, admin, "POST", "/api/v1/therapists:batch", kDeep + "\n",
                                   {{"Content-Type", "application/x-ndjson"}});
  REQUIRE(batch.status == 200);
  const rapidjson::Document lines = Json(batch.body);
  REQUIRE(lines["results"].Size() == 1);
  CHECK(std::string(lines["results"][0]["result"].GetString()) == "invalid");
  CHECK(std::string(lines["results"][0]["errors"][0]["reason"].GetString())
            .find("nested deeper than") != std::string::npos);

  // Nothing changed, and the same server still answers.
  CHECK(EditorRequest(port, editor, "GET", "/api/v1/editor/therapists/" + id).Header("etag") ==
        etag);
  CHECK(Get(port, "/healthz").status == 200);
}

}  // namespace
}  // namespace rapport
