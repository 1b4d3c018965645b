// The JSON bodies of the public search API (DESIGN.md §3), written with
// RapidJSON: a SearchResult, a list of suggestions and an error. The HTTP
// server and rapport-query both use these, so the two answer the same bytes.
#pragma once

#include <string>
#include <vector>

#include "error.h"
#include "search_result.h"
#include "search_service.h"

namespace rapport {

// {"total","offset","limit","results":[…],"facets":{…},"did_you_mean","took_ms"}.
// Each result carries the public fields of the hit's stored profile JSON
// (absent lists as [], absent objects as null) plus snippet, distance_km
// (only when the search had near) and telehealth_years (null when unknown).
std::string SearchResultToJson(const SearchResult& result);

// {"suggestions":[{"text","kind","value"}]}; value is null when empty.
std::string SuggestionsToJson(const std::vector<Suggestion>& suggestions);

// {"error":{"code","message","field"}}; field is left out when empty.
std::string ErrorToJson(const Error& error);

}  // namespace rapport
