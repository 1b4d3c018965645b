// QueryShape: how big a parsed text query is — which is what running it
// costs — counted on its Xapian query tree, and the check of that size
// against the API's bounds (ParamLimits), so that an over-sized `q` is
// refused before a single posting list is read. Counting the tree rather
// than the typed text also counts what the parser builds on its own: a
// hyphenated word is a phrase (`self-esteem` is "self esteem"), lower-case
// `or`/`not` are operators.
//
//   ParsedText text = ParseText(request.q, db);
//   Status fits = CheckQueryShape(MeasureQuery(text.query));
//   if (!fits) return fits.error();  // 400 query_too_complex naming q and the bound
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "error.h"

namespace rapport {

struct QueryShape {
  int terms = 0;          // words and field values, those in phrases too
  int field_clauses = 0;  // field:value terms (modality:emdr, name:maria)
  int phrases = 0;        // "quoted" and hyphenated words, NEAR and ADJ groups
  int phrase_words = 0;   // words of the longest phrase
  int operators = 0;      // OR, NOT, XOR and -word joins
  int subqueries = 0;     // groups: every node that combines others, phrases aside
};

// The shape of `query` (an empty query has every count 0).
[[nodiscard]] QueryShape MeasureQuery(const Xapian::Query& query);

// One bound of the shape: the count it limits, the limit (from
// kParamLimits) and what it counts, as the error message and the docs say it.
struct QueryShapeBound {
  int QueryShape::*count;
  int limit;
  std::string_view what;  // e.g. "phrases (quoted or hyphenated words)"
};

// Every bound, in the order they are checked and documented.
[[nodiscard]] const std::vector<QueryShapeBound>& QueryShapeBounds();

// 400 "query_too_complex" naming q, the count and its bound, for the first
// bound `shape` exceeds; Ok otherwise.
[[nodiscard]] Status CheckQueryShape(const QueryShape& shape);

// "at most 32 words, 8 phrases, ..." for --help texts and the OpenAPI document.
[[nodiscard]] std::string DescribeQueryShapeBounds();

}  // namespace rapport
