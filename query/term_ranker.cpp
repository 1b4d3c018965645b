// TermRanker: BM25 plus boost, top-k in a heap, by a best-first walk of the
// boost order or a scan of the posting-list intersection.
#include "term_ranker.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "posting_intersection.h"
#include "smallest_entries.h"

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

// A text score bound is raised by this share so that rounding in the scores
// it bounds can never exceed it.
constexpr double kBoundSlack = 1e-9;

// The text part of the score: each term's BM25 weight in one document.
class TextScorer {
 public:
  TextScorer(Xapian::Database& db, const std::vector<std::string>& terms, const FacetStore& store,
             const Bm25Params& params)
      : store_(store), params_(params) {
    const auto documents = static_cast<double>(db.get_doccount());
    for (const std::string& term : terms) {
      weights_.push_back(TermWeight(documents, db.get_termfreq(term), params));
    }
    const double average_length = db.get_avlength();
    length_factor_ = average_length > 0 ? 1 / average_length : 0;
  }

  // wdf(i) is the i-th term's wdf in `docid`.
  template <typename Wdf>
  double Score(uint32_t docid, Wdf&& wdf) const {
    const double normalised =
        std::max(store_.doc_length(docid) * length_factor_, params_.min_normalised_length);
    const double length_part = LengthPart(normalised);
    double score = 0;
    for (size_t i = 0; i < weights_.size(); ++i) {
      const auto term_wdf = static_cast<double>(wdf(i));
      score += weights_[i] * (term_wdf / (length_part + term_wdf));
    }
    return score;
  }

  // At least Score() of any document in which no term's wdf exceeds its
  // entry of `max_wdfs`.
  double Bound(const std::vector<double>& max_wdfs) const {
    const double shortest = LengthPart(params_.min_normalised_length);
    double bound = 0;
    for (size_t i = 0; i < weights_.size(); ++i) {
      bound += weights_[i] * (max_wdfs[i] / (shortest + max_wdfs[i]));
    }
    return bound * (1 + kBoundSlack);
  }

 private:
  double LengthPart(double normalised) const {
    return params_.k1 * (normalised * params_.b + (1 - params_.b));
  }

  const FacetStore& store_;
  const Bm25Params& params_;
  std::vector<double> weights_;
  double length_factor_ = 0;
};

// The best documents by score, ties by docid, are the SmallestEntries of
// (−score, docid).

// The worst score `best` keeps; only when it is full.
double WorstScore(const SmallestEntries& best) { return -best.worst().first; }

void Offer(SmallestEntries& best, const ScoredDoc& doc) { best.Offer({-doc.score, doc.docid}); }

// The kept documents, best first.
std::vector<ScoredDoc> TakeBest(SmallestEntries& best) {
  std::vector<ScoredDoc> docs;
  for (const auto& [key, docid] : best.TakeEntries()) docs.push_back({docid, -key});
  return docs;
}

// Offers `docid` to `best`, where documents come in ascending docid order:
// once `best` is full a new one must score strictly more than the worst kept
// to enter, so its boost (the costlier part) is computed only when its text
// score plus an upper bound of its boost could. wdf(i): the i-th term's wdf.
template <typename Wdf>
void OfferInDocidOrder(const TextScorer& scorer, const Booster& booster, uint32_t docid, Wdf&& wdf,
                       SmallestEntries& best) {
  const double text = scorer.Score(docid, wdf);
  if (best.full() && text + booster.UpperBound(docid) <= WorstScore(best)) return;
  Offer(best, {docid, text + booster.Boost(docid)});
}

// The best `count` of `candidates` (each having every term of `lists`),
// found by walking `order` best-first; nullopt when the walk would look at
// more docids than `candidates` has, or could not stop before the order's
// end (scanning them is then cheaper).
std::optional<std::vector<ScoredDoc>> WalkBoostOrder(
    const TextScorer& scorer, const std::vector<std::shared_ptr<const DecodedPostings>>& lists,
    const DocSet& candidates, const Booster& booster, const BoostOrder& order, size_t count) {
  std::vector<double> max_wdfs;
  for (const auto& list : lists) max_wdfs.push_back(list->max_wdf);
  const double text_bound = scorer.Bound(max_wdfs);
  const auto max_steps = static_cast<size_t>(candidates.Count());
  const std::vector<uint32_t>& docids = order.docids();
  // Docids the order does not cover (none, when it is the revision's).
  if (docids.empty() || candidates.bound() > order.bound()) return std::nullopt;
  const double lowest_bound = order.bounds().back();
  SmallestEntries best(count);
  for (size_t step = 0; step < docids.size(); ++step) {
    // Every later docid has a boost bound no higher, so a score no higher
    // than this one's bound plus the text's.
    const double bound = order.bounds()[step];
    if (best.full() && bound + text_bound < WorstScore(best)) break;
    // Past the budget, or unable to stop before the order's end (the text
    // can outweigh the whole range of bounds left): the scan is cheaper.
    if (step >= max_steps || (best.full() && lowest_bound + text_bound >= WorstScore(best))) {
      return std::nullopt;
    }
    const uint32_t docid = docids[step];
    if (!candidates.Contains(docid)) continue;
    const double text = scorer.Score(docid, [&](size_t i) { return lists[i]->WdfOf(docid); });
    // The exact boost (the costlier part) only when the bound could enter.
    if (best.full() && text + bound < WorstScore(best)) continue;
    Offer(best, {docid, text + booster.Boost(docid)});
  }
  return TakeBest(best);
}

}  // namespace

std::optional<std::vector<ScoredDoc>> RankPlainTerms(
    Xapian::Database& db, const Xapian::Query& query, const RankScope& scope,
    const FacetStore& store, const Booster& booster, size_t count, const Bm25Params& params) {
  auto terms = PlainTerms(query, scope.within_kind == WithinKind::kAllMatch);
  if (!terms) return std::nullopt;
  const TextScorer scorer(db, *terms, store, params);
  SmallestEntries best(count);
  const bool can_walk = scope.order != nullptr && scope.cache != nullptr && scope.within != nullptr;
  if (auto lists = can_walk ? scope.cache->GetEvery(db, *terms) : std::nullopt) {
    DocSet matches = *scope.within;
    for (const auto& list : *lists) matches.IntersectWith(list->members);
    if (scope.matched != nullptr) scope.matched->UnionWith(matches);
    if (count == 0) return std::vector<ScoredDoc>{};
    if (scope.rank_only != nullptr) matches.IntersectWith(*scope.rank_only);
    auto walked = WalkBoostOrder(scorer, *lists, matches, booster, *scope.order, count);
    if (walked) return walked;
    matches.ForEach([&](uint32_t docid) {
      OfferInDocidOrder(
          scorer, booster, docid, [&](size_t i) { return (*lists)[i]->WdfOf(docid); }, best);
    });
    return TakeBest(best);
  }

  PostingIntersection intersection(db, *terms, {scope.within}, scope.cache);
  intersection.ForEach([&](uint32_t docid) {
    if (scope.matched != nullptr) scope.matched->Insert(docid);
    if (count == 0 || (scope.rank_only != nullptr && !scope.rank_only->Contains(docid))) return;
    OfferInDocidOrder(
        scorer, booster, docid, [&](size_t i) { return intersection.wdf(i); }, best);
  });
  return TakeBest(best);
}

}  // namespace rapport
