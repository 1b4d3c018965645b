// Dispatch: runs one request through the route table and everything a route
// implies — 404/405, CORS and preflight, the body's content type, partner
// keys and rate limits charged by cost (request_cost.h), the handler itself (exceptions become a
// 500 without internals), Cache-Control, ETag/304, gzip, HEAD and the request id.
#pragma once

#include <string>

#include "http_types.h"
#include "server_state.h"

namespace rapport {

struct DispatchOutcome {
  HttpResponse response;
  std::string route;     // the route pattern for logs and metrics; "unmatched" for a 404
  std::string key_name;  // partner of the key used, if any
};

DispatchOutcome Dispatch(HttpRequest& request, ServerState& state);

}  // namespace rapport
