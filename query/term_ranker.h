// TermRanker: relevance ranking of the common text query — one word, or
// words that must all match — computed in one pass over the words' posting
// lists intersected with the final match set, instead of through Xapian's
// matcher. The score is the one Xapian's matcher gives the same query ANDed
// with BoostPostingSource (docs/ranking.md): the sum of each term's BM25
// weight with Xapian's default parameters, plus the document's freshness
// boost. What makes it cheaper: common words' postings come from the
// PostingCache, document lengths from the FacetStore's column rather than
// from the index's length list, and the exact boost is computed only for
// documents whose boost bound could lift them into the page. When every word
// is in the PostingCache and the revision's BoostOrder is given, the match
// set is a word-wise AND of the words' sets and the page is found by walking
// the BoostOrder best-first, scoring only the matches met on the way, until no
// later document's boost bound plus the text's highest possible score can
// enter it (docs/ranking.md, "Text and boost"); the scan is the fallback
// when that walk would take longer. Any other query shape (OR, NOT, boolean
// filters in the text, ...) is left to Xapian's matcher.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include <xapian.h>

#include "boost_order.h"
#include "doc_set.h"
#include "facet_store.h"
#include "posting_cache.h"
#include "ranking.h"

namespace rapport {

struct ScoredDoc {
  uint32_t docid = 0;
  double score = 0;
};

// BM25's parameters; the defaults are Xapian::BM25Weight's (k2 = 0, k3 = 1
// and each query word's own frequency 1 make the query-side factors 1; a
// word typed twice is two terms, each weighed on its own, as Xapian does).
struct Bm25Params {
  double k1 = 1;
  double b = 0.5;
  double min_normalised_length = 0.5;
};

// Where RankPlainTerms looks. Every document of the query in `within` is
// added to `*matched` when set (so one pass can give a search both its match
// set and its ranking); of those, only the ones also in `*rank_only` (when
// set) are ranked.
// When `within` is WithinKind::kAllMatch, every document of it is known to
// match the query already, so phrase and NEAR nodes of terms are ranked as
// the AND of their terms (Xapian weighs them so), without reading positions.
enum class WithinKind {
  kMayNotMatch,  // the query decides which documents of `within` match
  kAllMatch,     // every document of `within` matches the query
};
struct RankScope {
  const DocSet* within = nullptr;
  const DocSet* rank_only = nullptr;
  DocSet* matched = nullptr;
  WithinKind within_kind = WithinKind::kMayNotMatch;
  PostingCache* cache = nullptr;  // words it holds are read from it
  // The revision's boost order, made from the bounds the Booster was given,
  // for the best-first walk.
  const BoostOrder* order = nullptr;
};

// The best `count` documents of the scope for `query`, best first (ties by
// docid), or nullopt — with nothing read or added — when `query` is not a
// term or an AND of distinct terms. Xapian errors propagate.
[[nodiscard]] std::optional<std::vector<ScoredDoc>> RankPlainTerms(
    Xapian::Database& db, const Xapian::Query& query, const RankScope& scope,
    const FacetStore& store, const Booster& booster, size_t count, const Bm25Params& params = {});

}  // namespace rapport
