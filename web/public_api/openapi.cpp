// OpenAPI 3.1 generation from the route, operation and parameter tables
// (openapi.h).
#include "openapi.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>
#include <set>

#include "openapi_operations.h"
#include "openapi_param_schema.h"
#include "openapi_schemas.h"

namespace rapport {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

constexpr int kNotModified = 304;
constexpr int kUnauthorized = 401;
constexpr int kForbidden = 403;
constexpr int kNotFound = 404;
constexpr int kMethodNotAllowed = 405;
constexpr int kPreconditionFailed = 412;
constexpr int kPayloadTooLarge = 413;
constexpr int kUnsupportedMediaType = 415;
constexpr int kPreconditionRequired = 428;
constexpr int kTooManyRequests = 429;
constexpr int kInternal = 500;
constexpr int kUnavailable = 503;

constexpr std::string_view kJsonMediaType = "application/json";
constexpr std::string_view kFhirMediaType = "application/fhir+json";
constexpr std::string_view kFormMediaType = "application/x-www-form-urlencoded";
// The sections of "components" the schema files fill (openapi_schemas.h).
constexpr const char* kComponentSections[] = {"schemas", "responses", "headers", "securitySchemes"};

// The shared response (components/responses) of each failure and of 304.
const std::map<int, const char*>& SharedResponses() {
  static const std::map<int, const char*> responses = {
      {kNotModified, "NotModified"},
      {400, "BadRequest"},
      {kUnauthorized, "Unauthorized"},
      {kForbidden, "Forbidden"},
      {kNotFound, "NotFound"},
      {kMethodNotAllowed, "MethodNotAllowed"},
      {409, "Conflict"},
      {kPreconditionFailed, "PreconditionFailed"},
      {kPayloadTooLarge, "PayloadTooLarge"},
      {kUnsupportedMediaType, "UnsupportedMediaType"},
      {422, "ValidationFailed"},
      {kPreconditionRequired, "PreconditionRequired"},
      {kTooManyRequests, "RateLimited"},
      {kInternal, "Internal"},
      {kUnavailable, "Unavailable"}};
  return responses;
}

void Key(Writer& w, std::string_view key) {
  w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
}

void String(Writer& w, std::string_view text) {
  w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

void Raw(Writer& w, std::string_view json) {
  w.RawValue(json.data(), json.size(), rapidjson::kObjectType);
}

void Ref(Writer& w, std::string_view section, std::string_view name) {
  w.StartObject();
  Key(w, "$ref");
  String(w, "#/components/" + std::string(section) + "/" + std::string(name));
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

const OperationDoc* FindOperation(std::string_view method, std::string_view pattern) {
  for (const OperationDoc& doc : OpenApiOperations()) {
    if (doc.method == method && doc.pattern == pattern) return &doc;
  }
  return nullptr;
}

bool HasStatus(const OperationDoc& doc, int status) {
  return std::find(doc.handler_statuses.begin(), doc.handler_statuses.end(), status) !=
         doc.handler_statuses.end();
}

// True when the answer carries an ETag (If-None-Match may give 304).
bool Revalidated(const Route& route) {
  return route.cache == CachePolicy::kProfile || route.cache == CachePolicy::kVocab;
}

void WriteQueryParameter(Writer& w, const ParamSpec& spec, const OperationDoc& doc) {
  w.StartObject();
  Key(w, "name");
  String(w, spec.name);
  Key(w, "in");
  String(w, "query");
  Key(w, "required");
  w.Bool(std::find(doc.required_params.begin(), doc.required_params.end(), spec.name) !=
         doc.required_params.end());
  Key(w, "description");
  String(w, spec.description);
  Key(w, "schema");
  const std::string value = ParamValueSchemaJson(spec, ParamForm::kQueryString);
  // A repeatable parameter is a list of values; facet names are one already.
  const bool list = spec.repeatable && spec.type != ParamType::kFacetNames;
  if (list) {
    Raw(w, R"({"type":"array","items":)" + value + "}");
  } else {
    Raw(w, value);
  }
  if (spec.type == ParamType::kFacetNames || spec.repeatable) {
    // facets=a,b is one comma list; a repeatable filter repeats its name.
    Key(w, "style");
    String(w, "form");
    Key(w, "explode");
    w.Bool(list);
  }
  for (const auto& [name, example] : doc.query_examples) {
    if (name != spec.name) continue;
    Key(w, "example");
    String(w, example);
  }
  w.EndObject();
}

void WriteHeaderParameter(Writer& w, std::string_view name, bool required,
                          std::string_view description) {
  w.StartObject();
  Key(w, "name");
  String(w, name);
  Key(w, "in");
  String(w, "header");
  Key(w, "required");
  w.Bool(required);
  Key(w, "description");
  String(w, description);
  Key(w, "schema");
  Raw(w, R"({"type":"string"})");
  w.EndObject();
}

void WriteParameters(Writer& w, const Route& route, const OperationDoc& doc) {
  Key(w, "parameters");
  w.StartArray();
  const bool fhir = route.errors == ErrorForm::kOperationOutcome;
  for (const std::string& name : PathParameters(route.pattern)) {
    w.StartObject();
    Key(w, "name");
    String(w, name);
    Key(w, "in");
    String(w, "path");
    Key(w, "required");
    w.Bool(true);
    Key(w, "description");
    if (!fhir) {
      String(w, "The therapist's id, as search results give it");
    } else {
      String(w, name == "type" ? "The FHIR resource type" : "The FHIR resource id");
    }
    Key(w, "schema");
    Ref(w, "schemas", !fhir ? "ProfileId" : name == "type" ? "FhirResourceType" : "FhirId");
    w.EndObject();
  }
  if (doc.query_params != nullptr) {
    for (const ParamSpec& spec : doc.query_params()) WriteQueryParameter(w, spec, doc);
  }
  if (Revalidated(route)) {
    WriteHeaderParameter(w, "If-None-Match", false,
                         "An ETag of an earlier answer: 304 without a body if it is current");
  }
  if (HasStatus(doc, kPreconditionFailed)) {
    WriteHeaderParameter(w, "If-Match", HasStatus(doc, kPreconditionRequired),
                         "The ETag of the version you read: 412 if the profile changed since");
  }
  w.EndArray();
}

void WriteMedia(Writer& w, std::string_view type, std::string_view schema,
                std::string_view json_example) {
  Key(w, type);
  w.StartObject();
  Key(w, "schema");
  if (schema.empty()) {
    Raw(w, R"({"type":"string","description":"One profile JSON object per line"})");
  } else {
    Ref(w, "schemas", schema);
  }
  if (type == kJsonMediaType && !json_example.empty()) {
    Key(w, "example");
    Raw(w, json_example);
  }
  if (type == kFormMediaType) {
    Key(w, "example");
    Raw(w, R"({"q":"anxiety","state":"CA","virtual":true})");
  }
  w.EndObject();
}

void WriteRequestBody(Writer& w, const Route& route, const OperationDoc& doc) {
  if (route.body_types.empty() && doc.request_schema.empty()) return;
  Key(w, "requestBody");
  w.StartObject();
  Key(w, "required");
  w.Bool(!route.body_types.empty());
  Key(w, "content");
  w.StartObject();
  if (route.body_types.empty()) {
    WriteMedia(w, kJsonMediaType, doc.request_schema, doc.request_example);
  }
  for (const std::string& type : route.body_types) {
    const bool structured = type == kJsonMediaType || type == kFormMediaType;
    WriteMedia(w, type, structured ? doc.request_schema : std::string_view(), doc.request_example);
  }
  w.EndObject();
  w.EndObject();
}

void WriteSecurity(Writer& w, Caller caller) {
  // Each inner list is one way to call (OR); its schemes go together (AND).
  static const std::map<Caller, std::vector<std::vector<const char*>>> kWays = {
      {Caller::kAnyone, {}},
      {Caller::kAnyoneOrPartner, {{}, {"partnerKey"}}},
      {Caller::kEditorReading, {{"editorSession"}, {"editorToken"}}},
      {Caller::kEditorChanging, {{"editorSession", "csrfToken"}, {"editorToken"}}}};
  Key(w, "security");
  w.StartArray();
  for (const auto& way : kWays.at(caller)) {
    w.StartObject();
    for (const char* scheme : way) {
      Key(w, scheme);
      w.StartArray();
      w.EndArray();
    }
    w.EndObject();
  }
  w.EndArray();
}

void WriteHeaderRef(Writer& w, std::string_view name, std::string_view component) {
  Key(w, name);
  Ref(w, "headers", component);
}

void WriteSuccess(Writer& w, const Route& route, const OperationDoc& doc) {
  Key(w, std::to_string(doc.success_status));
  w.StartObject();
  Key(w, "description");
  String(w, route.summary.empty() ? "OK" : route.summary);
  Key(w, "headers");
  w.StartObject();
  if (route.access == Access::kPublicApi) {
    WriteHeaderRef(w, "X-Request-Cost", "RequestCost");
    WriteHeaderRef(w, "RateLimit-Limit", "RateLimitLimit");
    WriteHeaderRef(w, "RateLimit-Remaining", "RateLimitRemaining");
    WriteHeaderRef(w, "RateLimit-Reset", "RateLimitReset");
  }
  if (Revalidated(route) || doc.success_schema == "EditorProfile") {
    WriteHeaderRef(w, "ETag", "ETag");
  }
  if (doc.operation_id == "createTherapist") WriteHeaderRef(w, "Location", "Location");
  if (doc.operation_id == "logIn") WriteHeaderRef(w, "Set-Cookie", "SetSessionCookie");
  w.EndObject();
  if (!doc.success_schema.empty()) {
    Key(w, "content");
    w.StartObject();
    Key(w, doc.success_media);
    w.StartObject();
    Key(w, "schema");
    Ref(w, "schemas", doc.success_schema);
    w.EndObject();
    w.EndObject();
  }
  w.EndObject();
}

// Every status the operation can answer besides success: its handler's own
// and those the dispatcher gives for its access class, path and body.
std::set<int> FailureStatuses(const Route& route, const OperationDoc& doc) {
  std::set<int> statuses(doc.handler_statuses.begin(), doc.handler_statuses.end());
  statuses.insert(kMethodNotAllowed);
  if (route.access != Access::kOperations) statuses.insert({kInternal, kUnavailable});
  if (route.access == Access::kPublicApi) {
    statuses.insert({kUnauthorized, kForbidden, kTooManyRequests});
  }
  if (doc.caller == Caller::kEditorReading || doc.caller == Caller::kEditorChanging) {
    statuses.insert(kUnauthorized);
  }
  if (doc.caller == Caller::kEditorChanging) statuses.insert(kForbidden);
  if (!PathParameters(route.pattern).empty()) statuses.insert(kNotFound);
  if (!route.body_types.empty()) statuses.insert({kPayloadTooLarge, kUnsupportedMediaType});
  if (Revalidated(route)) statuses.insert(kNotModified);
  return statuses;
}

// A /fhir failure: the OperationOutcome form of the error (operation_outcome.h).
void WriteOperationOutcome(Writer& w, int status) {
  w.StartObject();
  Key(w, "description");
  String(w, "Error " + std::to_string(status) + " as a FHIR OperationOutcome");
  Key(w, "content");
  w.StartObject();
  Key(w, kFhirMediaType);
  w.StartObject();
  Key(w, "schema");
  Ref(w, "schemas", "FhirOperationOutcome");
  w.EndObject();
  w.EndObject();
  w.EndObject();
}

void WriteResponses(Writer& w, const Route& route, const OperationDoc& doc) {
  Key(w, "responses");
  w.StartObject();
  WriteSuccess(w, route, doc);
  for (int status : FailureStatuses(route, doc)) {
    Key(w, std::to_string(status));
    if (route.errors == ErrorForm::kOperationOutcome && status != kNotModified) {
      WriteOperationOutcome(w, status);
    } else {
      Ref(w, "responses", SharedResponses().at(status));
    }
  }
  w.EndObject();
}

void WriteOperation(Writer& w, const Route& route, const std::string& method) {
  std::string lower = method;
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  Key(w, lower);
  w.StartObject();
  Key(w, "summary");
  String(w, route.summary.empty() ? route.pattern : route.summary);
  const OperationDoc* doc = FindOperation(method, route.pattern);
  if (doc == nullptr) {
    // No entry in OpenApiOperations(): tests/web/openapi_test.cpp says which.
    w.EndObject();
    return;
  }
  if (!doc->description.empty()) {
    Key(w, "description");
    String(w, doc->description);
  }
  Key(w, "operationId");
  String(w, doc->operation_id);
  Key(w, "tags");
  w.StartArray();
  String(w, doc->tag);
  w.EndArray();
  WriteParameters(w, route, *doc);
  WriteRequestBody(w, route, *doc);
  WriteSecurity(w, doc->caller);
  WriteResponses(w, route, *doc);
  w.EndObject();
}

void WritePaths(Writer& w, const std::vector<Route>& routes) {
  Key(w, "paths");
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
    Key(w, pattern);
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
}

// "components": the sections of every schema file, merged.
void WriteComponents(Writer& w, const ServerConfig& config) {
  const std::string texts[] = {OpenApiCommonComponents(), OpenApiSearchComponents(config),
                               OpenApiProfileComponents(), OpenApiEditorComponents(),
                               OpenApiFhirComponents()};
  std::vector<rapidjson::Document> parts(std::size(texts));
  for (size_t i = 0; i < parts.size(); ++i) parts[i].Parse(texts[i].c_str(), texts[i].size());
  Key(w, "components");
  w.StartObject();
  for (const char* section : kComponentSections) {
    Key(w, section);
    w.StartObject();
    for (const rapidjson::Document& part : parts) {
      if (!part.IsObject() || !part.HasMember(section)) continue;
      for (const auto& member : part[section].GetObject()) {
        w.Key(member.name.GetString(), member.name.GetStringLength());
        member.value.Accept(w);
      }
    }
    w.EndObject();
  }
  w.EndObject();
}

void WriteInfo(Writer& w) {
  Raw(w, R"({"title":"Rapport therapist directory API","version":"1",)"
         R"("summary":"Search a therapist directory, read profiles, and edit them.",)"
         R"("description":"Every failure answers {\"error\":{\"code\",\"message\",\"field\"}} )"
         R"(with the status that fits (docs/http.md). Public operations take an optional )"
         R"(partner key; the editor operations a session cookie with X-CSRF-Token or an )"
         R"(editor token. Searches are health information: the server never logs their text.",)"
         R"("license":{"name":"Proprietary"}})");
}

void WriteTags(Writer& w) {
  Key(w, "tags");
  w.StartArray();
  for (const TagDoc& tag : OpenApiTags()) {
    w.StartObject();
    Key(w, "name");
    String(w, tag.name);
    Key(w, "description");
    String(w, tag.description);
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace

std::string BuildOpenApiDocument(const std::vector<Route>& routes, const ServerConfig& config) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  Key(w, "openapi");
  String(w, "3.1.0");
  Key(w, "info");
  WriteInfo(w);
  Key(w, "servers");
  Raw(w, R"([{"url":"/","description":"The server that serves this document"}])");
  WriteTags(w);
  WritePaths(w, routes);
  WriteComponents(w, config);
  w.EndObject();
  return buffer.GetString();
}

}  // namespace rapport
