// Answering searches for the public API: reading a search's parameters from
// the query string, a form body or a JSON body, and running one search as a
// partner's key allows. POST /api/v1/search and each search of
// POST /api/v1/multi-search go through the same steps, so a search means the
// same and fails the same whichever way it came (docs/search-api.md).
#pragma once

#include <string>

#include <rapidjson/document.h>

#include "http_types.h"
#include "search_result.h"
#include "search_service.h"
#include "server_state.h"

namespace rapport {

// The parameters of GET /api/v1/search (the query string) or POST (a form
// body, or a JSON object when the body is application/json). 400 naming the
// field for a query string on a POST, a body that is not JSON or not an
// object, or a member of the wrong type.
[[nodiscard]] Result<QueryPairs> SearchPairs(const HttpRequest& request,
                                             const ServerConfig& config);

// Runs the search `pairs` describe, limited by the request's partner key and
// marked `crisis` when it names suicide or self-harm. The parser's 400s and
// the service's 400/503s as they are.
[[nodiscard]] Result<SearchResult> AnswerSearch(const QueryPairs& pairs, const HttpRequest& request,
                                                const SearchService& service,
                                                const ServerState& state);

}  // namespace rapport
