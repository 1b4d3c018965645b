// JSON searches through the real server: POST /api/v1/search with an
// application/json body answers exactly what the query string answers for
// the same search (results, facets, did_you_mean, crisis, and the same 400
// for the same bad value), refuses what only JSON can get wrong (a member of
// the wrong type, a list for a single-valued parameter, a body that is not
// an object) with a 400 naming the member; and POST /api/v1/multi-search
// answers up to --max-multi-searches searches in order, each with its own
// result or error, under one key.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "web_test_util.h"

namespace rapport::testing {
namespace {

const std::map<std::string, std::string> kJsonBody = {{"Content-Type", "application/json"}};

int Port() { return SharedServer().port(); }

HttpResult PostJson(int port, const std::string& path, const std::string& body,
                    std::map<std::string, std::string> headers = {}) {
  headers.insert(kJsonBody.begin(), kJsonBody.end());
  return Request(port, "POST", path, headers, body);
}

// The answer without its timing, as canonical JSON text.
std::string WithoutTiming(const std::string& body) {
  rapidjson::Document doc = Json(body);
  if (doc.IsObject()) doc.RemoveMember("took_ms");
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  doc.Accept(writer);
  return buffer.GetString();
}

struct SameSearch {
  std::string query;  // query string
  std::string json;   // the same search as a JSON object
};

// Searches across every parameter type: text, slug lists, booleans, a state,
// a point as an object, numbers, facet names as a list and as a comma text.
const std::vector<SameSearch> kSameSearches = {
    {"q=panic%20attacks&modality=cbt&modality=emdr&facets=modality,insurance",
     R"({"q":"panic attacks","modality":["cbt","emdr"],"facets":["modality","insurance"]})"},
    {"virtual=true&state=CA&telehealth_since_before=2020&limit=5&offset=5",
     R"({"virtual":true,"state":"CA","telehealth_since_before":2020,"limit":5,"offset":5})"},
    {"in_person=true&near=37.8044,-122.2712&radius_km=25.5&sort=distance&facets=language",
     R"({"in_person":true,"near":{"lat":37.8044,"lon":-122.2712},"radius_km":25.5,)"
     R"("sort":"distance","facets":"language"})"},
    {"q=anxiety&insurance=aetna,cigna&accepting=true&sliding_scale=1&fee_max=150",
     R"({"q":"anxiety","insurance":"aetna,cigna","accepting":"true","sliding_scale":true,)"
     R"("fee_max":150,"gender":null})"},
    {"q=hoardng", R"({"q":"hoardng"})"},
    {"q=suicidal%20thoughts", R"({"q":"suicidal thoughts"})"},
};

TEST_CASE("a JSON body answers exactly what the query string answers for the same search") {
  for (const SameSearch& search : kSameSearches) {
    CAPTURE(search.json);
    HttpResult get = Get(Port(), "/api/v1/search?" + search.query);
    HttpResult post = PostJson(Port(), "/api/v1/search", search.json);
    REQUIRE(get.status == 200);
    CHECK(post.status == 200);
    CHECK(WithoutTiming(post.body) == WithoutTiming(get.body));
  }
}

TEST_CASE("a bad value gets the same 400 in a JSON body as in the query string") {
  const std::vector<SameSearch> bad = {
      {"limit=1000", R"({"limit":1000})"},
      {"modality=nonsense", R"({"modality":["nonsense"]})"},
      {"near=95,10", R"({"near":{"lat":95,"lon":10}})"},
      {"sort=distance", R"({"sort":"distance"})"},
      {"state=ZZ", R"({"state":"ZZ"})"},
      {"colour=blue", R"({"colour":"blue"})"},
      {"limit=2&limit=3", R"({"limit":2,"limit":3})"},
  };
  for (const SameSearch& search : bad) {
    CAPTURE(search.json);
    HttpResult get = Get(Port(), "/api/v1/search?" + search.query);
    HttpResult post = PostJson(Port(), "/api/v1/search", search.json);
    REQUIRE(get.status == 400);
    CHECK(post.status == 400);
    CHECK(post.body == get.body);
  }
}

TEST_CASE("what only JSON can get wrong is a 400 naming the member") {
  CheckError(PostJson(Port(), "/api/v1/search", R"({"q":5})"), 400, "invalid_parameter", "q");
  CheckError(PostJson(Port(), "/api/v1/search", R"({"q":["a","b"]})"), 400, "invalid_parameter",
             "q");
  CheckError(PostJson(Port(), "/api/v1/search", R"({"virtual":"yes please"})"), 400,
             "invalid_parameter", "virtual");
  CheckError(PostJson(Port(), "/api/v1/search", R"({"limit":true})"), 400, "invalid_parameter",
             "limit");
  CheckError(PostJson(Port(), "/api/v1/search", R"({"near":{"lat":1}})"), 400, "invalid_parameter",
             "near");
  CheckError(PostJson(Port(), "/api/v1/search", R"({"modality":[["cbt"]]})"), 400,
             "invalid_parameter", "modality");
  CheckError(PostJson(Port(), "/api/v1/search", R"(["q"])"), 400, "invalid_parameter", "body");
  CheckError(PostJson(Port(), "/api/v1/search", R"({"q":)"), 400, "invalid_json", "body");
  CheckError(PostJson(Port(), "/api/v1/search?q=x", R"({"q":"anxiety"})"), 400, "invalid_parameter",
             "q");
  CheckError(Request(Port(), "POST", "/api/v1/search", {{"Content-Type", "text/plain"}}, "q=x"),
             415, "unsupported_media_type");
  // An empty object is the unfiltered search, as an empty query string is.
  CHECK(WithoutTiming(PostJson(Port(), "/api/v1/search", "{}").body) ==
        WithoutTiming(Get(Port(), "/api/v1/search").body));
}

TEST_CASE("multi-search answers every search in order, each with its result or its own error") {
  HttpResult answer = PostJson(Port(), "/api/v1/multi-search",
                               R"({"searches":[{"q":"grief","limit":2},{"limit":1000},)"
                               R"({"virtual":true,"state":"CA","facets":["mode"]},{"q":7}]})");
  REQUIRE(answer.status == 200);
  rapidjson::Document doc = Json(answer.body);
  REQUIRE(doc["results"].IsArray());
  REQUIRE(doc["results"].Size() == 4);
  const auto entry = [&doc](rapidjson::SizeType i) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    doc["results"][i].Accept(writer);
    return WithoutTiming(buffer.GetString());
  };
  CHECK(entry(0) == WithoutTiming(Get(Port(), "/api/v1/search?q=grief&limit=2").body));
  // The refused search's entry is its status and the error GET gives for it.
  CHECK(entry(1) == "{\"status\":400," + Get(Port(), "/api/v1/search?limit=1000").body.substr(1));
  const rapidjson::Value& refused = doc["results"][1];
  CHECK(refused["status"].GetInt() == 400);
  CHECK(std::string(refused["error"]["field"].GetString()) == "limit");
  CHECK(entry(2) ==
        WithoutTiming(Get(Port(), "/api/v1/search?virtual=true&state=CA&facets=mode").body));
  CHECK(doc["results"][3]["status"].GetInt() == 400);
  CHECK(std::string(doc["results"][3]["error"]["field"].GetString()) == "q");
}

TEST_CASE("multi-search refuses a body that is not a list of 1 to --max-multi-searches searches") {
  std::string eleven = R"({"searches":[)";
  for (int i = 0; i < 11; ++i) eleven += std::string(i ? "," : "") + R"({"q":"grief"})";
  eleven += "]}";
  CheckError(PostJson(Port(), "/api/v1/multi-search", eleven), 400, "invalid_parameter",
             "searches");
  CheckError(PostJson(Port(), "/api/v1/multi-search", R"({"searches":[]})"), 400,
             "invalid_parameter", "searches");
  CheckError(PostJson(Port(), "/api/v1/multi-search", R"({"searches":{"q":"x"}})"), 400,
             "invalid_parameter", "searches");
  CheckError(PostJson(Port(), "/api/v1/multi-search", R"({"searches":[{}],"extra":1})"), 400,
             "invalid_parameter", "extra");
  CheckError(PostJson(Port(), "/api/v1/multi-search", "[]"), 400, "invalid_parameter", "body");
  CheckError(Get(Port(), "/api/v1/multi-search"), 405, "method_not_allowed");
  // Ten is the default bound and is answered.
  std::string ten = R"({"searches":[)";
  for (int i = 0; i < 10; ++i) ten += std::string(i ? "," : "") + R"({"q":"grief","limit":1})";
  ten += "]}";
  HttpResult answer = PostJson(Port(), "/api/v1/multi-search", ten);
  REQUIRE(answer.status == 200);
  CHECK(Json(answer.body)["results"].Size() == 10);
  CHECK(!answer.Header("x-request-cost").empty());
}

TEST_CASE("multi-search passes one key check: every search keeps the key's fixed filter") {
  KeyedData data;
  const std::string key = CreateKey(data.path(), {"--partner", "ca-only", "--filter", "state=CA",
                                                  "--rate", "1000/s", "--burst", "1000"});
  ServerProcess server(data.path(), kNoClientLimits);
  HttpResult answer =
      PostJson(server.port(), "/api/v1/multi-search",
               R"({"searches":[{"limit":5},{"state":"NY","virtual":true}]})", Bearer(key));
  REQUIRE(answer.status == 200);
  rapidjson::Document doc = Json(answer.body);
  CHECK(WithoutTiming(Get(server.port(), "/api/v1/search?limit=5", Bearer(key)).body) == [&doc] {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    doc["results"][0].Accept(writer);
    return WithoutTiming(buffer.GetString());
  }());
  CHECK(doc["results"][0]["total"].GetInt() <
        Json(Get(server.port(), "/api/v1/search").body)["total"].GetInt());
  CheckError(PostJson(server.port(), "/api/v1/multi-search", R"({"searches":[{}]})",
                      Bearer("rk_bogus_key")),
             401, "invalid_api_key");
}

}  // namespace
}  // namespace rapport::testing
