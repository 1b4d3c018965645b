// The time limit covers every step of a search: past its deadline a search
// answers 503 search_timeout, never a partial answer; the size bounds are
// checked before the clock matters.
#include <doctest/doctest.h>

#include <chrono>

#include "query_fixture.h"
#include "query_shapes.h"
#include "search_params.h"

namespace rapport::testing {
namespace {

std::unique_ptr<SearchService> ServiceWithTimeLimit(std::chrono::milliseconds limit) {
  SearchOptions options;
  options.time_limit = limit;
  auto service = SearchService::Open(SampleIndex().data_dir() + "/index", options);
  REQUIRE(service);
  return std::move(service.value());
}

SearchRequest FacetedSearch(const std::string& q) {
  SearchRequest request;
  request.q = q;
  request.facets = {"modality", "specialty", "insurance"};
  return request;
}

TEST_CASE("a search past its time limit answers 503 search_timeout") {
  const auto no_time = ServiceWithTimeLimit(std::chrono::milliseconds(0));
  const auto ample_time = ServiceWithTimeLimit(std::chrono::hours(1));
  for (const std::string q : {"", "anxiety", "\"eating disorders\" OR grief", "panic NOT teens"}) {
    CAPTURE(q);
    CHECK(ample_time->Search(FacetedSearch(q)).ok());
    auto late = no_time->Search(FacetedSearch(q));
    REQUIRE_FALSE(late.ok());
    CHECK(late.error().status == 503);
    CHECK(late.error().code == "search_timeout");
  }
}

TEST_CASE("a query over a size bound is a 400 whatever the time limit") {
  const auto no_time = ServiceWithTimeLimit(std::chrono::milliseconds(0));
  auto refused = no_time->Search(
      FacetedSearch(QueryWithCount(&QueryShape::phrases, kParamLimits.max_q_phrases + 1)));
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == "query_too_complex");
}

}  // namespace
}  // namespace rapport::testing
