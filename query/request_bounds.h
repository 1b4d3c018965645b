// RequestBounds: the query library's own check of a SearchRequest against the
// API's bounds (kParamLimits), so a caller that skipped the parameter parser
// still gets a 400 Error naming the parameter, never an over-sized search.
#pragma once

#include "error.h"
#include "search_request.h"

namespace rapport {

[[nodiscard]] Status CheckRequestBounds(const SearchRequest& request);

}  // namespace rapport
