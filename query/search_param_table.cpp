// The table of /api/v1/search and /api/v1/suggest parameters (search_params.h):
// names, types, bounds, defaults and the descriptions the OpenAPI document shows.
#include "search_params.h"

#include <algorithm>

#include "facet_catalogue.h"
#include "query_shape.h"

namespace rapport {
namespace {

std::string Num(double value) {
  std::string text = std::to_string(value);
  text.erase(text.find_last_not_of('0') + 1);
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

ParamSpec FacetFilter(const FacetSpec& facet) {
  ParamSpec spec;
  spec.name = facet.name;
  spec.type = ParamType::kFacetValue;
  spec.repeatable = true;
  spec.comma_separated = true;
  spec.vocabulary_facet = facet.vocabulary;
  spec.description = std::string(facet.label) + ": keeps therapists with any of these " +
                     std::string(facet.description) +
                     " (vocabulary slugs of /api/v1/vocab, facet \"" +
                     std::string(facet.vocabulary) +
                     "\"). Repeat the parameter or separate values with commas: OR within "
                     "the parameter, AND with the other filters. All facet filters together take "
                     "at most " +
                     std::to_string(kParamLimits.max_filter_values) + " values.";
  return spec;
}

// "modality:, specialty:, ...": the facets q accepts as field:value.
std::string QueryFieldList() {
  std::string list;
  for (const FacetSpec& facet : FacetCatalogue()) {
    if (!facet.query_field) continue;
    if (!list.empty()) list += ", ";
    list += std::string(facet.name) + ":";
  }
  return list;
}

ParamSpec Boolean(std::string_view name, std::string description) {
  ParamSpec spec;
  spec.name = name;
  spec.type = ParamType::kBoolean;
  spec.default_value = "false";
  spec.description = std::move(description) + " Accepts true/false (also 1/0); false is the " +
                     "same as leaving the parameter out.";
  return spec;
}

std::vector<ParamSpec> MakeSearchTable() {
  const ParamLimits& limits = kParamLimits;
  std::vector<ParamSpec> table;

  ParamSpec q;
  q.name = params::kQ;
  q.type = ParamType::kText;
  q.description =
      "Free text: words, \"phrases\", AND/OR/NOT, field:value (name:, bio:, " + QueryFieldList() +
      "). Stemmed, with vocabulary synonyms and "
      "did_you_mean. At most " +
      std::to_string(limits.max_q_chars) + " characters, and " + DescribeQueryShapeBounds() +
      " (counted on the parsed query; over a bound: 400 query_too_complex).";
  table.push_back(q);

  for (const FacetSpec& facet : FacetCatalogue()) {
    if (facet.filterable && !facet.own_parameter) table.push_back(FacetFilter(facet));
  }

  table.push_back(Boolean(params::kAccepting, "true keeps therapists accepting new clients."));

  ParamSpec state;
  state.name = params::kState;
  state.type = ParamType::kStateCode;
  state.vocabulary_facet = params::kState;
  state.description =
      "The client's US state (two letters, any case). Alone, or with both virtual=true and "
      "in_person=true: therapists the client can see either way (an office in the state, or "
      "telehealth and licensed or compact-covered there). With only virtual=true or only "
      "in_person=true: just that way.";
  table.push_back(state);

  table.push_back(Boolean(params::kVirtual,
                          "true keeps therapists who offer telehealth; with state, only those "
                          "licensed (or compact-covered) in that state."));
  table.push_back(Boolean(params::kInPerson,
                          "true keeps therapists with an office; with state, an office in that "
                          "state; with near, an office within radius_km."));

  ParamSpec near;
  near.name = params::kNear;
  near.type = ParamType::kLatLon;
  near.description =
      "LAT,LON in decimal degrees: keeps therapists with an office within "
      "radius_km (great-circle) and adds distance_km to each result.";
  table.push_back(near);

  ParamSpec radius;
  radius.name = params::kRadiusKm;
  radius.type = ParamType::kNumber;
  radius.minimum = 0;
  radius.maximum = limits.max_radius_km;
  radius.default_value = Num(limits.default_radius_km);
  radius.description = "Radius of near in kilometres, greater than 0 and at most " +
                       Num(limits.max_radius_km) + ". Needs near.";
  table.push_back(radius);

  table.push_back(IntegerParam(params::kTelehealthSinceBefore, limits.min_year, limits.max_year, "",
                               "Keeps therapists who began offering telehealth before this year "
                               "(e.g. 2020: pre-pandemic experience)."));
  table.push_back(Boolean(params::kSlidingScale, "true keeps therapists with a sliding scale."));
  table.push_back(Boolean(params::kInterpret,
                          "true reads the filter words of a plain q as filters (\"spanish "
                          "speaking\" language=es, \"takes aetna\" insurance=aetna, \"online\" "
                          "virtual=true, \"sliding scale\", \"teens\", \"in oakland\" near the "
                          "city); the answer's interpreted says which, with the words left."));
  table.push_back(
      IntegerParam(params::kFeeMax, 0, limits.max_fee, "",
                   "Keeps therapists whose lowest fee (fee.min) is at most this amount."));

  ParamSpec facets;
  facets.name = params::kFacets;
  facets.type = ParamType::kFacetNames;
  facets.repeatable = true;
  facets.comma_separated = true;
  facets.choices = CountableFacetNames();
  facets.description =
      "Facets to count, comma-separated or repeated. Counts are exact over the whole match set "
      "and disjunctive (a facet's counts ignore that facet's own filter); values with a "
      "non-zero count, most frequent first, ties by value.";
  table.push_back(facets);

  table.push_back(IntegerParam(params::kFacetLimit, 1, limits.max_facet_limit, "",
                               "Lists at most this many values per facet (default: all)."));

  ParamSpec sort;
  sort.name = params::kSort;
  sort.type = ParamType::kChoice;
  sort.choices = {"relevance", "distance", "fee", "telehealth_experience", "updated"};
  sort.default_value = "relevance";
  sort.description =
      "Result order. distance needs near; fee is lowest fee first; "
      "telehealth_experience is longest experience first; updated is most "
      "recently updated first.";
  table.push_back(sort);

  table.push_back(IntegerParam(params::kLimit, 1, limits.max_limit,
                               std::to_string(limits.default_limit), "Results per page."));
  table.push_back(
      IntegerParam(params::kOffset, 0, limits.max_offset, "0",
                   "Results to skip (paging); at most " + std::to_string(limits.max_offset) + "."));

  ParamSpec cursor;
  cursor.name = params::kCursor;
  cursor.type = ParamType::kText;
  cursor.description =
      "Walks every match page by page instead of ranking a page: * for the first page, then "
      "each answer's next_cursor (null on the last page). A walk lists each profile that "
      "matches throughout exactly once, whatever edits happen meanwhile, in an order of its "
      "own; it takes neither offset nor sort, and a cursor made before an index rebuild is "
      "refused (cursor_expired).";
  table.push_back(cursor);
  return table;
}

std::vector<ParamSpec> MakeSuggestTable() {
  const ParamLimits& limits = kParamLimits;
  ParamSpec q;
  q.name = params::kQ;
  q.type = ParamType::kText;
  q.description = "Required. The prefix to complete (case- and accent-insensitive), at most " +
                  std::to_string(limits.max_suggest_q_chars) +
                  " characters; an empty q answers no suggestions.";
  return {q, IntegerParam(params::kLimit, 1, limits.max_suggest_limit,
                          std::to_string(limits.default_suggest_limit), "Suggestions to return.")};
}

}  // namespace

ParamSpec IntegerParam(std::string_view name, int minimum, int maximum, std::string default_value,
                       std::string description) {
  ParamSpec spec;
  spec.name = name;
  spec.type = ParamType::kInteger;
  spec.minimum = minimum;
  spec.maximum = maximum;
  spec.default_value = std::move(default_value);
  spec.description = std::move(description);
  return spec;
}

const std::vector<std::string_view>& CountableFacetNames() {
  static const std::vector<std::string_view> kNames = [] {
    std::vector<std::string_view> names;
    for (const FacetSpec& facet : FacetCatalogue()) {
      if (facet.counted) names.push_back(facet.name);
    }
    return names;
  }();
  return kNames;
}

const std::vector<ParamSpec>& SearchParamTable() {
  static const std::vector<ParamSpec> kTable = MakeSearchTable();
  return kTable;
}

const std::vector<ParamSpec>& SuggestParamTable() {
  static const std::vector<ParamSpec> kTable = MakeSuggestTable();
  return kTable;
}

const ParamSpec* FindParam(const std::vector<ParamSpec>& table, std::string_view name) {
  auto it = std::find_if(table.begin(), table.end(),
                         [&](const ParamSpec& spec) { return spec.name == name; });
  return it == table.end() ? nullptr : &*it;
}

}  // namespace rapport
