// GET /openapi.json: a parseable OpenAPI 3.1 document that describes what the
// server really accepts — every documented search and suggest parameter is
// accepted with a valid value, an undocumented one is rejected, and every
// API route of the route table is an operation with an id. tests/api lints the
// document and validates real answers against it.
#include <doctest/doctest.h>

#include <cctype>
#include <set>
#include <string>
#include <string_view>

#include "facet_catalogue.h"
#include "openapi_operations.h"
#include "route_table.h"
#include "web_test_util.h"

namespace rapport::testing {
namespace {

// A valid value for a documented parameter, from its schema (and the
// vocabulary for facet values).
std::string ValidValue(const rapidjson::Value& parameter, const rapidjson::Document& vocab) {
  const std::string name = parameter["name"].GetString();
  const rapidjson::Value& schema = parameter["schema"];
  const std::string type = schema["type"].GetString();
  const rapidjson::Value& item = type == "array" ? schema["items"] : schema;
  if (item.HasMember("enum")) return item["enum"][0].GetString();
  if (name == "q") return "anxiety";
  if (name == "near") return "37.80,-122.27";
  if (name == "state") return "CA";
  if (name == "cursor") return "*";
  const std::string item_type = item["type"].GetString();
  if (item_type == "boolean") return "true";
  if (item_type == "integer") {
    return std::to_string(item.HasMember("maximum") ? item["maximum"].GetInt64() : 1);
  }
  if (item_type == "number") return std::to_string(item["maximum"].GetDouble());
  if (vocab.HasMember(name.c_str())) return vocab[name.c_str()][0]["value"].GetString();
  FAIL("no valid value known for parameter " << name);
  return "";
}

TEST_CASE("openapi.json is OpenAPI 3.1 and lists every API endpoint") {
  HttpResult result = Get(SharedServer().port(), "/openapi.json");
  REQUIRE(result.status == 200);
  CHECK(result.Header("access-control-allow-origin") == "*");
  rapidjson::Document doc = Json(result.body);
  CHECK(std::string(doc["openapi"].GetString()) == "3.1.0");
  for (const char* path : {"/api/v1/search", "/api/v1/therapists/{id}", "/api/v1/suggest",
                           "/api/v1/vocab", "/openapi.json", "/healthz", "/readyz", "/metrics"}) {
    CAPTURE(path);
    REQUIRE(doc["paths"].HasMember(path));
    CHECK(doc["paths"][path].HasMember("get"));
  }
  const auto& profile = doc["paths"]["/api/v1/therapists/{id}"]["get"];
  CHECK(profile["responses"].HasMember("404"));
  CHECK(profile["responses"].HasMember("304"));
  CHECK(doc["paths"]["/api/v1/search"]["get"]["responses"].HasMember("429"));
  CHECK(doc["components"]["schemas"].HasMember("Error"));
}

TEST_CASE("every documented parameter is accepted, an undocumented one is rejected") {
  const int port = SharedServer().port();
  rapidjson::Document doc = Json(Get(port, "/openapi.json").body);
  rapidjson::Document vocab = Json(Get(port, "/api/v1/vocab").body);
  int checked = 0;
  for (const char* path : {"/api/v1/search", "/api/v1/suggest"}) {
    const auto& parameters = doc["paths"][path]["get"]["parameters"];
    std::string required;
    if (std::string(path) == "/api/v1/suggest") required = "q=anx&";
    for (const auto& parameter : parameters.GetArray()) {
      const std::string name = parameter["name"].GetString();
      if (std::string(path) == "/api/v1/suggest" && name == "q") continue;
      // A radius only means something around a point.
      const std::string companion = name == "radius_km" ? "near=37.80,-122.27&" : "";
      const std::string target = std::string(path) + "?" + required + companion + name + "=" +
                                 UrlEncode(ValidValue(parameter, vocab));
      CAPTURE(target);
      HttpResult answer = Get(port, target);
      CHECK_MESSAGE(answer.status == 200, answer.body);
      ++checked;
    }
    CheckError(Get(port, std::string(path) + "?" + required + "undocumented=1"), 400,
               "invalid_parameter", "undocumented");
  }
  CHECK(checked >= 25);
}

// The search parameter named `name` of the document, or nullptr.
const rapidjson::Value* SearchParameter(const rapidjson::Document& doc, std::string_view name) {
  for (const auto& parameter : doc["paths"]["/api/v1/search"]["get"]["parameters"].GetArray()) {
    if (name == parameter["name"].GetString()) return &parameter;
  }
  return nullptr;
}

TEST_CASE("every facet of the catalogue is documented: its filter, its count and its q field") {
  rapidjson::Document doc = Json(Get(SharedServer().port(), "/openapi.json").body);
  const rapidjson::Value* facets = SearchParameter(doc, "facets");
  REQUIRE(facets != nullptr);
  std::set<std::string> countable;
  for (const auto& name : (*facets)["schema"]["items"]["enum"].GetArray()) {
    countable.insert(name.GetString());
  }
  const rapidjson::Value* q = SearchParameter(doc, "q");
  REQUIRE(q != nullptr);
  const std::string q_description = (*q)["description"].GetString();
  for (const FacetSpec& facet : FacetCatalogue()) {
    CAPTURE(facet.name);
    const std::string name(facet.name);
    if (facet.filterable) CHECK(SearchParameter(doc, name) != nullptr);
    CHECK(countable.count(name) == (facet.counted ? 1 : 0));
    if (facet.query_field) CHECK(q_description.find(" " + name + ":") != std::string::npos);
  }
}

// "GET" → "get", as OpenAPI names methods.
std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

TEST_CASE("every API and operations route of the route table is a documented operation") {
  rapidjson::Document doc = Json(Get(SharedServer().port(), "/openapi.json").body);
  std::set<std::string> operation_ids;
  int operations = 0;
  for (const Route& route : RouteTable()) {
    if (route.access == Access::kPage) continue;
    for (const std::string& method : route.methods) {
      CAPTURE(method);
      CAPTURE(route.pattern);
      REQUIRE(doc["paths"].HasMember(route.pattern.c_str()));
      const rapidjson::Value& item = doc["paths"][route.pattern.c_str()];
      REQUIRE(item.HasMember(Lower(method).c_str()));
      const rapidjson::Value& operation = item[Lower(method).c_str()];
      // Without an entry in OpenApiOperations() the operation has no id.
      REQUIRE_MESSAGE(operation.HasMember("operationId"),
                      "add the route to OpenApiOperations() (openapi_operations.cpp)");
      CHECK(operation_ids.insert(operation["operationId"].GetString()).second);
      CHECK(operation["responses"].MemberCount() >= 2);
      CHECK(operation.HasMember("security"));
      ++operations;
    }
  }
  // And nothing documented that the server does not route.
  CHECK(OpenApiOperations().size() == static_cast<size_t>(operations));
}

}  // namespace
}  // namespace rapport::testing
