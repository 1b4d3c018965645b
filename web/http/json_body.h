// Reading a request body as JSON, for every handler that takes one (the
// editor API's profiles and logins, the public API's JSON searches).
//
//   rapidjson::Document body;
//   if (Status parsed = ParseJsonBody(request.body, BodyJsonLimits(config), body); !parsed)
//     return ErrorResponse(parsed.error());
#pragma once

#include <string>

#include <rapidjson/document.h>

#include "bounded_json.h"
#include "error.h"

namespace rapport {

// Parses a request body as JSON within `limits` (ParseJsonBounded): 400
// "invalid_json" (field "body") with the offset of the problem, also for
// nesting deeper than the limit.
[[nodiscard]] Status ParseJsonBody(const std::string& body, const JsonLimits& limits,
                                   rapidjson::Document& document);

}  // namespace rapport
