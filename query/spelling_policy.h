// SpellingPolicy: which words of a typed query may be corrected, and to what
// (docs/ranking.md, "Did you mean"). A correction must never change what the
// client meant, so a word is left as typed when it is
//   - a function word or any other word of the English word list ("son",
//     "takes", "about", "lonely"),
//   - in the index's spelling dictionary (some profile uses it),
//   - a word of a vocabulary entry (its slug, label or a synonym: "panic",
//     "hoarding", "aetna"), so no correction turns one vocabulary term into
//     another,
//   - shorter than kMinCorrectableLength, or holding a digit, or part of a
//     field:value term.
// Every other word is replaced by Xapian's suggestion from the spelling
// dictionary, when it has one ("anxeity" → "anxiety", "EMRD" → "emdr").
// Whether the corrected query is then offered depends on how many it finds
// (SearchService: fewer than SearchOptions::correct_below as typed, more once
// corrected, under the same filters).
//
//   SpellingPolicy policy(&english_words, vocabulary);
//   std::optional<std::string> corrected = policy.Correct("traumma therapist", db);
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

#include <xapian.h>

#include "english_words.h"
#include "vocabulary.h"

namespace rapport {

// Words this short are a small edit away from too many others to trust a
// correction ("son" → "on", "gad" → "sad").
inline constexpr size_t kMinCorrectableLength = 4;

class SpellingPolicy {
 public:
  // `english` may be null (no word list could be read): then no word is ever
  // corrected, since ordinary words cannot be told from typos. `english`
  // must outlive the policy; the vocabulary's words are copied.
  SpellingPolicy(const EnglishWords* english, const Vocabulary& vocabulary);

  // `q` with each correctable word replaced by its correction (lower case),
  // everything else as typed; nullopt when no word was changed.
  [[nodiscard]] std::optional<std::string> Correct(std::string_view q,
                                                   const Xapian::Database& db) const;

  // True when the policy leaves `word` (lower case) as typed whatever the
  // spelling dictionary suggests.
  [[nodiscard]] bool Protected(const std::string& word, const Xapian::Database& db) const;

 private:
  const EnglishWords* english_;
  std::unordered_set<std::string> vocabulary_words_;
};

}  // namespace rapport
