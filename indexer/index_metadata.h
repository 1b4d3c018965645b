// IndexMetadata: what the writer stores in an index besides documents: the
// synonym table built from vocab.json, the vocabulary text, the layout version
// and the highest outbox seq the index contains (docs/index-layout.md).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

#include "vocabulary.h"

namespace rapport {

// Metadata key holding the decimal seq of the last outbox row applied.
inline constexpr std::string_view kMetaAppliedOutboxSeq = "rapport:outbox_seq";

// The words of `text` as Xapian's QueryParser sees them: runs of word
// characters, lower-cased, joined by single spaces.
[[nodiscard]] std::string PhraseKey(std::string_view text);

// The phrases a vocabulary entry is known by — slug, label without its
// parenthesised part, the parenthesised part, each synonym — as PhraseKeys,
// in that order, without empty or repeated ones.
[[nodiscard]] std::vector<std::string> EntryPhrases(const VocabEntry& entry);

// Every (key, synonym) pair of the synonym table, sorted and unique: for each
// vocabulary entry, its phrases (slug, label without its parenthesised part,
// the parenthesised part, each synonym; as PhraseKey) linked to each other
// both ways, plus "Z" + English stem keys for one-word phrases.
[[nodiscard]] std::vector<std::pair<std::string, std::string>> SynonymPairs(
    const Vocabulary& vocabulary);

// Writes the synonym table, kMetaVocabulary and kMetaLayoutVersion. Throws
// Xapian::Error like the database calls it makes.
void WriteSearchMetadata(Xapian::WritableDatabase& db, const Vocabulary& vocabulary);

// The applied outbox seq recorded in `db`, 0 when none.
[[nodiscard]] int64_t AppliedOutboxSeq(const Xapian::Database& db);
void SetAppliedOutboxSeq(Xapian::WritableDatabase& db, int64_t seq);

}  // namespace rapport
