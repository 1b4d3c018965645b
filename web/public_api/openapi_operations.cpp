// The operations of the OpenAPI document (openapi_operations.h).
#include "openapi_operations.h"

#include <string>
#include <utility>

#include "editor_config.h"

namespace rapport {
namespace {

constexpr std::string_view kSearchTag = "Search";
constexpr std::string_view kProfilesTag = "Profiles and vocabulary";
constexpr std::string_view kSessionTag = "Editor session";
constexpr std::string_view kEditingTag = "Editing profiles";
constexpr std::string_view kOperationsTag = "Operations";
constexpr std::string_view kFhirTag = "FHIR";
constexpr std::string_view kFhirMedia = "application/fhir+json";

constexpr int kBadRequest = 400;
constexpr int kUnauthorized = 401;
constexpr int kForbidden = 403;
constexpr int kNotAcceptable = 406;
constexpr int kConflict = 409;
constexpr int kPreconditionFailed = 412;
constexpr int kUnprocessable = 422;
constexpr int kPreconditionRequired = 428;
constexpr int kTooManyRequests = 429;
constexpr int kUnavailable = 503;
constexpr int kCreated = 201;
constexpr int kNoContent = 204;

// A FHIR search parameter of comma-separated values (OR), as the FHIR
// searches by id read them (besides _count and _offset, as every FHIR search).
ParamSpec FhirListParam(std::string_view name, std::string description) {
  ParamSpec spec;
  spec.name = name;
  spec.comma_separated = true;
  spec.description = std::move(description);
  return spec;
}

const std::vector<ParamSpec>& FhirPractitionerSearchParams() {
  static const std::vector<ParamSpec> table = {
      FhirListParam("identifier",
                    "NPIs, as http://hl7.org/fhir/sid/us-npi|N or bare; commas for OR; a wrong "
                    "check digit is 400"),
      FhirListParam("_id", "Practitioner ids (docs/interop.md §1); commas for OR")};
  return table;
}

const std::vector<ParamSpec>& FhirLocationSearchParams() {
  static const std::vector<ParamSpec> table = {
      FhirListParam("_id", "Location ids (docs/interop.md §1); commas for OR")};
  return table;
}

}  // namespace

const std::vector<ParamSpec>& StaleListParamTable() {
  static const std::vector<ParamSpec> table = [] {
    const EditorConfig config;
    return std::vector<ParamSpec>{
        IntegerParam("days", 1, config.stale_max_days, std::to_string(config.stale_default_days),
                     "Profiles whose license was last checked more than this many days ago"),
        IntegerParam("limit", 1, config.stale_max_limit, std::to_string(config.stale_default_limit),
                     "Profiles per page"),
        IntegerParam("offset", 0, config.stale_max_offset, "0", "Profiles to skip (paging)")};
  }();
  return table;
}

const std::vector<OperationDoc>& OpenApiOperations() {
  static const std::vector<OperationDoc> operations = {
      {.method = "GET",
       .pattern = "/api/v1/search",
       .operation_id = "searchTherapists",
       .tag = kSearchTag,
       .success_schema = "SearchResponse",
       .handler_statuses = {kBadRequest},
       .query_params = SearchParamTable,
       .query_examples = {{"q", "anxiety"}, {"state", "CA"}},
       .description = "Full-text search with filters, facet counts, paging by offset or cursor "
                      "(docs/search-api.md)."},
      {.method = "POST",
       .pattern = "/api/v1/search",
       .operation_id = "searchTherapistsWithBody",
       .tag = kSearchTag,
       .success_schema = "SearchResponse",
       .request_schema = "SearchParameters",
       .request_example = R"({"q":"panic attacks","modality":["cbt","emdr"],"virtual":true,)"
                          R"("state":"CA","limit":10})",
       .handler_statuses = {kBadRequest},
       .description = "The same search with its parameters in a JSON object or a form body "
                      "(no query string)."},
      {.method = "POST",
       .pattern = "/api/v1/multi-search",
       .operation_id = "multiSearch",
       .tag = kSearchTag,
       .success_schema = "MultiSearchResponse",
       .request_schema = "MultiSearchRequest",
       .request_example = R"({"searches":[{"q":"grief","limit":3},)"
                          R"({"virtual":true,"state":"CA","limit":5}]})",
       .handler_statuses = {kBadRequest},
       .description = "Each search is answered in order with its result or its own status and "
                      "error; one key check, charged by the whole request's cost."},
      {.method = "GET",
       .pattern = "/api/v1/therapists/{id}",
       .operation_id = "getTherapist",
       .tag = kProfilesTag,
       .success_schema = "Profile",
       .handler_statuses = {kBadRequest},
       .description = "A browser that prefers text/html gets the profile page instead."},
      {.method = "GET",
       .pattern = "/api/v1/suggest",
       .operation_id = "suggest",
       .tag = kSearchTag,
       .success_schema = "SuggestResponse",
       .handler_statuses = {kBadRequest},
       .query_params = SuggestParamTable,
       .required_params = {"q"},
       .query_examples = {{"q", "anx"}}},
      {.method = "GET",
       .pattern = "/api/v1/vocab",
       .operation_id = "getVocabulary",
       .tag = kProfilesTag,
       .success_schema = "Vocab",
       .handler_statuses = {kBadRequest}},
      {.method = "GET",
       .pattern = "/api/v1/directory",
       .operation_id = "getDirectoryContact",
       .tag = kProfilesTag,
       .success_schema = "Directory",
       .handler_statuses = {kBadRequest}},
      {.method = "GET",
       .pattern = "/openapi.json",
       .operation_id = "getOpenApiDocument",
       .tag = kOperationsTag,
       .success_schema = "OpenApiDocument"},
      {.method = "GET",
       .pattern = "/fhir/metadata",
       .operation_id = "getFhirCapabilityStatement",
       .tag = kFhirTag,
       .success_schema = "FhirCapabilityStatement",
       .success_media = kFhirMedia,
       .handler_statuses = {kBadRequest, kNotAcceptable},
       .description = "What /fhir serves: resources, interactions, search parameters, includes."},
      {.method = "GET",
       .pattern = "/fhir/PractitionerRole",
       .operation_id = "searchFhirPractitionerRoles",
       .tag = kFhirTag,
       .success_schema = "FhirBundle",
       .success_media = kFhirMedia,
       .handler_statuses = {kBadRequest, kNotAcceptable},
       .description = "FHIR search parameters (specialty, location.address-state, "
                      "service.delivery-method, licensed-state, network, _include, _count, "
                      "_offset) as GET /fhir/metadata lists them; the same matches, order and "
                      "total as GET /api/v1/search with the translated filters "
                      "(docs/interop.md §7.2). Or _id, or practitioner=Practitioner/{id}, "
                      "alone (with _include and paging): those roles. Unknown parameters: 400, "
                      "or ignored with Prefer: handling=lenient."},
      {.method = "GET",
       .pattern = "/fhir/Practitioner",
       .operation_id = "searchFhirPractitioners",
       .tag = kFhirTag,
       .success_schema = "FhirBundle",
       .success_media = kFhirMedia,
       .handler_statuses = {kBadRequest, kNotAcceptable},
       .query_params = FhirPractitionerSearchParams,
       .query_examples = {{"identifier", "http://hl7.org/fhir/sid/us-npi|1149145926"}},
       .description = "Practitioners by identifier (an NPI: http://hl7.org/fhir/sid/us-npi|N or "
                      "bare; a wrong check digit is 400) or by _id; commas for OR, _count and "
                      "_offset page. An unknown NPI or id: an empty searchset."},
      {.method = "GET",
       .pattern = "/fhir/Location",
       .operation_id = "searchFhirLocations",
       .tag = kFhirTag,
       .success_schema = "FhirBundle",
       .success_media = kFhirMedia,
       .handler_statuses = {kBadRequest, kNotAcceptable},
       .query_params = FhirLocationSearchParams,
       .query_examples = {{"_id", "t-0000001-office-1"}},
       .description = "Locations by _id (ids: docs/interop.md §1); commas for OR, _count and "
                      "_offset page. An unknown id: an empty searchset."},
      {.method = "GET",
       .pattern = "/fhir/{type}/{id}",
       .operation_id = "readFhirResource",
       .tag = kFhirTag,
       .success_schema = "FhirResource",
       .success_media = kFhirMedia,
       .handler_statuses = {kBadRequest, kNotAcceptable},
       .description = "A Practitioner, PractitionerRole, Location, HealthcareService or "
                      "Organization of a published profile (ids: docs/interop.md §1)."},
      {.method = "POST",
       .pattern = "/api/v1/session",
       .operation_id = "logIn",
       .tag = kSessionTag,
       .caller = Caller::kAnyone,
       .success_schema = "Session",
       .request_schema = "LoginRequest",
       .request_example =
           R"({"email":"ada@rapport.example","password":"correct horse battery staple"})",
       .handler_statuses = {kBadRequest, kUnauthorized, kTooManyRequests},
       .description = "Sets the HttpOnly session cookie; failed logins are delayed (429)."},
      {.method = "GET",
       .pattern = "/api/v1/session",
       .operation_id = "getSession",
       .tag = kSessionTag,
       .caller = Caller::kEditorReading,
       .success_schema = "Session"},
      {.method = "DELETE",
       .pattern = "/api/v1/session",
       .operation_id = "logOut",
       .tag = kSessionTag,
       .caller = Caller::kEditorChanging,
       .success_status = kNoContent,
       .handler_statuses = {kForbidden}},
      {.method = "POST",
       .pattern = "/api/v1/therapists",
       .operation_id = "createTherapist",
       .tag = kEditingTag,
       .caller = Caller::kEditorChanging,
       .success_status = kCreated,
       .success_schema = "EditorProfile",
       .request_schema = "ProfileWrite",
       .handler_statuses = {kBadRequest, kForbidden, kConflict, kUnprocessable}},
      {.method = "POST",
       .pattern = "/api/v1/therapists:batch",
       .operation_id = "batchTherapists",
       .tag = kEditingTag,
       .caller = Caller::kEditorChanging,
       .success_schema = "BatchAnswer",
       .handler_statuses = {kBadRequest, kForbidden},
       .description = "Admin role. One profile per line; every line gets a result, the valid "
                      "ones are written together."},
      {.method = "PUT",
       .pattern = "/api/v1/therapists/{id}",
       .operation_id = "replaceTherapist",
       .tag = kEditingTag,
       .caller = Caller::kEditorChanging,
       .success_schema = "EditorProfile",
       .request_schema = "ProfileWrite",
       .handler_statuses = {kBadRequest, kForbidden, kPreconditionFailed, kUnprocessable,
                            kPreconditionRequired}},
      {.method = "DELETE",
       .pattern = "/api/v1/therapists/{id}",
       .operation_id = "unpublishTherapist",
       .tag = kEditingTag,
       .caller = Caller::kEditorChanging,
       .success_schema = "EditorProfile",
       .handler_statuses = {kBadRequest, kForbidden, kPreconditionFailed}},
      {.method = "GET",
       .pattern = "/api/v1/therapists/{id}/history",
       .operation_id = "getTherapistHistory",
       .tag = kEditingTag,
       .caller = Caller::kEditorReading,
       .success_schema = "History"},
      {.method = "POST",
       .pattern = "/api/v1/therapists/{id}/restore",
       .operation_id = "restoreTherapist",
       .tag = kEditingTag,
       .caller = Caller::kEditorChanging,
       .success_schema = "EditorProfile",
       .request_schema = "RestoreRequest",
       .request_example = R"({"version":1})",
       .handler_statuses = {kBadRequest, kForbidden}},
      {.method = "POST",
       .pattern = "/api/v1/therapists/{id}/confirm-availability",
       .operation_id = "confirmAvailability",
       .tag = kEditingTag,
       .caller = Caller::kEditorChanging,
       .success_schema = "EditorProfile",
       .request_schema = "ConfirmAvailabilityRequest",
       .request_example = R"({"accepting_new_clients":true})",
       .handler_statuses = {kBadRequest, kForbidden, kConflict}},
      {.method = "POST",
       .pattern = "/api/v1/therapists/{id}/verify",
       .operation_id = "verifyTherapist",
       .tag = kEditingTag,
       .caller = Caller::kEditorChanging,
       .success_schema = "EditorProfile",
       .handler_statuses = {kForbidden, kConflict}},
      {.method = "GET",
       .pattern = "/api/v1/editor/therapists/{id}",
       .operation_id = "getEditorTherapist",
       .tag = kEditingTag,
       .caller = Caller::kEditorReading,
       .success_schema = "EditorProfile"},
      {.method = "GET",
       .pattern = "/api/v1/editor/stale",
       .operation_id = "listStaleTherapists",
       .tag = kEditingTag,
       .caller = Caller::kEditorReading,
       .success_schema = "StaleList",
       .handler_statuses = {kBadRequest},
       .query_params = StaleListParamTable},
      {.method = "GET",
       .pattern = "/healthz",
       .operation_id = "getHealth",
       .tag = kOperationsTag,
       .caller = Caller::kAnyone,
       .success_schema = "Health"},
      {.method = "GET",
       .pattern = "/readyz",
       .operation_id = "getReadiness",
       .tag = kOperationsTag,
       .caller = Caller::kAnyone,
       .success_schema = "Ready",
       .handler_statuses = {kUnavailable}},
      {.method = "GET",
       .pattern = "/metrics",
       .operation_id = "getMetrics",
       .tag = kOperationsTag,
       .caller = Caller::kAnyone,
       .success_schema = "MetricsText",
       .success_media = "text/plain"},
  };
  return operations;
}

const std::vector<TagDoc>& OpenApiTags() {
  static const std::vector<TagDoc> tags = {
      {.name = kSearchTag,
       .description = "Find therapists: search, several searches at once, completions. Public; "
                      "a partner key is optional."},
      {.name = kProfilesTag,
       .description = "Read a published profile, the vocabularies and how to reach the "
                      "directory. Public."},
      {.name = kFhirTag,
       .description = "Read-only FHIR R4 provider directory (application/fhir+json; errors "
                      "as OperationOutcome); GET /fhir/metadata lists what it serves."},
      {.name = kSessionTag, .description = "Editor login and logout (docs/editors.md)."},
      {.name = kEditingTag,
       .description = "Create, change, unpublish and restore profiles; freshness checks. "
                      "Editors only."},
      {.name = kOperationsTag,
       .description = "This document, liveness, readiness and Prometheus metrics."},
  };
  return tags;
}

}  // namespace rapport
