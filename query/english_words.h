// EnglishWords: a plain English word list (one word a line, e.g. Debian's
// wamerican, /usr/share/dict/american-english), read once when a search
// service opens. The spelling policy never corrects a word it holds: "son",
// "takes" and "lonely" are real words even where no profile uses them.
//
//   auto words = EnglishWords::Load(kDefaultEnglishWordsPath);
//   if (words && words.value().Contains("takes")) ...
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>

#include "error.h"

namespace rapport {

// Where Debian's wamerican package installs its list.
inline constexpr std::string_view kDefaultEnglishWordsPath = "/usr/share/dict/american-english";

class EnglishWords {
 public:
  EnglishWords() = default;

  // Reads the list at `path`, folding letters to lower case and leaving
  // out possessive forms ("Aaron's"). 503 Error "word_list_unavailable" when
  // the file cannot be read or holds no word.
  [[nodiscard]] static Result<EnglishWords> Load(const std::string& path);

  // True when `word` (lower case) is on the list.
  [[nodiscard]] bool Contains(std::string_view word) const;
  [[nodiscard]] size_t size() const { return words_.size(); }

 private:
  std::unordered_set<std::string> words_;
};

}  // namespace rapport
