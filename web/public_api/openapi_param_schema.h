// The JSON Schema of one search or suggest parameter (query/search_params.h)
// for the OpenAPI document: as a query parameter (openapi.cpp) and as a
// member of a JSON search body (openapi_schemas_search.cpp), both read from
// the same ParamSpec so the two forms cannot disagree.
#pragma once

#include <string>

#include "search_params.h"

namespace rapport {

enum class ParamForm {
  kQueryString,  // text in the URL: a point is "lat,lon", facets= is comma-separated
  kJsonBody,     // a JSON member: a point is {"lat","lon"}, facets is a list of names
};

// The schema of one value of `spec` (one item of a repeatable parameter) in
// `form`, as JSON text, with its limits, choices and default.
[[nodiscard]] std::string ParamValueSchemaJson(const ParamSpec& spec, ParamForm form);

}  // namespace rapport
