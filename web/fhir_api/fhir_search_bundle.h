// The searchset Bundle of a FHIR search (docs/interop.md §7.3): total,
// self/previous/next links under the canonical base, one match entry per
// profile of the page in the search's order, included resources once per
// page, and the search's warnings as an OperationOutcome entry.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "error.h"
#include "fhir_renderer.h"
#include "fhir_search_params.h"

namespace rapport {

// One match of a page: a profile's resources and the id of the one that
// matched (of the searched type).
struct FhirPageMatch {
  RenderedProfile rendered;
  std::string id;
};

// The resource of `rendered` with `type` and `id`; nullptr when it has none
// (Organizations are not per profile).
[[nodiscard]] const FhirResource* FindRendered(const RenderedProfile& rendered,
                                               std::string_view type, std::string_view id);

// The Bundle of one page of `search`, whose matches number `total` in all.
[[nodiscard]] Result<std::string> SearchBundleJson(const FhirSearch& search, long total,
                                                   const std::vector<FhirPageMatch>& page,
                                                   const FhirRenderer& renderer);

// `text` percent-encoded for a query string (RFC 3986 unreserved kept).
[[nodiscard]] std::string QueryEncoded(std::string_view text);

}  // namespace rapport
