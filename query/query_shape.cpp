// QueryShape: one walk over the parsed query, one table of bounds.
#include "query_shape.h"

#include <algorithm>

#include "search_params.h"

namespace rapport {

namespace {

// Free-text words are indexed lower case (stemmed ones behind a "Z"); by
// Xapian's convention a term that starts with a capital letter carries a
// field prefix (XMemdr, ZNalvarez).
bool IsFieldTerm(const std::string& term) {
  const size_t start = !term.empty() && term[0] == 'Z' ? 1 : 0;
  return start < term.size() && term[start] >= 'A' && term[start] <= 'Z';
}

// An OR of field terms is how the parser groups several values of one
// field (modality:emdr modality:cbt); they count as field clauses, not as
// operators typed.
bool IsFieldGroup(const Xapian::Query& query) {
  for (size_t i = 0; i < query.get_num_subqueries(); ++i) {
    const Xapian::Query child = query.get_subquery(i);
    if (child.get_type() != Xapian::Query::LEAF_TERM || !IsFieldTerm(*child.get_terms_begin())) {
      return false;
    }
  }
  return true;
}

void Measure(const Xapian::Query& query, QueryShape& shape) {
  const int children = static_cast<int>(query.get_num_subqueries());
  switch (query.get_type()) {
    case Xapian::Query::LEAF_TERM:
      ++shape.terms;
      if (IsFieldTerm(*query.get_terms_begin())) ++shape.field_clauses;
      return;
    case Xapian::Query::OP_PHRASE:
    case Xapian::Query::OP_NEAR:
      ++shape.phrases;
      shape.phrase_words = std::max(shape.phrase_words, children);
      break;
    case Xapian::Query::OP_SCALE_WEIGHT:  // a field clause alone, weighed 0: no group
      break;
    case Xapian::Query::OP_OR:
      ++shape.subqueries;
      if (!IsFieldGroup(query)) shape.operators += children - 1;
      break;
    case Xapian::Query::OP_XOR:
    case Xapian::Query::OP_AND_NOT:
    case Xapian::Query::OP_AND_MAYBE:
      ++shape.subqueries;
      shape.operators += children - 1;
      break;
    default:
      if (children > 0) ++shape.subqueries;
      break;
  }
  for (int i = 0; i < children; ++i) Measure(query.get_subquery(i), shape);
}

}  // namespace

QueryShape MeasureQuery(const Xapian::Query& query) {
  QueryShape shape;
  if (!query.empty()) Measure(query, shape);
  return shape;
}

const std::vector<QueryShapeBound>& QueryShapeBounds() {
  const ParamLimits& limits = kParamLimits;
  // The costliest first, so that the error names what matters most.
  static const std::vector<QueryShapeBound> kBounds = {
      {&QueryShape::phrases, limits.max_q_phrases, "phrases (quoted or hyphenated words)"},
      {&QueryShape::phrase_words, limits.max_q_phrase_words, "words in one phrase"},
      {&QueryShape::operators, limits.max_q_operators, "operators (OR, NOT, XOR, -word)"},
      {&QueryShape::subqueries, limits.max_q_subqueries,
       "groups (parentheses and operator groups)"},
      {&QueryShape::field_clauses, limits.max_q_field_clauses, "field:value clauses"},
      {&QueryShape::terms, limits.max_q_terms, "words"},
  };
  return kBounds;
}

Status CheckQueryShape(const QueryShape& shape) {
  for (const QueryShapeBound& bound : QueryShapeBounds()) {
    const int count = shape.*bound.count;
    if (count > bound.limit) {
      return Error::QueryTooComplex(std::string(params::kQ),
                                    "q has " + std::to_string(count) + " " +
                                        std::string(bound.what) + "; at most " +
                                        std::to_string(bound.limit) + " are allowed");
    }
  }
  return Status::Ok();
}

std::string DescribeQueryShapeBounds() {
  std::string text = "at most ";
  for (const QueryShapeBound& bound : QueryShapeBounds()) {
    if (&bound != &QueryShapeBounds().front()) text += ", ";
    text += std::to_string(bound.limit) + " " + std::string(bound.what);
  }
  return text;
}

}  // namespace rapport
