// WordDropping: the words of a plain query, and the greedy choice of which to drop.
#include "word_dropping.h"

#include <algorithm>

#include "text_query.h"

namespace rapport {

std::optional<std::vector<std::string>> ContentWords(std::string_view q) {
  const auto plain = SearchedWords(q);
  if (!plain) return std::nullopt;
  std::vector<std::string> words;
  for (const std::string& word : *plain) {
    if (IsStopWord(word)) continue;
    if (std::find(words.begin(), words.end(), word) == words.end()) words.push_back(word);
  }
  return words;
}

std::optional<std::vector<std::string>> DroppableWords(std::string_view q) {
  auto words = ContentWords(q);
  if (!words || words->size() < 2 || words->size() > kMaxDroppableWords) return std::nullopt;
  return words;
}

DroppedWords DropWords(const std::vector<std::string>& words, long enough,
                       const std::function<long(const std::vector<std::string>&)>& count,
                       const std::function<bool()>& out_of_time) {
  DroppedWords result;
  result.kept = words;
  result.count = count(words);
  const long all_words = result.count;
  if (all_words >= enough) return result;

  // What each word finds alone: a word that finds nothing can never be
  // matched, and among equal drops the most common word tells the least.
  std::vector<long> alone(words.size());
  for (size_t i = 0; i < words.size(); ++i) alone[i] = count({words[i]});
  std::vector<size_t> kept_at;
  std::vector<size_t> dropped_at;
  const bool any_found = std::any_of(alone.begin(), alone.end(), [](long n) { return n > 0; });
  for (size_t i = 0; i < words.size(); ++i) {
    (any_found && alone[i] == 0 ? dropped_at : kept_at).push_back(i);
  }
  auto words_at = [&](const std::vector<size_t>& at) {
    std::vector<std::string> chosen;
    for (size_t i : at) chosen.push_back(words[i]);
    return chosen;
  };
  result.count = dropped_at.empty() ? all_words : count(words_at(kept_at));

  while (result.count < enough && kept_at.size() > 1 && !out_of_time()) {
    size_t best = 0;
    long best_count = -1;
    for (size_t candidate = 0; candidate < kept_at.size(); ++candidate) {
      std::vector<size_t> rest = kept_at;
      rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(candidate));
      const long found = count(words_at(rest));
      const bool better = found > best_count || (found == best_count &&
                                                 alone[kept_at[candidate]] >= alone[kept_at[best]]);
      if (better) {
        best = candidate;
        best_count = found;
      }
      if (out_of_time()) break;
    }
    dropped_at.push_back(kept_at[best]);
    kept_at.erase(kept_at.begin() + static_cast<std::ptrdiff_t>(best));
    result.count = best_count;
  }
  if (result.count <= all_words) {
    result.count = all_words;
    return result;
  }
  std::sort(dropped_at.begin(), dropped_at.end());
  result.kept = words_at(kept_at);
  result.dropped = words_at(dropped_at);
  return result;
}

}  // namespace rapport
