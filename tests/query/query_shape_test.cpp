// The size of a parsed text query (query_shape.h) and the bounds on it and on
// filter values, checked on the real parser and through SearchService: each
// generated query knows its own counts, and each bound lets its limit through
// and refuses one more with a 400 naming the parameter.
#include <doctest/doctest.h>
#include <xapian.h>

#include <string>

#include "query_fixture.h"
#include "query_shapes.h"
#include "search_params.h"
#include "text_query.h"

namespace rapport::testing {
namespace {

QueryShape ShapeOf(const std::string& q) {
  const Xapian::Database db(SampleIndex().data_dir() + "/index");
  return MeasureQuery(ParseText(q, db).query);
}

TEST_CASE("the shape counts what the parser built, implicit phrases and lower-case operators too") {
  const QueryShape words = ShapeOf("anxiety grief panic");
  CHECK(words.terms == 3);
  CHECK(words.phrases == 0);
  CHECK(words.operators == 0);
  CHECK(words.subqueries == 1);

  const QueryShape hyphens = ShapeOf("self-esteem long-term co-parenting");
  CHECK(hyphens.phrases == 3);
  CHECK(hyphens.phrase_words == 2);
  CHECK(hyphens.terms == 6);

  const QueryShape lower_case = ShapeOf("grief or panic or anxiety not teens");
  CHECK(lower_case.operators == 3);

  const QueryShape fields = ShapeOf("modality:emdr modality:cbt name:maria grief");
  CHECK(fields.field_clauses == 3);
  CHECK(fields.operators == 0);  // two values of one field are the parser's own OR

  CHECK(ShapeOf("").terms == 0);
  CHECK(ShapeOf("(grief OR panic) (anxiety OR teens)").subqueries == 3);
}

TEST_CASE("every bound lets its limit through and refuses one more, naming q and the bound") {
  for (const QueryShapeBound& bound : QueryShapeBounds()) {
    CAPTURE(bound.what);
    const QueryShape at_limit = ShapeOf(QueryWithCount(bound.count, bound.limit));
    CHECK(at_limit.*bound.count == bound.limit);
    CHECK(CheckQueryShape(at_limit).ok());

    const QueryShape over = ShapeOf(QueryWithCount(bound.count, bound.limit + 1));
    CHECK(over.*bound.count == bound.limit + 1);
    const Status refused = CheckQueryShape(over);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().status == 400);
    CHECK(refused.error().code == "query_too_complex");
    CHECK(refused.error().field == "q");
    CHECK(refused.error().message.find("at most " + std::to_string(bound.limit)) !=
          std::string::npos);
  }
}

TEST_CASE("a search over a bound is refused before it runs, one at the bounds is answered") {
  SearchService& service = SampleIndex().service();
  for (const QueryShapeBound& bound : QueryShapeBounds()) {
    CAPTURE(bound.what);
    SearchRequest request;
    request.q = QueryWithCount(bound.count, bound.limit);
    CHECK(service.Search(request).ok());
    request.q = QueryWithCount(bound.count, bound.limit + 1);
    auto refused = service.Search(request);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == "query_too_complex");
  }
}

TEST_CASE("facet filter values are bounded in all, the error naming the largest filter") {
  SearchService& service = SampleIndex().service();
  const Vocabulary& vocabulary = service.vocabulary();
  SearchRequest request;
  int total = 0;
  // Every value of every filter facet, until one more than the bound.
  for (std::string_view facet : CountableFacetNames()) {
    for (const VocabEntry& entry : vocabulary.Entries(facet)) {
      if (total == kParamLimits.max_filter_values + 1) break;
      request.filters[std::string(facet)].push_back(entry.value);
      ++total;
    }
  }
  REQUIRE(total == kParamLimits.max_filter_values + 1);
  std::string largest;
  for (const auto& [facet, values] : request.filters) {
    if (largest.empty() || values.size() > request.filters[largest].size()) largest = facet;
  }
  auto refused = service.Search(request);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().status == 400);
  CHECK(refused.error().code == "query_too_complex");
  CHECK(refused.error().field == largest);

  request.filters[largest].pop_back();
  CHECK(service.Search(request).ok());
}

}  // namespace
}  // namespace rapport::testing
