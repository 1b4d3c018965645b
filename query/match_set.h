// MatchSet: the exact set of documents a text query matches, as a DocSet.
// Term, AND, OR, NOT and synonym nodes are evaluated over posting lists into
// bitsets (much cheaper than running Xapian's ranking matcher over every
// match): terms under AND (and a lone term) are intersected with each other
// and with the filter set by a PostingIntersection, driven by the smallest
// input, so a common word is not read in full when the filters or another
// word are narrower; OR children are read in full and unioned; nodes that need positions or values
// (phrases, NEAR, wildcards) are matched by Xapian itself with a MatchSpy that records each docid,
// except that an exact phrase skips the documents known to hold it (PhraseHolders).
#pragma once

#include <memory>

#include <xapian.h>

#include "doc_set.h"
#include "facet_store.h"
#include "posting_cache.h"
#include "vocabulary_phrases.h"

namespace rapport {

// Where the documents known to hold a phrase are found: the vocabulary's
// holder terms, looked up in the revision's facet store.
struct PhraseHolders {
  const VocabularyPhrases& phrases;
  const FacetStore& store;
};

// Documents matching `query` that are also in `within`; words `cache` holds
// (it may be null) are read from it. `holders` (may be null) adds the
// documents known to hold an exact phrase: vocabulary texts are indexed
// without positions, so without it phrases match names and bios only.
// Xapian errors propagate.
[[nodiscard]] DocSet MatchSet(Xapian::Database& db, const Xapian::Query& query,
                              const std::shared_ptr<const DocSet>& within,
                              PostingCache* cache = nullptr,
                              const PhraseHolders* holders = nullptr);

}  // namespace rapport
