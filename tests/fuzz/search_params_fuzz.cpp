// Fuzzes the whole parameter path of GET /api/v1/search (and the form body of
// POST): a raw query string → ParseQueryString → ParseSearchParams →
// SearchService::Search on a small real index.
//
// Invariants: a refusal is a 4xx naming the parameter (or, for a cursor made
// on another index folder, cursor_expired); an accepted request
// passes the query library's own bounds check, written back as parameters it
// parses to the same request, and its search succeeds with exact paging,
// unique hits, and facets counted as the API promises (only the names asked
// for, non-zero counts at most the total, most frequent first, ties by value,
// at most facet_limit) in a JSON answer that is valid UTF-8.
#include <algorithm>
#include <cstdio>
#include <set>

#include "fuzz_support.h"
#include "query_string.h"
#include "request_bounds.h"
#include "search_cursor.h"
#include "search_params.h"
#include "search_result_json.h"

namespace rapport::fuzz {
namespace {

std::string Number(double value) {
  char text[64];
  std::snprintf(text, sizeof text, "%.17g", value);
  return text;
}

// The sort order written as the parameter value that parses to it.
std::string SortValue(SortOrder order, const ParamSpec& spec, const Vocabulary& vocabulary) {
  for (std::string_view choice : spec.choices) {
    auto parsed = ParseSearchParams({{"sort", std::string(choice)}, {"near", "0,0"}}, vocabulary);
    if (parsed && parsed.value().sort == order) return std::string(choice);
  }
  FailInvariant(__FILE__, __LINE__, "every sort order has a parameter value", "");
}

std::string Joined(const std::vector<std::string>& items) {
  std::string joined;
  for (const auto& item : items) joined += (joined.empty() ? "" : ",") + item;
  return joined;
}

// `request` written back as /api/v1/search parameters, one table row at a time.
QueryPairs AsParams(const SearchRequest& request, const Vocabulary& vocabulary) {
  QueryPairs pairs;
  auto add = [&](std::string_view name, std::string value) {
    pairs.emplace_back(std::string(name), std::move(value));
  };
  auto add_flag = [&](std::string_view name, bool set) {
    if (set) add(name, "true");
  };
  auto add_int = [&](std::string_view name, const std::optional<int>& value) {
    if (value) add(name, std::to_string(*value));
  };
  for (const ParamSpec& spec : SearchParamTable()) {
    const std::string_view name = spec.name;
    if (spec.type == ParamType::kFacetValue) {
      auto values = request.filters.find(std::string(name));
      if (values != request.filters.end()) {
        for (const auto& value : values->second) add(name, value);
      }
    } else if (name == params::kQ) {
      if (!request.q.empty()) add(name, request.q);
    } else if (name == params::kAccepting) {
      add_flag(name, request.accepting);
    } else if (name == params::kState) {
      if (request.state) add(name, *request.state);
    } else if (name == params::kVirtual) {
      add_flag(name, request.virtual_only);
    } else if (name == params::kInPerson) {
      add_flag(name, request.in_person_only);
    } else if (name == params::kNear) {
      if (request.near) add(name, Number(request.near->lat) + "," + Number(request.near->lon));
    } else if (name == params::kRadiusKm) {
      if (request.near) add(name, Number(request.radius_km));
    } else if (name == params::kTelehealthSinceBefore) {
      add_int(name, request.telehealth_since_before);
    } else if (name == params::kSlidingScale) {
      add_flag(name, request.sliding_scale);
    } else if (name == params::kInterpret) {
      add_flag(name, request.interpret);
    } else if (name == params::kFeeMax) {
      add_int(name, request.fee_max);
    } else if (name == params::kFacets) {
      if (!request.facets.empty()) add(name, Joined(request.facets));
    } else if (name == params::kFacetLimit) {
      add_int(name, request.facet_limit);
    } else if (name == params::kSort) {
      // A cursor walk takes no sort or offset: both are at their defaults.
      if (!request.cursor) add(name, SortValue(request.sort, spec, vocabulary));
    } else if (name == params::kLimit) {
      add(name, std::to_string(request.limit));
    } else if (name == params::kOffset) {
      if (!request.cursor) add(name, std::to_string(request.offset));
    } else if (name == params::kCursor) {
      if (request.cursor) add(name, *request.cursor);
    } else {
      FailInvariant(__FILE__, __LINE__, "the harness writes every parameter", std::string(name));
    }
  }
  return pairs;
}

bool SameRequest(const SearchRequest& a, const SearchRequest& b) {
  auto same_near = [](const std::optional<GeoPoint>& x, const std::optional<GeoPoint>& y) {
    return x.has_value() == y.has_value() && (!x || (x->lat == y->lat && x->lon == y->lon));
  };
  return a.q == b.q && a.filters == b.filters && a.state == b.state &&
         a.virtual_only == b.virtual_only && a.in_person_only == b.in_person_only &&
         same_near(a.near, b.near) && a.radius_km == b.radius_km &&
         a.telehealth_since_before == b.telehealth_since_before && a.accepting == b.accepting &&
         a.sliding_scale == b.sliding_scale && a.fee_max == b.fee_max && a.facets == b.facets &&
         a.facet_limit == b.facet_limit && a.sort == b.sort && a.limit == b.limit &&
         a.offset == b.offset && a.cursor == b.cursor;
}

void CheckFacets(const SearchRequest& request, const SearchResult& result) {
  for (const auto& [name, counts] : result.facets) {
    FUZZ_CHECK(
        std::find(request.facets.begin(), request.facets.end(), name) != request.facets.end(),
        "facet not asked for: " + name);
    if (request.facet_limit) {
      FUZZ_CHECK(counts.size() <= static_cast<size_t>(*request.facet_limit), name);
    }
    // Disjunctive: a facet the request filters on counts beyond that filter
    // (telehealth_since_before is the telehealth_experience facet's filter,
    // docs/facets.md).
    const bool own_filter =
        request.filters.count(name) != 0 || (name == params::kAccepting && request.accepting) ||
        (name == params::kTelehealthExperience && request.telehealth_since_before);
    for (size_t i = 0; i < counts.size(); ++i) {
      FUZZ_CHECK(counts[i].count > 0 && (own_filter || counts[i].count <= result.total),
                 name + " " + counts[i].value + " " + std::to_string(counts[i].count));
      if (i == 0) continue;
      const FacetCount& before = counts[i - 1];
      FUZZ_CHECK(before.count > counts[i].count ||
                     (before.count == counts[i].count && before.value < counts[i].value),
                 name + ": " + before.value + " before " + counts[i].value);
    }
  }
}

void CheckResult(const SearchRequest& request, const SearchResult& result) {
  // A walk's later pages start after a docid the input chose: at most a page.
  const bool later_walk_page = request.cursor && *request.cursor != kFirstCursor;
  const long expected_hits =
      std::max(0L, std::min<long>(request.limit, result.total - request.offset));
  FUZZ_CHECK(later_walk_page ? static_cast<long>(result.hits.size()) <= expected_hits
                             : static_cast<long>(result.hits.size()) == expected_hits,
             std::to_string(result.hits.size()) + " hits, total " + std::to_string(result.total) +
                 ", offset " + std::to_string(request.offset));
  FUZZ_CHECK(result.walking == request.cursor.has_value(), "next_cursor without a cursor");
  std::set<std::string> ids;
  for (const SearchHit& hit : result.hits) {
    FUZZ_CHECK(ids.insert(hit.id).second, "hit twice: " + hit.id);
    FUZZ_CHECK(!hit.distance_km || request.near, hit.id + " has a distance without near");
    // Without state or virtual, near keeps only offices within the radius.
    if (request.near && !request.state && !request.virtual_only) {
      FUZZ_CHECK(hit.distance_km.has_value(), hit.id + " has no distance");
      FUZZ_CHECK(*hit.distance_km <= request.radius_km * (1 + 1e-9),
                 hit.id + " at " + Number(*hit.distance_km) + " km");
    }
  }
  CheckFacets(request, result);
  FUZZ_CHECK(IsValidJsonText(SearchResultToJson(result)), "search answer is not valid JSON");
}

}  // namespace
}  // namespace rapport::fuzz

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  return rapport::fuzz::BuildSharedIndexFirst();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rapport;
  using namespace rapport::fuzz;
  const FuzzIndex& index = SharedIndex();
  const Vocabulary& vocabulary = index.service->vocabulary();

  Result<QueryPairs> pairs = ParseQueryString(AsText(data, size));
  if (!pairs) {
    CheckClientError(pairs.error(), "query string", FieldRule::kRequired);
    return 0;
  }
  Result<SearchRequest> request = ParseSearchParams(pairs.value(), vocabulary);
  if (!request) {
    CheckClientError(request.error(), "search parameters", FieldRule::kRequired);
    return 0;
  }
  const Status bounds = CheckRequestBounds(request.value());
  FUZZ_CHECK(bounds.ok(), "parsed request out of bounds: " + bounds.error().message);

  Result<SearchRequest> again =
      ParseSearchParams(AsParams(request.value(), vocabulary), vocabulary);
  FUZZ_CHECK(again.ok(), "written back, it does not parse: " + again.error().message);
  FUZZ_CHECK(SameRequest(request.value(), again.value()), "written back, it parses differently");

  Result<SearchResult> result = index.service->Search(request.value());
  if (!result) {
    CheckSearchRefusal(result.error(), "search of an accepted request");
    return 0;
  }
  CheckResult(request.value(), result.value());
  return 0;
}
