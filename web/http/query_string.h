// Decoding of request targets: the query string into name/value pairs (form
// encoding: `+` is a space, repeats kept in order), percent-decoding with
// cpprestsdk's uri::decode, and strict UTF-8 checking, so handlers only ever
// see valid UTF-8 without NUL bytes.
#pragma once

#include <string>
#include <string_view>

#include "error.h"
#include "http_types.h"

namespace rapport {

// True when `text` is well-formed UTF-8 (no overlong forms, no surrogates).
bool IsValidUtf8(std::string_view text);

// Percent-decodes one component. `form` also turns `+` into a space.
// 400 Error naming `field` on a bad escape, invalid UTF-8 or a NUL byte.
Result<std::string> DecodeComponent(std::string_view encoded, bool form, std::string_view field);

// Splits and decodes `raw` ("a=1&b=x+y&a=2"). Empty pieces are skipped; a
// piece without '=' has an empty value.
Result<QueryPairs> ParseQueryString(std::string_view raw);

}  // namespace rapport
