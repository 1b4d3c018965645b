// SpellingPolicy: the word-by-word correction rules of spelling_policy.h.
#include "spelling_policy.h"

#include <cctype>

namespace rapport {

namespace {

// Xapian's QueryParser splits words at what is neither a letter nor a digit;
// bytes of multi-byte UTF-8 characters count as letters here, so a word is
// never cut inside a character.
bool IsWordByte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte >= 0x80 || std::isalnum(byte) != 0;
}

bool HasDigit(std::string_view word) {
  for (char c : word) {
    if (std::isdigit(static_cast<unsigned char>(c)) != 0) return true;
  }
  return false;
}

// Adds the lower-case words of `text` to `words`.
void AddWords(std::string_view text, std::unordered_set<std::string>& words) {
  size_t i = 0;
  while (i < text.size()) {
    if (!IsWordByte(text[i])) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < text.size() && IsWordByte(text[end])) ++end;
    words.insert(Xapian::Unicode::tolower(std::string(text.substr(i, end - i))));
    i = end;
  }
}

// A field:value term ("modality:emdr") is matched as written, never corrected.
bool InFieldTerm(std::string_view q, size_t begin, size_t end) {
  return (begin > 0 && q[begin - 1] == ':') || (end < q.size() && q[end] == ':');
}

// True when some profile uses `word` (Xapian 1.4 has no direct look-up of a
// spelling frequency; the iterator seeks in the spelling table).
bool InSpellingDictionary(const std::string& word, const Xapian::Database& db) {
  Xapian::TermIterator it = db.spellings_begin();
  it.skip_to(word);
  return it != db.spellings_end() && *it == word;
}

}  // namespace

SpellingPolicy::SpellingPolicy(const EnglishWords* english, const Vocabulary& vocabulary)
    : english_(english) {
  for (const std::string& facet : vocabulary.FacetNames()) {
    for (const VocabEntry& entry : vocabulary.Entries(facet)) {
      for (const std::string* form : IndexedForms(entry)) AddWords(*form, vocabulary_words_);
    }
  }
}

bool SpellingPolicy::Protected(const std::string& word, const Xapian::Database& db) const {
  return english_ == nullptr || word.size() < kMinCorrectableLength || HasDigit(word) ||
         english_->Contains(word) || vocabulary_words_.count(word) > 0 ||
         InSpellingDictionary(word, db);
}

std::optional<std::string> SpellingPolicy::Correct(std::string_view q,
                                                   const Xapian::Database& db) const {
  if (english_ == nullptr) return std::nullopt;
  std::string corrected;
  bool changed = false;
  size_t i = 0;
  while (i < q.size()) {
    if (!IsWordByte(q[i])) {
      corrected += q[i++];
      continue;
    }
    size_t end = i;
    while (end < q.size() && IsWordByte(q[end])) ++end;
    const std::string_view typed = q.substr(i, end - i);
    const std::string word = Xapian::Unicode::tolower(std::string(typed));
    std::string suggestion;
    if (!InFieldTerm(q, i, end) && !Protected(word, db)) {
      suggestion = db.get_spelling_suggestion(word);
    }
    if (!suggestion.empty() && suggestion != word) {
      corrected += suggestion;
      changed = true;
    } else {
      corrected += typed;
    }
    i = end;
  }
  if (!changed) return std::nullopt;
  return corrected;
}

}  // namespace rapport
