// FilterBuilder: SearchRequest filters → DocSets (see filter_builder.h).
#include "filter_builder.h"

#include "index_layout.h"
#include "search_params.h"

namespace rapport {

namespace {

constexpr std::string_view kTrue = "true";
constexpr std::string_view kVirtual = "virtual";
constexpr std::string_view kInPerson = "in_person";

DocSet TermDocs(const FacetStore& store, std::string_view prefix, std::string_view value) {
  const TermSet* set = store.Term(std::string(prefix) + std::string(value));
  return set == nullptr ? DocSet(store.bound()) : set->ToDocSet(store.bound());
}

Result<DocSet> FacetDocs(const FacetSpec& facet, const std::vector<std::string>& values,
                         const FacetStore& store, const Vocabulary& vocabulary) {
  DocSet docs(store.bound());
  for (const std::string& value : values) {
    if (!vocabulary.Contains(facet.vocabulary, value)) {
      return Error::BadParameter(std::string(facet.name),
                                 "unknown " + std::string(facet.name) + " value \"" + value + "\"");
    }
    const TermSet* set = store.Term(std::string(facet.term_prefix) + value);
    if (set != nullptr) set->AddTo(docs);
  }
  return docs;
}

// The place condition of DESIGN.md §3's table, or nullopt when none applies.
std::optional<DocSet> PlaceDocs(const SearchRequest& request, const FacetStore& store,
                                const std::optional<DocSet>& geo) {
  const bool has_state = request.state.has_value();
  const bool either_way = (request.virtual_only == request.in_person_only) && has_state;
  const bool want_virtual = request.virtual_only || either_way;
  const bool want_in_person = request.in_person_only || either_way || geo.has_value();
  if (!want_virtual && !want_in_person) return std::nullopt;

  DocSet in_person(store.bound());
  if (want_in_person) {
    in_person = has_state ? TermDocs(store, layout::kOfficeStatePrefix, *request.state)
                          : TermDocs(store, layout::kAvailabilityPrefix, kInPerson);
    if (geo) in_person.IntersectWith(*geo);
  }
  if (!want_virtual) return in_person;
  DocSet place = has_state ? TermDocs(store, layout::kVirtualStatePrefix, *request.state)
                           : TermDocs(store, layout::kAvailabilityPrefix, kVirtual);
  if (want_in_person) place.UnionWith(in_person);
  return place;
}

}  // namespace

// The catalogue entry of a facet filter, or a 400 Error naming `name`.
Result<const FacetSpec*> FilterFacet(const std::string& name) {
  const FacetSpec* facet = FindFacet(name);
  if (facet == nullptr || !facet->filterable) {
    return Error::BadParameter(name, "unknown filter \"" + name + "\"");
  }
  return facet;
}

Result<FilterPlan> BuildFilters(const SearchRequest& request, const FacetStore& store,
                                const Vocabulary& vocabulary, const std::optional<DocSet>& geo) {
  FilterPlan plan;
  plan.rest = store.live();
  for (const auto& [name, values] : request.filters) {
    Result<const FacetSpec*> facet = FilterFacet(name);
    if (!facet) return facet.error();
    if (values.empty()) continue;
    auto docs = FacetDocs(*facet.value(), values, store, vocabulary);
    if (!docs) return docs.error();
    plan.facet_filters.push_back({facet.value(), std::move(docs.value())});
  }
  for (const auto& [name, values] : request.fixed_filters) {
    Result<const FacetSpec*> facet = FilterFacet(name);
    if (!facet) return facet.error();
    auto docs = FacetDocs(*facet.value(), values, store, vocabulary);
    if (!docs) return docs.error();
    plan.rest.IntersectWith(docs.value());
  }
  if (request.fixed_licensed_state) {
    plan.rest.IntersectWith(
        TermDocs(store, layout::kLicensedStatePrefix, *request.fixed_licensed_state));
  }
  if (request.state && !vocabulary.Contains("state", *request.state)) {
    return Error::BadParameter("state", "unknown state \"" + *request.state + "\"");
  }
  if (auto place = PlaceDocs(request, store, geo)) plan.rest.IntersectWith(*place);
  if (request.accepting) plan.rest.IntersectWith(TermDocs(store, layout::kAcceptingPrefix, kTrue));
  if (request.sliding_scale) {
    plan.rest.IntersectWith(TermDocs(store, layout::kSlidingScalePrefix, kTrue));
  }
  if (request.fee_max) plan.rest.IntersectWith(store.FeeAtMost(*request.fee_max));
  if (request.telehealth_since_before) {
    // The telehealth_experience facet's own filter, as a threshold: its
    // counts leave it out, so each period counts what choosing it instead
    // would find (docs/facets.md).
    plan.facet_filters.push_back({FindFacet(params::kTelehealthExperience),
                                  store.TelehealthSinceBefore(*request.telehealth_since_before)});
  }
  return plan;
}

}  // namespace rapport
