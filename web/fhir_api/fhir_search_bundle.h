// The searchset Bundle of a PractitionerRole search (docs/interop.md §7.3):
// total, self/previous/next links under the canonical base, one match entry
// per hit in the search's order, included resources once per page, and the
// search's warnings as an OperationOutcome entry.
#pragma once

#include <string>

#include "error.h"
#include "fhir_renderer.h"
#include "fhir_search_params.h"
#include "search_result.h"

namespace rapport {

[[nodiscard]] Result<std::string> SearchBundleJson(const FhirRoleSearch& search,
                                                   const SearchResult& result,
                                                   const FhirRenderer& renderer);

// `text` percent-encoded for a query string (RFC 3986 unreserved kept).
[[nodiscard]] std::string QueryEncoded(std::string_view text);

}  // namespace rapport
