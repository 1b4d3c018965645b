// ParseJsonBounded: the one parser for JSON that comes from outside (HTTP
// bodies, NDJSON import lines, :batch lines). RapidJSON's default parser
// recurses once per nesting level, so a body of ~150,000 '[' overflows the
// thread's stack and kills the process. This one runs RapidJSON's iterative
// parser (its state lives on the heap), refuses text nested deeper than
// `max_depth` or longer than `max_bytes`, and checks UTF-8, so nothing after
// it (validation, Writer/Accept, comparisons, all recursive) ever meets
// unbounded nesting.
//
//   rapidjson::Document document;
//   Status parsed = ParseJsonBounded(body, JsonLimits{}, document);
//   if (!parsed) return parsed.error();  // 400 invalid_json, 413 payload_too_large
//
// Shared by indexer/ and web/, so it lives in the schema part.
#pragma once

#include <cstddef>
#include <string_view>

#include <rapidjson/document.h>

#include "error.h"

namespace rapport {

struct JsonLimits {
  size_t max_bytes = 1 << 20;  // longer text is refused unread
  // Objects and arrays inside each other; a profile needs 3 (offices[].lat).
  int max_depth = 32;
};

// Parses `text` into `document` (using the document's allocator). Errors:
// 413 "payload_too_large" over max_bytes; 400 "invalid_json" for bad syntax,
// bad UTF-8 or nesting deeper than max_depth, with the byte offset in the
// message ("invalid JSON at offset 10: Missing a name for object member.").
// The field is left empty: the caller names its input. On error `document`
// is left null.
[[nodiscard]] Status ParseJsonBounded(std::string_view text, const JsonLimits& limits,
                                      rapidjson::Document& document);

}  // namespace rapport
