// offices[].geo_precision through the real server: stored from an import (the
// admin batch), returned on the profile and on search hits, kept by an
// editor's write that leaves the point alone, removed when an editor moves,
// adds or types a point, and a 422 naming the office when it is not valid
// (docs/data.md "offices").
#include <doctest/doctest.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "editor_test_support.h"
#include "web_test_util.h"

namespace rapport {
namespace {

using namespace rapport::testing;

// An imported profile with a ZIP-placed and a city-placed office.
constexpr const char* kImported =
    R"({"id":"t-geo","name":"Ysolde Placewell","profession":"counselor","offices":[)"
    R"({"city":"Oakland","state":"CA","zip":"94612","lat":37.8088,"lon":-122.2692,"geo_precision":"zip"},)"
    R"({"city":"Chicago","state":"IL","zip":"99999","lat":41.8781,"lon":-87.6298,"geo_precision":"city"}]})";

std::string Precision(const rapidjson::Value& profile, size_t office) {
  const auto& o = profile["offices"][static_cast<rapidjson::SizeType>(office)];
  return o.HasMember("geo_precision") ? o["geo_precision"].GetString() : "";
}

std::string ErrorField(const HttpResult& answer) {
  const rapidjson::Document doc = Json(answer.body);
  return doc.HasMember("error") && doc["error"].HasMember("field")
             ? doc["error"]["field"].GetString()
             : "";
}

// The profile as the store has it now (the public read follows the index).
rapidjson::Document Stored(int port, const Session& session) {
  return Json(EditorRequest(port, session, "GET", "/api/v1/editor/therapists/t-geo").body);
}

std::string Text(const rapidjson::Document& doc) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  doc.Accept(writer);
  return buffer.GetString();
}

TEST_CASE(
    "editor API: geo_precision survives an edit that keeps the point, not one that moves it") {
  EditorDataDir data(3);
  ServerProcess server(data.path);
  const int port = server.port();
  const Session admin = Login(port, kAdminEmail);
  const Session editor = Login(port, kEditorEmail);
  HttpResult batch =
      EditorRequest(port, admin, "POST", "/api/v1/therapists:batch", std::string(kImported) + "\n",
                    {{"Content-Type", "application/x-ndjson"}});
  REQUIRE_MESSAGE(batch.status == 200, batch.body);
  CHECK(WaitSearchable(port, "placewell", "t-geo") < std::chrono::seconds(10));

  HttpResult read = Get(port, "/api/v1/therapists/t-geo");
  REQUIRE(read.status == 200);
  rapidjson::Document profile = Json(read.body);
  CHECK(Precision(profile, 0) == "zip");
  CHECK(Precision(profile, 1) == "city");
  rapidjson::Document hits = Json(Get(port, "/api/v1/search?q=placewell").body);
  REQUIRE(hits["results"].Size() == 1);
  CHECK(Precision(hits["results"][0], 0) == "zip");
  CHECK(Precision(hits["results"][0], 1) == "city");

  // Sent back as read with another name: both precisions stay.
  profile["name"].SetString("Ysolde Placewell-Ray", profile.GetAllocator());
  HttpResult kept = EditorRequest(port, editor, "PUT", "/api/v1/therapists/t-geo", Text(profile),
                                  {{"If-Match", read.Header("etag")}});
  REQUIRE_MESSAGE(kept.status == 200, kept.body);
  CHECK(Precision(Json(kept.body), 0) == "zip");
  CHECK(Precision(Json(kept.body), 1) == "city");

  // The first office moved by the editor: its precision goes, the other's stays.
  profile = Json(kept.body);
  profile["offices"][0]["lat"].SetDouble(37.8049);
  HttpResult moved = EditorRequest(port, editor, "PUT", "/api/v1/therapists/t-geo", Text(profile),
                                   {{"If-Match", kept.Header("etag")}});
  REQUIRE_MESSAGE(moved.status == 200, moved.body);
  CHECK(Precision(Json(moved.body), 0) == "");
  CHECK(Precision(Json(moved.body), 1) == "city");
  CHECK(Precision(Stored(port, editor), 0) == "");

  // An editor cannot claim a precision for a point: not on a new profile, not
  // by copying another office's.
  HttpResult created = EditorRequest(
      port, editor, "POST", "/api/v1/therapists",
      R"({"id":"t-geo-new","name":"N","profession":"counselor","offices":[{"lat":37.8088,"lon":-122.2692,"geo_precision":"zip"}]})");
  REQUIRE_MESSAGE(created.status == 201, created.body);
  CHECK(Precision(Json(created.body), 0) == "");

  // Not valid: a 422 naming the office, nothing stored.
  profile = Json(moved.body);
  profile["offices"][1]["geo_precision"].SetString("street", profile.GetAllocator());
  HttpResult invalid = EditorRequest(port, editor, "PUT", "/api/v1/therapists/t-geo", Text(profile),
                                     {{"If-Match", moved.Header("etag")}});
  CHECK(invalid.status == 422);
  CHECK(ErrorField(invalid) == "offices[1].geo_precision");
  profile["offices"][1].RemoveMember("lat");
  profile["offices"][1].RemoveMember("lon");
  profile["offices"][1]["geo_precision"].SetString("city", profile.GetAllocator());
  invalid = EditorRequest(port, editor, "PUT", "/api/v1/therapists/t-geo", Text(profile),
                          {{"If-Match", moved.Header("etag")}});
  CHECK(invalid.status == 422);
  CHECK(ErrorField(invalid) == "offices[1].geo_precision");
  CHECK(Precision(Stored(port, editor), 1) == "city");
}

}  // namespace
}  // namespace rapport
