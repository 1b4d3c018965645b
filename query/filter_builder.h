// FilterBuilder: turns the filters of a SearchRequest into document sets over
// a FacetStore. Facet filters stay separate (one set per facet, OR within it)
// so facet counts can leave a facet's own filter out (disjunctive counting);
// everything else (place and telehealth eligibility, practical filters, a
// partner key's fixed filter) is ANDed into one `rest` set.
//
// Place semantics (DESIGN.md §3): a client can see a therapist "virtually"
// (telehealth and licensed, or compact-covered, in `state`) or "in person" (an
// office in `state`, and within the radius of `near`). virtual=true keeps the
// first way, in_person=true the second, both or neither (with a state) either
// way; `near` alone keeps the in-person way.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "doc_set.h"
#include "error.h"
#include "facet_catalogue.h"
#include "facet_store.h"
#include "search_request.h"
#include "vocabulary.h"

namespace rapport {

struct FacetFilter {
  const FacetSpec* facet = nullptr;  // a filterable catalogue entry
  DocSet docs;                       // documents with any of the requested values
};

struct FilterPlan {
  // User facet filters, request order; a facet may have two (telehealth_experience
  // values and telehealth_since_before), both left out of its own counts.
  std::vector<FacetFilter> facet_filters;
  DocSet rest;  // all other conditions, live docs only
};

// `geo` holds the documents with an office within the radius of request.near
// (GeoFilter); it must be set exactly when request.near is. 400 Error naming
// the parameter for an unknown facet, value or state.
[[nodiscard]] Result<FilterPlan> BuildFilters(const SearchRequest& request, const FacetStore& store,
                                              const Vocabulary& vocabulary,
                                              const std::optional<DocSet>& geo);

}  // namespace rapport
