// Search and suggest parameters: the one table of every /api/v1/search and
// /api/v1/suggest query parameter (DESIGN.md §3), and the parsers that turn
// percent-decoded (name, value) pairs into a SearchRequest / SuggestRequest.
// The HTTP server, the OpenAPI generator, rapport-query and the tests all read
// the same table; docs/search-api.md describes it for partners.
//
//   Result<SearchRequest> r = ParseSearchParams({{"q", "panic"}, {"state", "CA"}}, vocabulary);
//   if (!r) return r.error();  // 400 invalid_parameter naming the parameter
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "error.h"
#include "search_request.h"
#include "vocabulary.h"

namespace rapport {

// Parameter names, shared by the parser, the OpenAPI document and the tests.
// The facet filter parameters are the filterable entries of the facet
// catalogue (facet_catalogue.h), named there.
namespace params {
inline constexpr std::string_view kQ = "q";
inline constexpr std::string_view kAccepting = "accepting";
inline constexpr std::string_view kState = "state";
inline constexpr std::string_view kVirtual = "virtual";
inline constexpr std::string_view kInPerson = "in_person";
inline constexpr std::string_view kNear = "near";
inline constexpr std::string_view kRadiusKm = "radius_km";
inline constexpr std::string_view kTelehealthSinceBefore = "telehealth_since_before";
// The catalogue facet kTelehealthSinceBefore filters as a threshold.
inline constexpr std::string_view kTelehealthExperience = "telehealth_experience";
inline constexpr std::string_view kSlidingScale = "sliding_scale";
inline constexpr std::string_view kFeeMax = "fee_max";
inline constexpr std::string_view kFacets = "facets";
inline constexpr std::string_view kFacetLimit = "facet_limit";
inline constexpr std::string_view kSort = "sort";
inline constexpr std::string_view kLimit = "limit";
inline constexpr std::string_view kOffset = "offset";
inline constexpr std::string_view kCursor = "cursor";
inline constexpr std::string_view kInterpret = "interpret";
}  // namespace params

// The error field for a problem with the query string as a whole: a
// parameter name that cannot be decoded, or cannot name the field itself.
inline constexpr std::string_view kQueryStringField = "query";

// Bounds of the public API. The table below and the parsers take every limit
// from here; rapport-query --help and the OpenAPI document show them.
struct ParamLimits {
  int default_limit = 20;
  int max_limit = 100;
  int max_offset = 10000;
  int max_q_chars = 500;  // Unicode code points
  // The cost of `q`, counted on the parsed query (query_shape.h).
  int max_q_phrases = 8;
  int max_q_phrase_words = 8;
  int max_q_operators = 16;
  int max_q_subqueries = 16;
  int max_q_field_clauses = 16;
  int max_q_terms = 32;
  int max_filter_values = 128;  // values of all facet filter parameters together
  double default_radius_km = 40;
  double max_radius_km = 1000;
  int min_year = 1990;  // telehealth_since_before
  int max_year = 2100;
  int max_fee = 100000;
  int max_facet_limit = 100;
  int default_suggest_limit = 8;
  int max_suggest_limit = 20;
  int max_suggest_q_chars = 100;
  size_t max_echoed_chars = 40;  // a rejected value is quoted back at most this long
};
inline constexpr ParamLimits kParamLimits{};

enum class ParamType {
  kText,        // free text (UTF-8)
  kFacetValue,  // vocabulary slug of `vocabulary_facet`
  kBoolean,     // true / false (also 1 / 0)
  kInteger,     // whole number within [minimum, maximum]
  kNumber,      // decimal number within [minimum, maximum]
  kLatLon,      // "LAT,LON"
  kStateCode,   // two-letter US state code (vocabulary facet "state")
  kChoice,      // one of `choices`
  kFacetNames,  // names from `choices`
};

struct ParamSpec {
  std::string_view name;
  ParamType type = ParamType::kText;
  bool repeatable = false;                // may appear more than once (values accumulate)
  bool comma_separated = false;           // one value may hold several, separated by commas
  std::string_view vocabulary_facet;      // kFacetValue / kStateCode: the vocab.json facet
  std::vector<std::string_view> choices;  // kChoice / kFacetNames
  std::optional<double> minimum;          // kNumber: exclusive; kInteger: inclusive
  std::optional<double> maximum;          // inclusive
  std::string default_value;              // as text; empty when there is none
  std::string description;
};

// Every /api/v1/search parameter, in documentation order.
const std::vector<ParamSpec>& SearchParamTable();
// Every /api/v1/suggest parameter.
const std::vector<ParamSpec>& SuggestParamTable();
// The spec named `name` in `table`, or nullptr.
const ParamSpec* FindParam(const std::vector<ParamSpec>& table, std::string_view name);

// Facet names a search may count with facets=… (the filter facets).
const std::vector<std::string_view>& CountableFacetNames();

// Parses /api/v1/search parameters (percent-decoded, in request order) into a
// SearchRequest. 400 invalid_parameter naming the parameter for an unknown
// name, a repeat of a non-repeatable one, invalid UTF-8 or a bad value.
Result<SearchRequest> ParseSearchParams(
    const std::vector<std::pair<std::string, std::string>>& params, const Vocabulary& vocabulary);

struct SuggestRequest {
  std::string q;
  int limit = kParamLimits.default_suggest_limit;
};

// Parses /api/v1/suggest parameters; `q` is required (it may be empty).
Result<SuggestRequest> ParseSuggestParams(
    const std::vector<std::pair<std::string, std::string>>& params);

}  // namespace rapport
