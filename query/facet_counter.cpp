// FacetCounter: popcounts of facet value sets over the narrowed match set.
#include "facet_counter.h"

#include <algorithm>

namespace rapport {

DocSet NarrowByFacets(const DocSet& base, const std::vector<FacetFilter>& filters,
                      const FacetSpec* skip) {
  DocSet narrowed = base;
  for (const FacetFilter& filter : filters) {
    if (filter.facet != skip) narrowed.IntersectWith(filter.docs);
  }
  return narrowed;
}

Result<std::map<std::string, std::vector<FacetCount>>> CountFacets(
    const FacetStore& store, const DocSet& base, const std::vector<FacetFilter>& filters,
    const std::vector<std::string>& names, const Vocabulary& vocabulary, std::optional<int> limit,
    const Deadline& deadline) {
  std::map<std::string, std::vector<FacetCount>> result;
  std::optional<DocSet> all_filtered;  // shared by every facet without a filter of its own
  for (const std::string& name : names) {
    const FacetSpec* facet = FindFacet(name);
    if (facet == nullptr || !facet->counted)
      return Error::BadParameter("facets", "unknown facet \"" + name + "\"");
    if (result.count(name) != 0) continue;
    if (deadline.Passed()) break;
    const bool filtered = std::any_of(filters.begin(), filters.end(),
                                      [&](const FacetFilter& f) { return f.facet == facet; });
    std::optional<DocSet> own;
    if (filtered) {
      own = NarrowByFacets(base, filters, facet);
    } else if (!all_filtered) {
      all_filtered = NarrowByFacets(base, filters, nullptr);
    }
    const DocSet& over = filtered ? *own : *all_filtered;

    std::vector<FacetCount> counts;
    for (const auto& [value, set] : store.Values(facet->term_prefix)) {
      const long count = set->CountIn(over);
      if (count == 0) continue;
      counts.push_back({std::string(value), vocabulary.Label(facet->vocabulary, value), count});
    }
    std::sort(counts.begin(), counts.end(), [](const FacetCount& a, const FacetCount& b) {
      return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
    if (limit && static_cast<int>(counts.size()) > *limit) counts.resize(*limit);
    result.emplace(name, std::move(counts));
  }
  return result;
}

}  // namespace rapport
