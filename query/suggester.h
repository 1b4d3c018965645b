// Suggester: completions of a typed prefix from vocabulary labels and their
// synonyms, therapist names and frequent words of the index, best first.
// Built once per index revision into a compact in-memory structure (one sorted
// array of match keys plus the precomputed best entries of every prefix that
// matches many keys), so Complete() costs a binary search and a short scan.
// Immutable after Build: any number of threads may call Complete().
//
//   std::unique_ptr<Suggester> suggester = Suggester::Build(database, vocabulary);
//   for (const Suggestion& s : suggester->Complete("anx", 8)) Show(s.text, s.kind, s.value);
//
// Order (docs/search-api.md): 1. vocabulary labels or synonyms that start with
// the prefix, more profiles first; 2. therapist names with a word starting
// with it, more profiles first; 3. vocabulary labels with a later word
// starting with it; 4. frequent words of the index, more profiles first. Ties
// by text. One suggestion per vocabulary value, name or word.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "vocabulary.h"

namespace rapport {

struct Suggestion {
  std::string text;   // the completion, e.g. "Anxiety"
  std::string kind;   // "name", a facet name ("specialty", ...), or "word"
  std::string value;  // vocabulary slug or profile id, when kind names one
};

struct SuggesterConfig {
  // A word is suggested when at least this many profiles contain it, and at
  // least this fraction of them (so memory stays flat as the index grows).
  Xapian::doccount min_word_profiles = 2;
  double min_word_fraction = 0.0001;
  size_t min_word_chars = 3;
  // Prefixes matching more keys than this get their best entries precomputed.
  size_t scan_limit = 256;
  // Most suggestions one call returns (the API's max suggest limit).
  int max_limit = 20;
};

class Suggester {
 public:
  // Reads the vocabulary popularity, the names and the frequent words of
  // `database`. Xapian errors are the caller's to catch (SearchService turns
  // them into an Error).
  static std::unique_ptr<Suggester> Build(const Xapian::Database& database,
                                          const Vocabulary& vocabulary,
                                          const SuggesterConfig& config = {});

  // At most `limit` (capped at config.max_limit) completions of `prefix`;
  // empty for a prefix with no letters or digits.
  std::vector<Suggestion> Complete(std::string_view prefix, int limit) const;

  // Bytes held, for the benchmark report.
  size_t MemoryBytes() const;
  size_t EntryCount() const { return entries_.size(); }

  class Builder;

 private:
  // Tiers of the order above; a key's tier is its rank's most significant part.
  enum Tier : uint8_t { kLabelStart = 0, kName = 1, kLabelWord = 2, kWord = 3 };

  // One suggestion: text and value live in text_.
  struct Entry {
    uint32_t text_offset;
    uint32_t value_offset;
    uint16_t text_length;
    uint16_t value_length;
    uint8_t kind;  // index into kinds_
    uint32_t weight;
  };
  // One way to reach an entry: its normalized text (or a later word of it).
  struct Key {
    uint32_t offset;  // into keys_text_
    uint16_t length;
    uint32_t entry;
    uint32_t rank;  // position in the overall best-first order
  };

  explicit Suggester(const SuggesterConfig& config) : config_(config) {}
  std::string_view KeyText(const Key& key) const {
    return std::string_view(keys_text_).substr(key.offset, key.length);
  }
  Suggestion MakeSuggestion(uint32_t entry) const;
  void PrecomputeBest(size_t begin, size_t end, size_t depth);
  std::vector<uint32_t> BestEntries(size_t begin, size_t end, size_t count) const;

  SuggesterConfig config_;
  std::string text_;       // display texts and values
  std::string keys_text_;  // normalized texts
  std::vector<std::string> kinds_;
  std::vector<Entry> entries_;
  std::vector<Key> keys_;  // sorted by key text
  // Normalized prefix matching more than scan_limit keys → its best entries.
  std::unordered_map<std::string, std::vector<uint32_t>> best_;
};

}  // namespace rapport
