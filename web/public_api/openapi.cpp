// OpenAPI 3.1 generation from the route and parameter tables.
#include "openapi.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "profile_validator.h"
#include "search_params.h"

namespace rapport {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

constexpr std::string_view kSearchPath = "/api/v1/search";
constexpr std::string_view kSuggestPath = "/api/v1/suggest";

// {"type": `type`}, with a description when one is given.
void WriteTyped(Writer& w, const char* type, const char* description = nullptr) {
  w.StartObject();
  w.Key("type");
  w.String(type);
  if (description != nullptr) {
    w.Key("description");
    w.String(description);
  }
  w.EndObject();
}

// {"type": "array", "items": {"type": "object", "properties": {name: string}}}
// for a list of {value, label} entries.
void WriteValueList(Writer& w) {
  w.StartObject();
  w.Key("type");
  w.String("array");
  w.Key("items");
  w.StartObject();
  w.Key("type");
  w.String("object");
  w.Key("properties");
  w.StartObject();
  for (const char* name : {"value", "label"}) {
    w.Key(name);
    WriteTyped(w, "string");
  }
  w.EndObject();
  w.EndObject();
  w.EndObject();
}

// A field of a vocab catalogue entry, as OpenAPI documents it.
struct CatalogueField {
  const char* name;
  const char* type;
  const char* description;
};
constexpr CatalogueField kCatalogueFields[] = {
    {.name = "name", .type = "string", .description = "the search parameter and facets= name"},
    {.name = "label",
     .type = "string",
     .description = "what clients read: panel heading and filter chip"},
    {.name = "vocabulary",
     .type = "string",
     .description = "the member of this answer that lists the values with synonyms"},
    {.name = "profile_path",
     .type = "string",
     .description = "where a profile keeps the values (\"telehealth.modes\"); null when computed"},
    {.name = "filterable", .type = "boolean", .description = "search filters by its values"},
    {.name = "repeatable",
     .type = "boolean",
     .description = "its search parameter repeats, once per value (OR)"},
    {.name = "counted", .type = "boolean", .description = "it may be named in facets="},
    {.name = "panel_position",
     .type = "integer",
     .description = "its place among the client search page's filter panels (1 = first); 0: "
                    "no panel"},
};

// The vocab answer (web/public_api/vocab_answer.h): the vocabulary lists by
// facet vocabulary name, and the facet catalogue the pages build from.
void WriteVocabSchema(Writer& w) {
  w.Key("Vocab");
  w.StartObject();
  w.Key("type");
  w.String("object");
  w.Key("additionalProperties");
  WriteValueList(w);
  w.Key("properties");
  w.StartObject();
  w.Key("catalogue");
  w.StartObject();
  w.Key("type");
  w.String("array");
  w.Key("description");
  w.String("Every facet, in API order, with its values in vocabulary order");
  w.Key("items");
  w.StartObject();
  w.Key("type");
  w.String("object");
  w.Key("properties");
  w.StartObject();
  for (const CatalogueField& field : kCatalogueFields) {
    w.Key(field.name);
    WriteTyped(w, field.type, field.description);
  }
  w.Key("values");
  WriteValueList(w);
  w.EndObject();
  w.EndObject();
  w.EndObject();
  w.EndObject();
  w.EndObject();
}

// The schema of the 200 answer of public endpoints that have one described.
struct ResponseSchema {
  std::string_view path;
  const char* schema;  // a name under #/components/schemas
};
constexpr ResponseSchema kResponseSchemas[] = {{"/api/v1/search", "SearchResponse"},
                                               {"/api/v1/therapists/{id}", "Profile"},
                                               {"/api/v1/directory", "Directory"},
                                               {"/api/v1/vocab", "Vocab"}};

// Schemas of the response members described so far (contact, crisis and the
// directory); the other members are documented in docs/search-api.md. The
// lengths come from the validator's limits.
std::string ResponseSchemasJson() {
  const ValidationLimits limits;
  const std::string https_url = R"({"type":"string","format":"uri","pattern":"^https://",)"
                                R"("maxLength":)" +
                                std::to_string(limits.url_max_chars) + "}";
  const std::string email = R"({"type":"string","format":"email","maxLength":)" +
                            std::to_string(limits.email_max_chars) + "}";
  return R"({"Contact":{"type":"object","additionalProperties":false,)"
         R"("description":"How a client reaches the therapist. Every member is optional; )"
         R"(not full-text searchable.","properties":{)"
         R"("phone":{"type":"string","pattern":"^\\+[1-9][0-9]{6,14}$",)"
         R"("description":"E.164, e.g. +15105550123"},"email":)" +
         email + R"(,"website":)" + https_url + R"(,"booking_url":)" + https_url +
         R"(}},"Profile":{"type":"object","description":"A public profile (DESIGN.md §2).",)"
         R"("properties":{"contact":{"$ref":"#/components/schemas/Contact"}}},)"
         R"("SearchHit":{"type":"object","properties":{"contact":{"oneOf":[)"
         R"({"$ref":"#/components/schemas/Contact"},{"type":"null"}]}}},)"
         R"("SearchResponse":{"type":"object","required":["crisis"],"properties":{)"
         R"("results":{"type":"array","items":{"$ref":"#/components/schemas/SearchHit"}},)"
         R"("crisis":{"type":"boolean","description":"The search names suicide or self-harm )"
         R"((its text or a specialty filter; data/crisis_terms.json): show the 988 Suicide & )"
         R"(Crisis Lifeline and 911 prominently."}}},)"
         R"("Directory":{"type":"object","required":["contact"],"properties":{"contact":{)"
         R"("type":"object","required":["email"],"properties":{"email":)" +
         email + R"(,"website":)" + https_url + "}}}}}";
}

void WriteSchema(Writer& w, const ParamSpec& spec) {
  w.StartObject();
  auto scalar = [&](const char* type) {
    w.Key("type");
    w.String(type);
  };
  switch (spec.type) {
    case ParamType::kText:
    case ParamType::kFacetValue:
    case ParamType::kFacetNames:
      scalar("string");
      break;
    case ParamType::kBoolean:
      scalar("boolean");
      break;
    case ParamType::kInteger:
      scalar("integer");
      if (spec.minimum) w.Key("minimum"), w.Int64(static_cast<int64_t>(*spec.minimum));
      if (spec.maximum) w.Key("maximum"), w.Int64(static_cast<int64_t>(*spec.maximum));
      break;
    case ParamType::kNumber:
      scalar("number");
      if (spec.minimum) w.Key("exclusiveMinimum"), w.Double(*spec.minimum);
      if (spec.maximum) w.Key("maximum"), w.Double(*spec.maximum);
      break;
    case ParamType::kLatLon:
      scalar("string");
      w.Key("pattern");
      w.String("^-?[0-9.]+,-?[0-9.]+$");
      break;
    case ParamType::kStateCode:
      scalar("string");
      w.Key("pattern");
      w.String("^[A-Za-z]{2}$");
      break;
    case ParamType::kChoice:
      scalar("string");
      w.Key("enum");
      w.StartArray();
      for (auto choice : spec.choices) w.String(choice.data(), choice.size());
      w.EndArray();
      break;
  }
  if (!spec.default_value.empty() && spec.type != ParamType::kBoolean) {
    w.Key("default");
    w.String(spec.default_value);
  }
  w.EndObject();
}

void WriteQueryParameter(Writer& w, const ParamSpec& spec) {
  w.StartObject();
  w.Key("name");
  w.String(spec.name.data(), spec.name.size());
  w.Key("in");
  w.String("query");
  w.Key("required");
  w.Bool(false);
  w.Key("description");
  w.String(spec.description);
  w.Key("schema");
  if (spec.type == ParamType::kFacetNames) {
    // A comma-separated list of names: an array, not exploded.
    w.StartObject();
    w.Key("type");
    w.String("array");
    w.Key("items");
    w.StartObject();
    w.Key("type");
    w.String("string");
    w.Key("enum");
    w.StartArray();
    for (auto choice : spec.choices) w.String(choice.data(), choice.size());
    w.EndArray();
    w.EndObject();
    w.EndObject();
    w.Key("style");
    w.String("form");
    w.Key("explode");
    w.Bool(false);
  } else if (spec.repeatable) {
    w.StartObject();
    w.Key("type");
    w.String("array");
    w.Key("items");
    WriteSchema(w, spec);
    w.EndObject();
    w.Key("style");
    w.String("form");
    w.Key("explode");
    w.Bool(true);
  } else {
    WriteSchema(w, spec);
  }
  w.EndObject();
}

// "/api/v1/therapists/{id}" → ["id"].
std::vector<std::string> PathParameters(const std::string& pattern) {
  std::vector<std::string> names;
  size_t open = pattern.find('{');
  while (open != std::string::npos) {
    const size_t close = pattern.find('}', open);
    if (close == std::string::npos) break;
    names.push_back(pattern.substr(open + 1, close - open - 1));
    open = pattern.find('{', close);
  }
  return names;
}

// "content": a JSON body whose schema is `schema` under #/components/schemas.
void WriteJsonContent(Writer& w, const std::string& schema) {
  w.Key("content");
  w.StartObject();
  w.Key("application/json");
  w.StartObject();
  w.Key("schema");
  w.StartObject();
  w.Key("$ref");
  w.String("#/components/schemas/" + schema);
  w.EndObject();
  w.EndObject();
  w.EndObject();
}

void WriteErrorRef(Writer& w, const char* status) {
  w.Key(status);
  w.StartObject();
  w.Key("$ref");
  w.String("#/components/responses/Error");
  w.EndObject();
}

// The rate-limit tokens a public API answer cost (docs/http.md, "Rate limits").
void WriteRequestCostHeader(Writer& w) {
  w.Key("headers");
  w.StartObject();
  w.Key("X-Request-Cost");
  w.StartObject();
  w.Key("description");
  w.String(
      "Rate-limit tokens this request took: the time it held a worker, in units of the server's "
      "cost "
      "unit (rapport-server --cost-unit-ms), at least 1. The bucket refills at the key's "
      "rate (anonymous clients: the per-address rate); a costly request can take it below "
      "zero, and the next requests get 429 until it has refilled.");
  w.Key("schema");
  w.StartObject();
  w.Key("type");
  w.String("integer");
  w.Key("minimum");
  w.Int(1);
  w.EndObject();
  w.EndObject();
  w.EndObject();
}

void WriteResponses(Writer& w, const Route& route, const std::vector<std::string>& path_params) {
  w.Key("responses");
  w.StartObject();
  w.Key("200");
  w.StartObject();
  w.Key("description");
  w.String("OK");
  if (route.access == Access::kPublicApi) WriteRequestCostHeader(w);
  for (const ResponseSchema& described : kResponseSchemas) {
    if (route.access != Access::kPublicApi || route.pattern != described.path) continue;
    WriteJsonContent(w, described.schema);
  }
  w.EndObject();
  if (route.cache == CachePolicy::kProfile || route.cache == CachePolicy::kVocab) {
    w.Key("304");
    w.StartObject();
    w.Key("description");
    w.String("Not modified (If-None-Match matched the ETag)");
    w.EndObject();
  }
  if (route.access == Access::kPublicApi || route.access == Access::kEditor) {
    WriteErrorRef(w, "400");
    WriteErrorRef(w, "401");
  }
  if (!path_params.empty()) WriteErrorRef(w, "404");
  WriteErrorRef(w, "405");
  if (!route.body_types.empty()) {
    WriteErrorRef(w, "413");
    WriteErrorRef(w, "415");
  }
  if (route.access == Access::kPublicApi) {
    w.Key("429");
    w.StartObject();
    w.Key("$ref");
    w.String("#/components/responses/RateLimited");
    w.EndObject();
  }
  WriteErrorRef(w, "500");
  WriteErrorRef(w, "503");
  w.EndObject();
}

void WriteOperation(Writer& w, const Route& route, const std::string& method) {
  std::string lower = method;
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  w.Key(lower.c_str());
  w.StartObject();
  w.Key("summary");
  w.String(route.summary.empty() ? route.pattern : route.summary);
  const std::vector<std::string> path_params = PathParameters(route.pattern);
  const std::vector<ParamSpec>* table = nullptr;
  if (route.pattern == kSearchPath) table = &SearchParamTable();
  if (route.pattern == kSuggestPath) table = &SuggestParamTable();
  w.Key("parameters");
  w.StartArray();
  for (const auto& name : path_params) {
    w.StartObject();
    w.Key("name");
    w.String(name);
    w.Key("in");
    w.String("path");
    w.Key("required");
    w.Bool(true);
    w.Key("schema");
    w.StartObject();
    w.Key("type");
    w.String("string");
    w.EndObject();
    w.EndObject();
  }
  if (table && method == "GET") {
    for (const auto& spec : *table) WriteQueryParameter(w, spec);
  }
  w.EndArray();
  if (!route.body_types.empty()) {
    w.Key("requestBody");
    w.StartObject();
    w.Key("content");
    w.StartObject();
    for (const auto& type : route.body_types) {
      w.Key(type.c_str());
      w.StartObject();
      w.EndObject();
    }
    w.EndObject();
    w.EndObject();
  }
  if (route.access == Access::kPublicApi) {
    // Anonymous use is allowed; a partner key raises limits and fixes filters.
    w.Key("security");
    w.StartArray();
    w.StartObject();
    w.EndObject();
    w.StartObject();
    w.Key("partnerKey");
    w.StartArray();
    w.EndArray();
    w.EndObject();
    w.EndArray();
  }
  WriteResponses(w, route, path_params);
  w.EndObject();
}

void WriteComponents(Writer& w) {
  w.Key("components");
  w.StartObject();
  w.Key("securitySchemes");
  w.StartObject();
  w.Key("partnerKey");
  w.StartObject();
  w.Key("type");
  w.String("http");
  w.Key("scheme");
  w.String("bearer");
  w.Key("description");
  w.String("Partner API key rk_<prefix>_<secret> (rapport-admin keys create)");
  w.EndObject();
  w.EndObject();
  w.Key("schemas");
  w.StartObject();
  WriteVocabSchema(w);
  {
    // The described responses' schemas, written as members of this object.
    rapidjson::Document schemas;
    schemas.Parse(ResponseSchemasJson().c_str());
    for (const auto& member : schemas.GetObject()) {
      w.Key(member.name.GetString(), member.name.GetStringLength());
      member.value.Accept(w);
    }
  }
  w.Key("Error");
  w.StartObject();
  w.Key("type");
  w.String("object");
  w.Key("required");
  w.StartArray();
  w.String("error");
  w.EndArray();
  w.Key("properties");
  w.StartObject();
  w.Key("error");
  w.StartObject();
  w.Key("type");
  w.String("object");
  w.Key("required");
  w.StartArray();
  w.String("code");
  w.String("message");
  w.EndArray();
  w.Key("properties");
  w.StartObject();
  for (const char* name : {"code", "message", "field"}) {
    w.Key(name);
    w.StartObject();
    w.Key("type");
    w.String("string");
    w.EndObject();
  }
  w.EndObject();
  w.EndObject();
  w.EndObject();
  w.EndObject();
  w.EndObject();
  w.Key("responses");
  w.StartObject();
  for (const char* name : {"Error", "RateLimited"}) {
    w.Key(name);
    w.StartObject();
    w.Key("description");
    w.String(std::string(name) == "Error"
                 ? "Error"
                 : "Rate limited (requests are charged by cost, see X-Request-Cost); see "
                   "Retry-After");
    if (std::string(name) == "RateLimited") {
      w.Key("headers");
      w.StartObject();
      w.Key("Retry-After");
      w.StartObject();
      w.Key("schema");
      w.StartObject();
      w.Key("type");
      w.String("integer");
      w.EndObject();
      w.EndObject();
      w.EndObject();
    }
    WriteJsonContent(w, "Error");
    w.EndObject();
  }
  w.EndObject();
  w.EndObject();
}

}  // namespace

std::string BuildOpenApiDocument(const std::vector<Route>& routes) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  w.Key("openapi");
  w.String("3.1.0");
  w.Key("info");
  w.StartObject();
  w.Key("title");
  w.String("Rapport therapist directory API");
  w.Key("version");
  w.String("1");
  w.EndObject();
  w.Key("paths");
  w.StartObject();
  // Several routes may share a path (different methods): group them.
  std::vector<std::string> order;
  for (const auto& route : routes) {
    if (route.access == Access::kPage) continue;
    if (std::find(order.begin(), order.end(), route.pattern) == order.end()) {
      order.push_back(route.pattern);
    }
  }
  for (const auto& pattern : order) {
    w.Key(pattern.c_str());
    w.StartObject();
    std::set<std::string> written;
    for (const auto& route : routes) {
      if (route.pattern != pattern || route.access == Access::kPage) continue;
      for (const auto& method : route.methods) {
        if (written.insert(method).second) WriteOperation(w, route, method);
      }
    }
    w.EndObject();
  }
  w.EndObject();
  WriteComponents(w);
  w.EndObject();
  return buffer.GetString();
}

}  // namespace rapport
