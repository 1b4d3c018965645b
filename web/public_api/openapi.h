// The OpenAPI 3.1 document of GET /openapi.json, generated from the route
// table (routes.h) and the search and suggest parameter tables
// (search_params.h), so the document cannot drift from what the server parses.
#pragma once

#include <string>
#include <vector>

#include "routes.h"

namespace rapport {

// The whole document as JSON text. Pages and static files are left out; every
// API and operations route is described with its parameters and responses.
std::string BuildOpenApiDocument(const std::vector<Route>& routes);

}  // namespace rapport
