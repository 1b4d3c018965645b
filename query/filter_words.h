// FilterWords: the phrases of a client's plain query that name a filter
// unambiguously, read as that filter instead of as text — "spanish speaking"
// is language=es, "takes aetna" insurance=aetna, "online" virtual=true,
// "by video call" mode=video, "sliding scale" sliding_scale=true, "teens"
// population=teens, "in Oakland" near=Oakland's centre (a city of the shipped
// gazetteer, data/cities.json: a one-word name after "in", "near", "around"
// or "close to", a longer one ("los angeles") or one with its state
// ("phoenix az") anywhere; a name several cities share only with its state). Asked for
// with interpret=true (the search page and the widget send it); the answer
// says what was read (SearchResult::interpreted) so the page shows each as a
// filter chip the client can remove (docs/search-api.md, "Filter words").
//
// Built once per vocabulary; immutable and shared between threads.
//
//   FilterWords words(vocabulary, gazetteer.cities());
//   Interpretation i = words.Interpret("spanish speaking therapist for teens");
//   // i.q == "" (the words left never narrow a search),
//   // i.filters == {language=es "spanish speaking", population=teens "teens"}
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "city_gazetteer.h"
#include "search_request.h"
#include "vocabulary.h"

namespace rapport {

struct InterpretedFilter {
  std::string words;  // the query's words that named it, lower-case, space-separated
  std::string param;  // the search parameter: a facet name, "virtual" or "sliding_scale"
  std::string value;  // the facet's slug, or "true"
  std::string label;  // what a chip says: the vocabulary label, or the filter's name
  std::optional<GeoPoint> place;  // param "near": the city's centre ("LAT,LON" in `value`)
};

struct Interpretation {
  std::string q;  // the other words in typed order, without stop words at either end
  std::vector<InterpretedFilter> filters;  // in typed order; empty: `q` is as typed
};

class FilterWords {
 public:
  // Places are read only when `places` (the gazetteer's cities) is given.
  explicit FilterWords(const Vocabulary& vocabulary, const std::vector<GazetteerCity>& places = {});

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
  void AddPlaces(const Vocabulary& vocabulary, const std::vector<GazetteerCity>& places);
  std::vector<Pattern> patterns_;  // longest first
  // Indexes in patterns_ of the patterns starting with a word, longest first.
  std::map<std::string, std::vector<size_t>, std::less<>> by_first_word_;
};

}  // namespace rapport
