// Snippet: the excerpt of a bio shown with a result, HTML-escaped, with the
// words the text query matched wrapped in <mark>…</mark>.
//
// A SnippetMaker is made once per search from its text query and reads each
// hit's bio in one pass. It splits the bio into words as Xapian's term
// generator does (letters, digits, marks and connectors; an apostrophe
// between two of them stays in the word), lower-cases them, and matches each
// against the query's free-text terms: a plain word, a word whose English
// stem is one of the query's Z-terms (those of bio:word too), or the last word
// of one of its quoted phrases, which is marked whole. Words a NOT excludes are
// not marked.
//
// The excerpt is the stretch of at most `length` bytes whose matches weigh
// most: a match weighs between 1 and 2, rarer words more (by their document
// frequency), and each repeat of a word within the stretch half its previous
// one, so two different words beat one word twice; among equals the earliest
// wins. The excerpt starts at its sentence's start when that still fits, else
// a few words before its first match, and runs on to whole words; "…" shows
// where text was left out. Without a text query, or when the bio holds none of
// its words (the profile matched on its name or a concept), the snippet is
// the bio's opening.
//
// This replaced Xapian's MSet::snippet, which decodes and classifies the bio
// character by character and cost 44 % of a filtered word search's
// instructions (docs/benchmarks.md, "Snippets in one pass").
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace rapport {

inline constexpr size_t kSnippetBytes = 200;

class SnippetMaker {
 public:
  // Every snippet is the bio's opening.
  SnippetMaker() = default;

  // Marks the free-text words of `query` (which may be empty); `db`, the
  // database the query searches, gives each word's document frequency. May
  // throw Xapian's database errors, as a search's other reads do.
  SnippetMaker(const Xapian::Query& query, const Xapian::Database& db);

  // The snippet of `bio`: at most `length` bytes of it, before escaping and
  // marking. Uses this thread's stem memo.
  [[nodiscard]] std::string Make(std::string_view bio, size_t length = kSnippetBytes) const;

 private:
  // A word of the bio's free text in the query: a plain word or a stem.
  struct Word {
    std::string text;
    bool stemmed;
  };
  struct Phrase {
    std::vector<std::string> terms;  // the query's terms, in order
    std::vector<Word> words;         // their words
    int target;
  };
  struct Match {
    size_t begin;
    size_t end;
    int target;
  };
  struct Span {
    size_t begin;
    size_t end;
  };
  struct Window {
    size_t first;  // the first and last match it holds
    size_t last;
  };

  void AddTerms(const Xapian::Query& query, std::vector<std::string>& terms);
  // The bio's words and, in order, its matches: no longer than `length` (a
  // phrase's words may be far apart).
  void Scan(std::string_view bio, size_t length, std::vector<Span>& words,
            std::vector<Match>& matches) const;
  int MatchWord(const std::string& word) const;
  [[nodiscard]] bool PhraseEndsAt(const Phrase& phrase, std::string_view bio,
                                  const std::vector<Span>& words) const;
  [[nodiscard]] Window BestWindow(const std::vector<Match>& matches, size_t length) const;

  std::vector<double> weights_;                     // by target
  std::vector<std::pair<std::string, int>> plain_;  // lower-case word -> target
  std::vector<std::pair<std::string, int>> stems_;  // English stem -> target
  std::vector<Phrase> phrases_;
  std::array<bool, 256> starts_{};  // the bytes the words and phrases' last words start with
};

// `text` with &, <, >, " and ' replaced by HTML entities.
[[nodiscard]] std::string EscapeHtml(std::string_view text);

}  // namespace rapport
