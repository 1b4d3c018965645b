// PlainWords: tokenising a plain query, and telling a structured one apart.
#include "plain_words.h"

#include <algorithm>

namespace rapport {

namespace {

// Characters that give a query structure the client chose.
constexpr std::string_view kStructureChars = "\":()[]{}+";
// Upper-case operator words of the query parser.
constexpr std::string_view kOperators[] = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};

bool IsWordChar(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80 ||
         c == '\'' || c == '-';
}

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// The whitespace/punctuation-separated tokens of `q` as typed.
std::vector<std::string_view> Tokens(std::string_view q) {
  std::vector<std::string_view> tokens;
  size_t i = 0;
  while (i < q.size()) {
    while (i < q.size() && !IsWordChar(static_cast<unsigned char>(q[i]))) ++i;
    const size_t start = i;
    while (i < q.size() && IsWordChar(static_cast<unsigned char>(q[i]))) ++i;
    if (i > start) tokens.push_back(q.substr(start, i - start));
  }
  return tokens;
}

bool HasStructure(std::string_view q, const std::vector<std::string_view>& tokens) {
  if (q.find_first_of(kStructureChars) != std::string_view::npos) return true;
  for (std::string_view token : tokens) {
    if (token.front() == '-') return true;
    if (std::find(std::begin(kOperators), std::end(kOperators), token) != std::end(kOperators)) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::optional<std::vector<std::string>> PlainWords(std::string_view q) {
  const std::vector<std::string_view> tokens = Tokens(q);
  if (HasStructure(q, tokens)) return std::nullopt;
  std::vector<std::string> words;
  for (std::string_view token : tokens) {
    const size_t first = token.find_first_not_of("'-");
    const size_t last = token.find_last_not_of("'-");
    if (first == std::string_view::npos) continue;
    std::string word(token.substr(first, last - first + 1));
    std::transform(word.begin(), word.end(), word.begin(), Lower);
    words.push_back(std::move(word));
  }
  return words;
}

}  // namespace rapport
