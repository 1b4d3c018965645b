// FacetCounter: exact, disjunctive facet counts. A facet's counts are taken
// over the match set narrowed by every filter except that facet's own, so the
// other values of a filtered facet stay visible (docs/facets.md). Counts are
// plain document counts, so counts of several shards add up.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "deadline.h"
#include "doc_set.h"
#include "error.h"
#include "facet_store.h"
#include "filter_builder.h"
#include "search_result.h"
#include "vocabulary.h"

namespace rapport {

// `base` is the match set before facet filters (text ∧ plan.rest). Returns
// the counts of each facet in `names`: every value with a non-zero count,
// most frequent first, ties by value, at most `limit` values when set.
// 400 Error naming "facets" for an unknown facet name. Once `deadline` has
// passed, the facets not counted yet are left out (the caller checks it).
[[nodiscard]] Result<std::map<std::string, std::vector<FacetCount>>> CountFacets(
    const FacetStore& store, const DocSet& base, const std::vector<FacetFilter>& filters,
    const std::vector<std::string>& names, const Vocabulary& vocabulary, std::optional<int> limit,
    const Deadline& deadline);

// base ∧ every filter in `filters` except the one of `skip` (nullptr: none).
[[nodiscard]] DocSet NarrowByFacets(const DocSet& base, const std::vector<FacetFilter>& filters,
                                    const FacetSpec* skip);

}  // namespace rapport
