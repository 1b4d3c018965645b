// OperationOutcome: the FHIR R4 form of an error (docs/interop.md §7.5), for
// the /fhir routes. Handlers there answer OperationOutcomeResponse(error);
// the dispatcher and the HTTP server turn their own JSON errors (401, 404,
// 405, 413, 429, 503, ...) into the same form for a route whose errors are
// ErrorForm::kOperationOutcome (routes.h), keeping status and headers.
#pragma once

#include <string>
#include <string_view>

#include "error.h"
#include "http_types.h"

namespace rapport {

inline constexpr std::string_view kFhirJsonType = "application/fhir+json; charset=utf-8";

// FHIR issue type codes Rapport raises itself (Error::code may carry one).
namespace fhir_issue {
inline constexpr std::string_view kInvalid = "invalid";
inline constexpr std::string_view kCodeInvalid = "code-invalid";
inline constexpr std::string_view kNotSupported = "not-supported";
inline constexpr std::string_view kTooCostly = "too-costly";
inline constexpr std::string_view kNotFound = "not-found";
}  // namespace fhir_issue

// The issue code of `error`: its code when it is already a FHIR issue code,
// otherwise the one its HTTP status implies (400 invalid, 401 login, 403
// forbidden, 404 not-found, 405/406/415 not-supported, 413/414 too-long, 429
// throttled, 503 transient, 5xx exception).
[[nodiscard]] std::string IssueCode(const Error& error);

// {"resourceType":"OperationOutcome","issue":[{severity, code, diagnostics,
// expression}]} with `severity` and one issue.
[[nodiscard]] std::string OperationOutcomeJson(const Error& error, std::string_view severity);

// The answer for `error` (a 500 or index_unavailable shows no internals, as
// ErrorResponse), typed application/fhir+json.
[[nodiscard]] HttpResponse OperationOutcomeResponse(const Error& error);

// Rewrites a JSON error answer ({"error":{code,message,field}}) as an
// OperationOutcome, keeping its status and headers; other answers unchanged.
void RewriteAsOperationOutcome(HttpResponse& response);

}  // namespace rapport
