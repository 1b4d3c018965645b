// The search answer's "crisis" flag through the real server (GET and POST,
// text and specialty filter, with and without results), and /openapi.json
// describing contact, crisis and the directory as the server answers them.
#include <regex>
#include <set>

#include <doctest/doctest.h>

#include "web_test_util.h"

namespace rapport::testing {
namespace {

int Port() { return SharedServer().port(); }

bool CrisisOf(const HttpResult& answer) {
  REQUIRE_MESSAGE(answer.status == 200, answer.body);
  rapidjson::Document doc = Json(answer.body);
  REQUIRE(doc.HasMember("crisis"));
  REQUIRE(doc["crisis"].IsBool());
  return doc["crisis"].GetBool();
}

bool Crisis(const std::string& query) { return CrisisOf(Get(Port(), "/api/v1/search?" + query)); }

TEST_CASE("searches naming suicide or self-harm answer crisis: true, others false") {
  CHECK(Crisis("q=" + UrlEncode("suicidal thoughts")));
  CHECK(Crisis("q=" + UrlEncode("Self-Harm") + "&state=CA&virtual=true"));
  CHECK(Crisis("q=" + UrlEncode("I want to kill myself")));
  CHECK(Crisis("specialty=self-harm"));
  CHECK(Crisis("specialty=anxiety,suicidal-ideation&limit=1"));
  // With no result at all the flag still comes (the empty state shows the line).
  CHECK(Crisis("q=" + UrlEncode("suicide zzqqxxnotaword") + "&fee_max=0"));
  CHECK_FALSE(Crisis("q=anxiety"));
  CHECK_FALSE(Crisis("q=" + UrlEncode("selfish partner")));
  CHECK_FALSE(Crisis(""));
  CHECK(CrisisOf(Request(Port(), "POST", "/api/v1/search",
                         {{"Content-Type", "application/x-www-form-urlencoded"}},
                         "q=suicide&limit=1")));
}

// The names of a schema's "properties".
std::set<std::string> PropertyNames(const rapidjson::Value& schema) {
  std::set<std::string> names;
  for (const auto& member : schema["properties"].GetObject()) names.insert(member.name.GetString());
  return names;
}

TEST_CASE("openapi.json describes contact, crisis and the directory as the server answers them") {
  rapidjson::Document api = Json(Get(Port(), "/openapi.json").body);
  const auto& schemas = api["components"]["schemas"];
  REQUIRE(schemas.HasMember("Contact"));
  const auto& contact = schemas["Contact"];
  CHECK(PropertyNames(contact) ==
        std::set<std::string>{"phone", "email", "website", "booking_url"});
  const auto schema_ref = [&](const char* path) {
    return std::string(api["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
                          ["schema"]["$ref"]
                              .GetString());
  };
  CHECK(schema_ref("/api/v1/search") == "#/components/schemas/SearchResponse");
  CHECK(schema_ref("/api/v1/therapists/{id}") == "#/components/schemas/Profile");
  CHECK(schema_ref("/api/v1/directory") == "#/components/schemas/Directory");
  CHECK(std::string(schemas["SearchResponse"]["properties"]["crisis"]["type"].GetString()) ==
        "boolean");

  // Every contact the server shows fits the schema: known members, an E.164
  // phone matching the pattern, https URLs within maxLength.
  const std::regex phone(contact["properties"]["phone"]["pattern"].GetString());
  const size_t url_max = contact["properties"]["website"]["maxLength"].GetUint();
  rapidjson::Document page = Json(Get(Port(), "/api/v1/search?limit=100").body);
  int checked = 0;
  for (const auto& hit : page["results"].GetArray()) {
    if (hit["contact"].IsNull()) continue;
    for (const auto& member : hit["contact"].GetObject()) {
      const std::string name = member.name.GetString(), value = member.value.GetString();
      CAPTURE(value);
      CHECK(PropertyNames(contact).count(name) == 1);
      if (name == "phone") CHECK(std::regex_match(value, phone));
      if (name == "website" || name == "booking_url") {
        CHECK(value.rfind("https://", 0) == 0);
        CHECK(value.size() <= url_max);
      }
      ++checked;
    }
  }
  CHECK(checked > 100);
  rapidjson::Document directory = Json(Get(Port(), "/api/v1/directory").body);
  for (const auto& member : directory["contact"].GetObject()) {
    CHECK(PropertyNames(schemas["Directory"]["properties"]["contact"])
              .count(member.name.GetString()) == 1);
  }
}

}  // namespace
}  // namespace rapport::testing
