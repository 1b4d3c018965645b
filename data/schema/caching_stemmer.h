// CachingStemmer: Xapian's English stemmer with a word -> stem memo. A
// rebuild's document builders stem the same few thousand words (bio phrases,
// names) millions of times, and so do a search page's snippets (the words of
// 20 bios that may stem to a query's word); each distinct word is stemmed
// once per memo and then looked up.
// The stems are Xapian::Stem("en")'s, so the query side
// (query/text_query.cpp) still matches the indexed terms.
//
// Not thread-safe: one per DocumentBuilder, and one per search thread for
// snippets (query/snippet.cpp).
//
//   Xapian::TermGenerator generator;
//   generator.set_stemmer(CachedEnglishStemmer());
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>

#include <xapian.h>

namespace rapport {

class CachingStemmer : public Xapian::StemImplementation {
 public:
  // Words past `max_words` distinct ones are stemmed but not remembered, so a
  // text of random tokens cannot grow the memo without bound.
  explicit CachingStemmer(size_t max_words);

  std::string operator()(const std::string& word) override;
  std::string get_description() const override;

  [[nodiscard]] size_t CachedWords() const { return stems_.size(); }

 private:
  Xapian::Stem stemmer_;
  size_t max_words_;
  std::unordered_map<std::string, std::string> stems_;
};

// Distinct words one builder remembers: the generated and sample data use a
// few thousand; 200,000 short words and their stems take about 20 MB.
constexpr size_t kMaxCachedStems = 200000;

// A Xapian::Stem that owns a new CachingStemmer (Xapian counts its references).
[[nodiscard]] Xapian::Stem CachedEnglishStemmer(size_t max_words = kMaxCachedStems);

}  // namespace rapport
