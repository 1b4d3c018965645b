// MatchSet: the exact set of documents a text query matches, as a DocSet.
// Term, AND, OR, NOT and synonym nodes are evaluated over posting lists into
// bitsets (much cheaper than running Xapian's ranking matcher over every
// match): terms under AND (and a lone term) are intersected with each other
// and with the filter set by a PostingIntersection, driven by the smallest
// input, so a common word is not read in full when the filters or another
// word are narrower; OR children are read in full and unioned; nodes that need positions or values
// (phrases, NEAR, wildcards) are matched by Xapian itself with a MatchSpy that records each docid,
// a slice of the candidates at a time so that a deadline can stop it, except that an exact
// phrase skips the documents known to hold it (PhraseHolders).
// The children of an AND are evaluated one after another, each within what
// the earlier ones left (words first), so a second phrase checks positions
// only where the first matched, and nothing is read once the set is empty;
// the children of a NOT likewise only within what is left.
#pragma once

#include <memory>

#include <xapian.h>

#include "deadline.h"
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
// Once `deadline` (may be null) has passed, evaluation stops and the set is
// incomplete: the caller checks the deadline. Xapian errors propagate.
[[nodiscard]] DocSet MatchSet(Xapian::Database& db, const Xapian::Query& query,
                              const std::shared_ptr<const DocSet>& within,
                              PostingCache* cache = nullptr, const PhraseHolders* holders = nullptr,
                              const Deadline* deadline = nullptr);

}  // namespace rapport
