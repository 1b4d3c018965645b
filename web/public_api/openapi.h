// The OpenAPI 3.1 document of GET /openapi.json, generated from the route
// table (routes.h), the operations table (openapi_operations.h), the search,
// suggest and stale-list parameter tables and the component schemas
// (openapi_schemas.h), so the document cannot drift from what the server
// parses. tests/api lints it (redocly, recommended rules) and validates every
// answer the real server gives against it.
#pragma once

#include <string>
#include <vector>

#include "routes.h"
#include "server_config.h"

namespace rapport {

// The whole document as JSON text. Pages and static files are left out; every
// API and operations route is described with its parameters, request body,
// security and every status it can answer. `config` gives the limits it
// states (--max-multi-searches).
[[nodiscard]] std::string BuildOpenApiDocument(const std::vector<Route>& routes,
                                               const ServerConfig& config);

}  // namespace rapport
