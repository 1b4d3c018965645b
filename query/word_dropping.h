// WordDropping: when every word of a client's plain query together finds too
// few therapists, which words to drop so the rest finds some — as the search
// engines clients know do (Typesense's drop_tokens_threshold, Algolia's
// removeWordsIfNoResults). "my wife cheated on me" finds nobody; without
// "cheated", "wife" finds the therapists who write about marriages. The page
// says which words were left out (SearchResult::dropped_words).
//
// Only plain queries are relaxed (plain_words.h).
//
//   auto words = DroppableWords("my wife cheated on me");   // {"wife", "cheated"}
//   DroppedWords d = DropWords(*words, 1, count_of, out_of_time);
//   // d.kept == {"wife"}, d.dropped == {"cheated"}
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rapport {

// Queries with more content words than this are not relaxed: each drop
// tries every remaining word once, so the cost grows with the square.
inline constexpr size_t kMaxDroppableWords = 8;

// The content words of `q` (lower-cased; stop words, generic words and
// phrases like "near me" left out), each once, in typed order; nullopt when
// `q` is not plain words.
[[nodiscard]] std::optional<std::vector<std::string>> ContentWords(std::string_view q);

// The content words of `q` (lower-cased, stop words and generic words left
// out: text_query.h's IsStopWord), each once, in typed order; nullopt when
// `q` is not plain words (plain_words.h) or has fewer than two or more than
// kMaxDroppableWords of them.
[[nodiscard]] std::optional<std::vector<std::string>> DroppableWords(std::string_view q);

struct DroppedWords {
  std::vector<std::string> kept;     // in typed order
  std::vector<std::string> dropped;  // in typed order
  long count = 0;                    // what `kept` finds
};

// First drops every word that finds nothing on its own (it can never be
// matched), then one word at a time, each time the one whose absence finds
// the most (on a tie the one that finds the most alone, as the least
// telling; then the later-typed: clients put the subject first), until what
// is kept finds `enough` or one word is left. `count` gives what a set of
// words finds under the search's filters; `out_of_time` stops early with the
// best so far. `dropped` is empty when no drop found more than all the words.
[[nodiscard]] DroppedWords DropWords(
    const std::vector<std::string>& words, long enough,
    const std::function<long(const std::vector<std::string>&)>& count,
    const std::function<bool()>& out_of_time);

}  // namespace rapport
