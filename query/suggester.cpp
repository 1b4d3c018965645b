// Suggester (suggester.h): answering a prefix from the sorted key array and the
// precomputed best entries of crowded prefixes. Building is in
// suggester_builder.cpp.
#include "suggester.h"

#include <algorithm>

#include "suggest_normalize.h"

namespace rapport {

Suggestion Suggester::MakeSuggestion(uint32_t entry_index) const {
  const Entry& entry = entries_[entry_index];
  return Suggestion{text_.substr(entry.text_offset, entry.text_length), kinds_[entry.kind],
                    text_.substr(entry.value_offset, entry.value_length)};
}

std::vector<uint32_t> Suggester::BestEntries(size_t begin, size_t end, size_t count) const {
  std::vector<std::pair<uint32_t, uint32_t>> ranked;  // (rank, entry)
  ranked.reserve(end - begin);
  for (size_t i = begin; i < end; ++i) ranked.emplace_back(keys_[i].rank, keys_[i].entry);

  // An entry reached by several keys keeps its best one, so sorting a few
  // times `count` candidates nearly always yields `count` distinct entries.
  constexpr size_t kCandidatesPerResult = 4;
  auto take_best = [&](size_t sorted) {
    std::vector<uint32_t> best;
    for (size_t i = 0; i < sorted && best.size() < count; ++i) {
      if (std::find(best.begin(), best.end(), ranked[i].second) == best.end()) {
        best.push_back(ranked[i].second);
      }
    }
    return best;
  };
  const size_t candidates = std::min(ranked.size(), count * kCandidatesPerResult);
  std::partial_sort(ranked.begin(), ranked.begin() + candidates, ranked.end());
  std::vector<uint32_t> best = take_best(candidates);
  if (best.size() < count && candidates < ranked.size()) {
    std::sort(ranked.begin(), ranked.end());
    best = take_best(ranked.size());
  }
  return best;
}

void Suggester::PrecomputeBest(size_t begin, size_t end, size_t depth) {
  if (end - begin <= config_.scan_limit) return;
  if (depth > 0) {
    best_.emplace(std::string(KeyText(keys_[begin]).substr(0, depth)),
                  BestEntries(begin, end, static_cast<size_t>(config_.max_limit)));
  }
  // Keys exactly `depth` long sort first and extend no longer prefix.
  size_t child = begin;
  while (child < end && keys_[child].length == depth) ++child;
  while (child < end) {
    const char byte = KeyText(keys_[child])[depth];
    size_t child_end = child;
    while (child_end < end && KeyText(keys_[child_end])[depth] == byte) ++child_end;
    PrecomputeBest(child, child_end, depth + 1);
    child = child_end;
  }
}

std::vector<Suggestion> Suggester::Complete(std::string_view prefix, int limit) const {
  std::vector<Suggestion> suggestions;
  limit = std::min(limit, config_.max_limit);
  const std::string normal = NormalizeForSuggest(prefix, /*keep_trailing_space=*/true);
  if (limit <= 0 || normal.empty()) return suggestions;

  auto first = std::lower_bound(
      keys_.begin(), keys_.end(), normal,
      [&](const Key& key, const std::string& wanted) { return KeyText(key) < wanted; });
  auto last = std::partition_point(first, keys_.end(), [&](const Key& key) {
    return KeyText(key).substr(0, normal.size()) == normal;
  });
  const size_t begin = static_cast<size_t>(first - keys_.begin());
  const size_t end = static_cast<size_t>(last - keys_.begin());

  std::vector<uint32_t> entries;
  auto precomputed = end - begin > config_.scan_limit ? best_.find(normal) : best_.end();
  if (precomputed != best_.end()) {
    const auto& best = precomputed->second;
    entries.assign(best.begin(), best.begin() + std::min(best.size(), static_cast<size_t>(limit)));
  } else {
    entries = BestEntries(begin, end, static_cast<size_t>(limit));
  }
  suggestions.reserve(entries.size());
  for (uint32_t entry : entries) suggestions.push_back(MakeSuggestion(entry));
  return suggestions;
}

size_t Suggester::MemoryBytes() const {
  size_t bytes = sizeof(*this) + text_.capacity() + keys_text_.capacity() +
                 entries_.capacity() * sizeof(Entry) + keys_.capacity() * sizeof(Key);
  for (const auto& [prefix, best] : best_) {
    bytes += prefix.capacity() + best.capacity() * sizeof(uint32_t) + sizeof(prefix) + sizeof(best);
  }
  return bytes;
}

}  // namespace rapport
