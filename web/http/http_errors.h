// Translating an Error into the JSON error answer of DESIGN.md §3:
//   {"error":{"code":"invalid_parameter","message":"…","field":"limit"}}
// plus the errors the HTTP layer itself raises (405, 413, 415, 429, 503).
#pragma once

#include <string>
#include <vector>

#include "error.h"
#include "http_types.h"

namespace rapport {

// The JSON error body and status of `error`. A 500 or an index_unavailable
// keeps its code but never shows internals: its message is replaced by a
// generic one and the original is kept in `log_detail` for the log.
HttpResponse ErrorResponse(const Error& error);

Error MethodNotAllowed(const std::vector<std::string>& allowed);
Error PayloadTooLarge(size_t limit_bytes);
Error UnsupportedMediaType(const std::vector<std::string>& accepted);
Error RateLimited(int retry_after_seconds);
Error Overloaded();
Error Unauthorized(const std::string& message);
Error UriTooLong(size_t limit_bytes);

// "a, b, c": lists in header values (Allow) and messages.
std::string CommaJoined(const std::vector<std::string>& items);

// 405 with `Allow: <allowed methods>`; the message names them too.
HttpResponse MethodNotAllowedResponse(const std::vector<std::string>& allowed);
// 429 with `Retry-After: <seconds>`.
HttpResponse RateLimitedResponse(int retry_after_seconds);
// `error` (a 429 or 503) with `Retry-After: <seconds>`.
HttpResponse RetryLaterResponse(const Error& error, int retry_after_seconds);

}  // namespace rapport
