// PlainWords: the words of a client's query when it is plain words only —
// what the query-relaxing steps (word_dropping.h, filter_words.h) read. A
// query with quotes, field:value, parentheses, +/- or an upper-case operator
// has structure the client chose, and is never rewritten.
//
//   PlainWords("Spanish-speaking therapist, please")  // {"spanish-speaking", "therapist",
//   "please"} PlainWords("\"panic attacks\"")                    // nullopt
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rapport {

// The words of `q`, lower-cased (ASCII), in typed order, without the
// punctuation around them (inner apostrophes and hyphens stay: "can't",
// "self-esteem"); nullopt when `q` has structure.
[[nodiscard]] std::optional<std::vector<std::string>> PlainWords(std::string_view q);

}  // namespace rapport
