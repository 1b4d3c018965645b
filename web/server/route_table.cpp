// THE route table of rapport-server: every endpoint, one line each, in match
// order. This is the only place that names the handlers of every part; the
// dispatcher (web/http/) and the OpenAPI document (web/public_api/) read the
// table they are given.
#include "route_table.h"

#include "handlers_editor.h"
#include "handlers_fhir.h"
#include "handlers_public.h"

namespace rapport {

const std::vector<Route>& RouteTable() {
  // Columns: methods, path pattern, handler, access class, cache policy,
  // accepted body content types ({}: no body), one-line summary for the
  // OpenAPI document ({}: none), whether a browser-safe partner key may
  // call it (key_policy.h; default: no), whether a read replica refuses
  // it (routes.h, OnReplica; the editor API always), and whether other sites'
  // pages may read it (public API: always; otherwise default: no).
  // clang-format off
  static const std::vector<Route> routes = {
    // ---- public JSON API (DESIGN.md §3) ----
    {{"GET"},    "/api/v1/search",                               HandleSearch,              Access::kPublicApi,  CachePolicy::kSearch,  {},                                             "Search therapists", BrowserKeys::kAccepted},
    {{"POST"},   "/api/v1/search",                               HandleSearch,              Access::kPublicApi,  CachePolicy::kSearch,  {"application/json", "application/x-www-form-urlencoded"}, "Search with the parameters in a JSON or form body", BrowserKeys::kAccepted},
    {{"POST"},   "/api/v1/multi-search",                         HandleMultiSearch,         Access::kPublicApi,  CachePolicy::kNoStore, {"application/json"},                           "Several searches in one request, answered in order", BrowserKeys::kAccepted},
    {{"GET"},    "/api/v1/therapists/{id}",                      HandleProfile,             Access::kPublicApi,  CachePolicy::kProfile, {},                                             "A published therapist profile", BrowserKeys::kAccepted},
    {{"GET"},    "/api/v1/suggest",                              HandleSuggest,             Access::kPublicApi,  CachePolicy::kSearch,  {},                                             "Completions of names, vocabulary labels and words", BrowserKeys::kAccepted},
    {{"GET"},    "/api/v1/vocab",                                HandleVocab,               Access::kPublicApi,  CachePolicy::kVocab,   {},                                             "Facet vocabularies with labels", BrowserKeys::kAccepted},
    {{"GET"},    "/api/v1/directory",                            HandleDirectory,           Access::kPublicApi,  CachePolicy::kVocab,   {},                                             "How to reach the directory itself (for profiles without contact)", BrowserKeys::kAccepted},
    {{"GET"},    "/openapi.json",                                HandleOpenApi,             Access::kPublicApi,  CachePolicy::kVocab,   {},                                             "This document"},
    // ---- read-only FHIR R4 API (docs/interop.md §7); errors are OperationOutcomes ----
    {{"GET"},    "/fhir/metadata",                               HandleFhirMetadata,        Access::kPublicApi,  CachePolicy::kVocab,   {},                                             "FHIR CapabilityStatement: what /fhir serves", BrowserKeys::kRefused, OnReplica::kServed, CrossOrigin::kAnyOrigin, ErrorForm::kOperationOutcome},
    {{"GET"},    "/fhir/PractitionerRole",                       HandleFhirRoleSearch,      Access::kPublicApi,  CachePolicy::kSearch,  {},                                             "FHIR search of PractitionerRole (searchset Bundle; parameters in /fhir/metadata)", BrowserKeys::kRefused, OnReplica::kServed, CrossOrigin::kAnyOrigin, ErrorForm::kOperationOutcome},
    {{"GET"},    "/fhir/Practitioner",                           HandleFhirPractitionerSearch, Access::kPublicApi, CachePolicy::kSearch, {},                                        "FHIR search of Practitioner by identifier (NPI) or _id (searchset Bundle)", BrowserKeys::kRefused, OnReplica::kServed, CrossOrigin::kAnyOrigin, ErrorForm::kOperationOutcome},
    {{"GET"},    "/fhir/Location",                               HandleFhirLocationSearch,  Access::kPublicApi,  CachePolicy::kSearch,  {},                                             "FHIR search of Location by _id (searchset Bundle)", BrowserKeys::kRefused, OnReplica::kServed, CrossOrigin::kAnyOrigin, ErrorForm::kOperationOutcome},
    {{"GET"},    "/fhir/{type}/{id}",                            HandleFhirRead,            Access::kPublicApi,  CachePolicy::kProfile, {},                                             "FHIR read: Practitioner, PractitionerRole, Location, HealthcareService, Organization", BrowserKeys::kRefused, OnReplica::kServed, CrossOrigin::kAnyOrigin, ErrorForm::kOperationOutcome},
    // ---- editor API (docs/editors.md); the handlers authenticate ----
    {{"POST"},   "/api/v1/session",                              HandleLogin,               Access::kEditor,     CachePolicy::kNoStore, {"application/json"},                           "Editor login: sets the session cookie, returns csrf_token"},
    {{"GET"},    "/api/v1/session",                              HandleSessionInfo,         Access::kEditor,     CachePolicy::kNoStore, {},                                             "The logged-in editor and the session's csrf_token"},
    {{"DELETE"}, "/api/v1/session",                              HandleLogout,              Access::kEditor,     CachePolicy::kNoStore, {},                                             "Editor logout"},
    {{"POST"},   "/api/v1/therapists",                           HandleCreateProfile,       Access::kEditor,     CachePolicy::kNoStore, {"application/json"},                           "Create a profile"},
    {{"POST"},   "/api/v1/therapists:batch",                     HandleProfileBatch,        Access::kEditor,     CachePolicy::kNoStore, {"application/x-ndjson", "application/ndjson"}, "Create or update many profiles (NDJSON, admin)"},
    {{"PUT"},    "/api/v1/therapists/{id}",                      HandleUpdateProfile,       Access::kEditor,     CachePolicy::kNoStore, {"application/json"},                           "Replace a profile (If-Match required)"},
    {{"DELETE"}, "/api/v1/therapists/{id}",                      HandleUnpublishProfile,    Access::kEditor,     CachePolicy::kNoStore, {},                                             "Unpublish a profile (history kept)"},
    {{"GET"},    "/api/v1/therapists/{id}/history",              HandleProfileHistory,      Access::kEditor,     CachePolicy::kNoStore, {},                                             "Revisions of a profile"},
    {{"POST"},   "/api/v1/therapists/{id}/restore",              HandleRestoreProfile,      Access::kEditor,     CachePolicy::kNoStore, {"application/json"},                           "Make an earlier revision current"},
    {{"POST"},   "/api/v1/therapists/{id}/confirm-availability", HandleConfirmAvailability, Access::kEditor,     CachePolicy::kNoStore, {},                                             "Record that the therapist confirmed availability today"},
    {{"POST"},   "/api/v1/therapists/{id}/verify",               HandleVerifyProfile,       Access::kEditor,     CachePolicy::kNoStore, {},                                             "Record a license check today"},
    {{"GET"},    "/api/v1/editor/therapists/{id}",               HandleEditorProfile,       Access::kEditor,     CachePolicy::kNoStore, {},                                             "A profile as stored, published or not"},
    {{"GET"},    "/api/v1/editor/stale",                         HandleStaleProfiles,       Access::kEditor,     CachePolicy::kNoStore, {},                                             "Published profiles not verified for ?days= (default 90): the true total, paged by ?limit= (default 100, at most 1000) and ?offset="},
    // ---- operations ----
    {{"GET"},    "/healthz",                                     HandleHealthz,             Access::kOperations, CachePolicy::kNoStore, {},                                             "The process is alive"},
    {{"GET"},    "/readyz",                                      HandleReadyz,              Access::kOperations, CachePolicy::kNoStore, {},                                             "Index open and store reachable; on a replica, not too far behind its primary"},
    {{"GET"},    "/metrics",                                     HandleMetrics,             Access::kOperations, CachePolicy::kNoStore, {},                                             "Prometheus metrics"},
    // ---- web pages ----
    {{"GET"},    "/",                                            HandleIndexPage,           Access::kPage,       CachePolicy::kStatic,  {},                                             {}},
    {{"GET"},    "/therapists/{id}",                             HandleProfilePage,         Access::kPage,       CachePolicy::kStatic,  {},                                             {}},
    {{"GET"},    "/editor",                                      HandleEditorPage,          Access::kPage,       CachePolicy::kStatic,  {},                                             {}, BrowserKeys::kRefused, OnReplica::kPrimary},
    {{"GET"},    "/docs",                                        HandleDocsPage,            Access::kPage,       CachePolicy::kStatic,  {},                                             {}},
    {{"GET"},    "/static/data/cities.json",                     HandleGazetteer,           Access::kPage,       CachePolicy::kStatic,  {},                                             {}},
    // The page modules and stylesheet the widget imports into partner pages.
    {{"GET"},    "/static/js/*",                                 HandleStaticFile,          Access::kPage,       CachePolicy::kStatic,  {},                                             {}, BrowserKeys::kRefused, OnReplica::kServed, CrossOrigin::kAnyOrigin},
    {{"GET"},    "/static/css/*",                                HandleStaticFile,          Access::kPage,       CachePolicy::kStatic,  {},                                             {}, BrowserKeys::kRefused, OnReplica::kServed, CrossOrigin::kAnyOrigin},
    {{"GET"},    "/static/*",                                    HandleStaticFile,          Access::kPage,       CachePolicy::kStatic,  {},                                             {}},
    // ---- the drop-in search widget for partner pages (docs/widget.md) ----
    {{"GET"},    "/embed/v1/*",                                  HandleEmbedScript,         Access::kPage,       CachePolicy::kEmbed,   {},                                             {}, BrowserKeys::kRefused, OnReplica::kServed, CrossOrigin::kAnyOrigin},
  };
  // clang-format on
  return routes;
}

}  // namespace rapport
