// Search parameters as a JSON object: the body of POST /api/v1/search sent
// as application/json, and each search of POST /api/v1/multi-search. The
// object becomes the (name, value) pairs a query string would give, so the
// one parameter table and ParseSearchParams decide what it means and which
// 400 it answers (search_params.h; docs/search-api.md, "JSON bodies").
//
//   {"q": "panic attacks", "modality": ["cbt", "emdr"], "virtual": true,
//    "state": "CA", "near": {"lat": 37.8, "lon": -122.27}, "limit": 10}
//
// Per member, by the parameter's type in the table: text, slugs, state codes,
// choices and facet names take a string; booleans take true/false; integers
// and numbers take a number; `near` takes {"lat": …, "lon": …}; each also
// takes the string a query string would carry ("true", "10", "37.8,-122.27").
// An array gives one pair per element and only a repeatable parameter takes
// one; null is the same as leaving the member out. A member of another JSON
// type is a 400 naming it; a member the table does not know is passed on, so
// the parser refuses it exactly as it refuses an unknown query parameter.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <rapidjson/document.h>

#include "error.h"
#include "search_params.h"

namespace rapport {

using ParamPairs = std::vector<std::pair<std::string, std::string>>;

// The pairs of the JSON object `object` under `table`. 400 invalid_parameter
// naming the member for a value of the wrong JSON type; `field` names the
// whole object when it is not one.
[[nodiscard]] Result<ParamPairs> ParamPairsFromJson(const rapidjson::Value& object,
                                                    const std::vector<ParamSpec>& table,
                                                    std::string_view field);

}  // namespace rapport
