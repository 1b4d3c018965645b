// FilterWords: the phrases of a client's plain query that name a filter
// unambiguously, read as that filter instead of as text — "spanish speaking"
// is language=es, "takes aetna" insurance=aetna, "online" virtual=true,
// "by video call" mode=video, "sliding scale" sliding_scale=true, "teens"
// population=teens. Asked for
// with interpret=true (the search page and the widget send it); the answer
// says what was read (SearchResult::interpreted) so the page shows each as a
// filter chip the client can remove. Places ("in Oakland") are the page's:
// the gazetteer lives there (docs/search-api.md, "Filter words").
//
// Built once per vocabulary; immutable and shared between threads.
//
//   FilterWords words(vocabulary);
//   Interpretation i = words.Interpret("spanish speaking therapist for teens");
//   // i.q == "" (the words left never narrow a search),
//   // i.filters == {language=es "spanish speaking", population=teens "teens"}
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "vocabulary.h"

namespace rapport {

struct InterpretedFilter {
  std::string words;  // the query's words that named it, lower-case, space-separated
  std::string param;  // the search parameter: a facet name, "virtual" or "sliding_scale"
  std::string value;  // the facet's slug, or "true"
  std::string label;  // what a chip says: the vocabulary label, or the filter's name
};

struct Interpretation {
  std::string q;  // the other words in typed order, without stop words at either end
  std::vector<InterpretedFilter> filters;  // in typed order; empty: `q` is as typed
};

class FilterWords {
 public:
  explicit FilterWords(const Vocabulary& vocabulary);

  // The filters `q` names and the words left; `q` unchanged and no filters
  // when it is not plain (plain_words.h) or names none. Phrases of the
  // parameters in `ignored` stay words (an in-person search reads "online"
  // as a word, not as virtual=true).
  [[nodiscard]] Interpretation Interpret(std::string_view q,
                                         const std::vector<std::string_view>& ignored = {}) const;

 private:
  struct Pattern {
    std::vector<std::string> parts;  // words to match in order
    InterpretedFilter filter;        // `words` filled in at match time
  };
  void Add(std::vector<std::string> parts, const InterpretedFilter& filter);
  std::vector<Pattern> patterns_;  // longest first
};

}  // namespace rapport
