// TermRanker: BM25 plus boost over a posting-list intersection, top-k in a heap.
#include "term_ranker.h"

#include <algorithm>
#include <cmath>
#include <queue>
#include <string>

#include "posting_intersection.h"

namespace rapport {

namespace {

// The terms of a lone term or of an AND of distinct terms (or a phrase or
// NEAR of them, when `positions_checked`); nullopt otherwise.
std::optional<std::vector<std::string>> PlainTerms(const Xapian::Query& query,
                                                   bool positions_checked) {
  std::vector<std::string> terms;
  if (query.get_type() == Xapian::Query::LEAF_TERM) {
    terms.push_back(*query.get_terms_begin());
    return terms;
  }
  const bool positional =
      query.get_type() == Xapian::Query::OP_PHRASE || query.get_type() == Xapian::Query::OP_NEAR;
  if (query.get_type() != Xapian::Query::OP_AND && !(positional && positions_checked)) {
    return std::nullopt;
  }
  for (size_t i = 0; i < query.get_num_subqueries(); ++i) {
    const Xapian::Query child = query.get_subquery(i);
    if (child.get_type() != Xapian::Query::LEAF_TERM) return std::nullopt;
    terms.push_back(*child.get_terms_begin());
  }
  // A word typed twice stays two terms: Xapian weighs each occurrence on
  // its own (query frequency 1), so its part counts twice.
  return terms;
}

// BM25's per-term factor (Xapian's BM25Weight::init without relevance
// feedback): an idf that stays positive for terms in most documents, × (k1 + 1).
double TermWeight(double documents, double term_frequency, const Bm25Params& params) {
  double ratio = (documents - term_frequency + 0.5) / (term_frequency + 0.5);
  if (ratio < 2) ratio = ratio * 0.5 + 1;
  return std::log(ratio) * (params.k1 + 1);
}

struct Better {
  bool operator()(const ScoredDoc& a, const ScoredDoc& b) const {
    return a.score > b.score || (a.score == b.score && a.docid < b.docid);
  }
};

}  // namespace

std::optional<std::vector<ScoredDoc>> RankPlainTerms(
    Xapian::Database& db, const Xapian::Query& query, const RankScope& scope,
    const FacetStore& store, const Booster& booster, size_t count, const Bm25Params& params) {
  auto terms = PlainTerms(query, scope.within_kind == WithinKind::kAllMatch);
  if (!terms) return std::nullopt;
  std::vector<double> weights;
  const auto documents = static_cast<double>(db.get_doccount());
  for (const std::string& term : *terms) {
    weights.push_back(TermWeight(documents, db.get_termfreq(term), params));
  }
  const double average_length = db.get_avlength();
  const double length_factor = average_length > 0 ? 1 / average_length : 0;

  // The worst kept document on top, so a better one replaces it.
  std::priority_queue<ScoredDoc, std::vector<ScoredDoc>, Better> kept;
  // Documents come in ascending docid order, so once `count` are kept a new
  // one must score strictly more than the worst kept to enter: its boost
  // (the costlier part) is computed only when its text score plus an upper
  // bound of its boost could.
  PostingIntersection intersection(db, *terms, {scope.within}, scope.cache);
  intersection.ForEach([&](uint32_t docid) {
    if (scope.matched != nullptr) scope.matched->Insert(docid);
    if (count == 0 || (scope.rank_only != nullptr && !scope.rank_only->Contains(docid))) return;
    const double normalised =
        std::max(store.doc_length(docid) * length_factor, params.min_normalised_length);
    const double length_part = params.k1 * (normalised * params.b + (1 - params.b));
    double score = 0;
    for (size_t i = 0; i < weights.size(); ++i) {
      const double wdf = intersection.wdf(i);
      score += weights[i] * (wdf / (length_part + wdf));
    }
    const bool full = kept.size() == count;
    if (full && score + booster.UpperBound(docid) <= kept.top().score) return;
    const ScoredDoc doc{docid, score + booster.Boost(docid)};
    if (!full) {
      kept.push(doc);
    } else if (Better()(doc, kept.top())) {
      kept.pop();
      kept.push(doc);
    }
  });
  std::vector<ScoredDoc> best(kept.size());
  for (size_t i = best.size(); i-- > 0;) {
    best[i] = kept.top();
    kept.pop();
  }
  return best;
}

}  // namespace rapport
