// TextQuery: the free text `q` of a search as a Xapian query. English
// stemming, "phrases", AND/OR/NOT, field:value prefixes (boolean facet
// prefixes such as modality:emdr and free-text name: and bio:); spelling
// corrections are spelling_policy.h's. Synonyms need no query-time
// expansion: the indexer indexes every form of each vocabulary concept a
// profile has or its bio names (docs/index-layout.md, "Concept terms"). A query Xapian cannot parse
// is read again as plain words; only database errors (e.g. DatabaseModifiedError) propagate, for
// the caller to reopen and retry.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace rapport {

struct ParsedText {
  Xapian::Query query;  // empty when `q` has no searchable word
};

// Parses `q` against `db`. A plain `q` (plain_words.h) leaves out phrases
// about where the client is ("near me", "in my area"), and one whose words are
// all stop words ("therapist", "a counselor") parses to no text: nothing
// narrows, so the search browses. The caller keeps `db` alive while it uses
// the query.
[[nodiscard]] ParsedText ParseText(const std::string& q, const Xapian::Database& db);

// The words of `words` as a plain AND query (no operators, phrases or fields:
// what word_dropping.h's choices are searched as).
[[nodiscard]] ParsedText ParsePlainWords(const std::vector<std::string>& words,
                                         const Xapian::Database& db);

// Whether the query parser leaves `word` (lower-case) out of a query: an
// English function word or a word that describes every therapist.
[[nodiscard]] bool IsStopWord(std::string_view word);

// The words of a plain `q` (plain_words.h) that search: all but the phrases
// about where the client is ("near me", "close to me", "in my area", "nearby",
// "local": the near= parameter's), in typed order; nullopt when `q` has
// structure.
[[nodiscard]] std::optional<std::vector<std::string>> SearchedWords(std::string_view q);

// `query` with every phrase and NEAR turned into an AND of its parts: what
// ranks a match set that phrases were matched into by other means
// (PhraseHolders). Xapian checks positions lazily, so a positional query
// under AND_MAYBE weighs the same document differently from one page size to
// the next; without positions the ranking is the same for every page.
[[nodiscard]] Xapian::Query WithoutPositions(const Xapian::Query& query);

// The stemmer used for indexing and querying free text.
[[nodiscard]] Xapian::Stem TextStemmer();

}  // namespace rapport
