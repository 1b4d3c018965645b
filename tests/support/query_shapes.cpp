// Generators of queries of a known shape (query_shapes.h).
#include "query_shapes.h"

#include <stdexcept>
#include <vector>

namespace rapport::testing {
namespace {

constexpr int kLetters = 26;

std::string Join(const std::vector<std::string>& items, const std::string& separator) {
  std::string joined;
  for (const auto& item : items) joined += (joined.empty() ? "" : separator) + item;
  return joined;
}

std::vector<std::string> Words(int count, int first = 0) {
  std::vector<std::string> words;
  for (int i = 0; i < count; ++i) words.push_back(ShapeWord(first + i));
  return words;
}

}  // namespace

std::string ShapeWord(int index) {
  // "zq" + two letters: no English word (nor stop word) starts with "zq".
  return std::string("zq") + static_cast<char>('a' + index / kLetters % kLetters) +
         static_cast<char>('a' + index % kLetters);
}

std::string QueryWithCount(int QueryShape::*counted, int count) {
  std::vector<std::string> parts;
  if (counted == &QueryShape::terms) return Join(Words(count), " ");
  if (counted == &QueryShape::field_clauses) {
    for (const std::string& word : Words(count)) parts.push_back("modality:" + word);
    return Join(parts, " ");
  }
  if (counted == &QueryShape::phrases) {
    for (int i = 0; i < count; ++i) parts.push_back("\"" + Join(Words(2, 2 * i), " ") + "\"");
    return Join(parts, " ");
  }
  if (counted == &QueryShape::phrase_words) return "\"" + Join(Words(count), " ") + "\"";
  if (counted == &QueryShape::operators) return Join(Words(count + 1), " OR ");
  if (counted == &QueryShape::subqueries) {
    // An AND of (count - 1) OR groups: the AND is a group too.
    for (int i = 0; i + 1 < count; ++i) parts.push_back("(" + Join(Words(2, 2 * i), " OR ") + ")");
    return count == 1 ? Join(Words(2), " ") : Join(parts, " ");
  }
  throw std::invalid_argument("QueryWithCount: unknown QueryShape count");
}

}  // namespace rapport::testing
