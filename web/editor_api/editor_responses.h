// Building the editor API's answers: a profile document with its ETag, the
// 422 listing every field problem, the 412 naming the current version, and
// reading If-Match (JSON bodies: json_body.h). Errors use the shape of DESIGN.md §3,
// with two additions: "details" (422) and "current_version" (412).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "bounded_json.h"
#include "compacts.h"
#include "error.h"
#include "http_types.h"
#include "json_body.h"
#include "profile_store.h"
#include "profile_validator.h"

namespace rapport {

// The stored profile as GET /api/v1/therapists/{id} shows it, plus "status"
// ("published"/"unpublished"), with `ETag: "<version>"`.
[[nodiscard]] HttpResponse ProfileResponse(const StoredProfile& stored, const Compacts& compacts,
                                           int status = 200);

// `json` as the answer, marked `Cache-Control: no-store`: editor answers
// carry unpublished or per-editor data that no cache may keep.
[[nodiscard]] HttpResponse NoStoreJsonResponse(std::string json, int status = 200);

// 422 "validation_failed" with every problem in "details".
[[nodiscard]] HttpResponse ValidationFailedResponse(const std::vector<FieldError>& errors);

// 412 "version_conflict" naming `current_version`, with its ETag.
[[nodiscard]] HttpResponse VersionConflictResponse(int64_t current_version);

// The version If-Match names: `"7"` (also `W/"7"` or `7`). 428
// "precondition_required" when absent, 400 when malformed.
[[nodiscard]] Result<int64_t> IfMatchVersion(const HttpRequest& request);

// ISO 8601 UTC "now" at second precision, the form profile timestamps use.
[[nodiscard]] std::string ProfileTimestampNow();

}  // namespace rapport
