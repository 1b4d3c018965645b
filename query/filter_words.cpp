// FilterWords: the phrase patterns of each filter, and matching them longest first.
#include "filter_words.h"

#include <algorithm>
#include <optional>

#include "plain_words.h"
#include "search_params.h"
#include "text_query.h"

namespace rapport {

namespace {

// Words around a language's name that make it the therapist's language.
constexpr std::string_view kLanguageAfter[] = {"speaking", "speaker"};
constexpr std::string_view kLanguageBefore[] = {"speaks", "speaking", "speak", "habla", "hablan"};
// Words around an insurer's name that make it the client's insurance.
const std::vector<std::vector<std::string>> kInsuranceBefore = {{"takes"},
                                                                {"take"},
                                                                {"accepts"},
                                                                {"accept"},
                                                                {"in", "network", "with"},
                                                                {"covered", "by"},
                                                                {"in-network", "with"},
                                                                {"network", "with"}};
constexpr std::string_view kInsuranceAfter[] = {"insurance", "plan", "coverage"};
// Ways of saying "not in person".
const std::vector<std::vector<std::string>> kOnline = {
    {"online"},      {"virtual"},      {"virtually"}, {"telehealth"},
    {"teletherapy"}, {"telemedicine"}, {"remote"},    {"remotely"}};
// Ways of naming how an online session happens: the mode facet's slug and its phrases.
const std::vector<std::pair<std::string, std::vector<std::vector<std::string>>>> kModes = {
    {"video",
     {{"by", "video", "call"},
      {"video", "call"},
      {"video", "calls"},
      {"by", "video"},
      {"over", "video"},
      {"video", "sessions"},
      {"video", "chat"}}},
    {"phone",
     {{"by", "phone"}, {"over", "the", "phone"}, {"phone", "sessions"}, {"phone", "call"}}}};
const std::vector<std::vector<std::string>> kSlidingScale = {{"sliding", "scale"},
                                                             {"sliding", "fee"},
                                                             {"sliding", "fees"},
                                                             {"sliding", "scale", "fee"},
                                                             {"sliding", "scale", "fees"}};

// A vocabulary entry's names as word lists: the label up to any "(", then
// each synonym; hyphens split like the query's words are.
std::vector<std::vector<std::string>> Names(const VocabEntry& entry) {
  std::vector<std::vector<std::string>> names;
  const std::string label = entry.label.substr(0, entry.label.find('('));
  for (const std::string& text : [&] {
         std::vector<std::string> all = {label};
         all.insert(all.end(), entry.synonyms.begin(), entry.synonyms.end());
         return all;
       }()) {
    auto words = PlainWords(text);
    if (words && !words->empty()) names.push_back(std::move(*words));
  }
  return names;
}

std::vector<std::string> Joined(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

InterpretedFilter Filter(std::string_view param, std::string value, std::string label) {
  return InterpretedFilter{"", std::string(param), std::move(value), std::move(label)};
}

bool IsStopWordOf(const std::string& word) { return IsStopWord(word); }

std::string Join(const std::vector<std::string>& words) {
  std::string text;
  for (const std::string& word : words) text += (text.empty() ? "" : " ") + word;
  return text;
}

}  // namespace

void FilterWords::Add(std::vector<std::string> parts, const InterpretedFilter& filter) {
  patterns_.push_back(Pattern{std::move(parts), filter});
}

FilterWords::FilterWords(const Vocabulary& vocabulary) {
  for (const VocabEntry& entry : vocabulary.Entries("language")) {
    const InterpretedFilter filter = Filter("language", entry.value, entry.label);
    for (const auto& name : Names(entry)) {
      for (std::string_view after : kLanguageAfter) Add(Joined(name, {std::string(after)}), filter);
      for (std::string_view before : kLanguageBefore)
        Add(Joined({std::string(before)}, name), filter);
    }
  }
  for (const VocabEntry& entry : vocabulary.Entries("insurance")) {
    const InterpretedFilter filter = Filter("insurance", entry.value, entry.label);
    for (const auto& name : Names(entry)) {
      for (const auto& before : kInsuranceBefore) Add(Joined(before, name), filter);
      for (std::string_view after : kInsuranceAfter)
        Add(Joined(name, {std::string(after)}), filter);
    }
  }
  // A population named by one word ("teens", "kids", "seniors") or its
  // singular ("teen", "kid", "senior").
  for (const VocabEntry& entry : vocabulary.Entries("population")) {
    const InterpretedFilter filter = Filter("population", entry.value, entry.label);
    for (const auto& name : Names(entry)) {
      if (name.size() != 1) continue;
      Add(name, filter);
      const std::string& word = name.front();
      if (word.size() > 3 && word.back() == 's') Add({word.substr(0, word.size() - 1)}, filter);
    }
  }
  for (const auto& parts : kOnline) Add(parts, Filter(params::kVirtual, "true", "Online sessions"));
  for (const auto& [slug, phrases] : kModes) {
    if (!vocabulary.Contains("mode", slug)) continue;
    for (const auto& parts : phrases)
      Add(parts, Filter("mode", slug, vocabulary.Label("mode", slug)));
  }
  for (const auto& parts : kSlidingScale) {
    Add(parts, Filter(params::kSlidingScale, "true", "Sliding scale fee"));
  }
  std::stable_sort(patterns_.begin(), patterns_.end(), [](const Pattern& a, const Pattern& b) {
    return a.parts.size() > b.parts.size();
  });
}

Interpretation FilterWords::Interpret(std::string_view q,
                                      const std::vector<std::string_view>& ignored) const {
  Interpretation result{std::string(q), {}};
  const auto typed = PlainWords(q);
  if (!typed) return result;
  // Hyphenated words match word by word ("spanish-speaking"); a word that is
  // not part of a match is kept as typed.
  std::vector<std::string> parts;
  std::vector<size_t> word_of;  // parts index -> typed word index
  for (size_t w = 0; w < typed->size(); ++w) {
    const std::string& word = (*typed)[w];
    size_t start = 0;
    while (true) {
      const size_t hyphen = word.find('-', start);
      parts.push_back(
          word.substr(start, hyphen == std::string::npos ? std::string::npos : hyphen - start));
      word_of.push_back(w);
      if (hyphen == std::string::npos) break;
      start = hyphen + 1;
    }
  }
  std::vector<bool> used(parts.size(), false);
  std::vector<InterpretedFilter> found;
  for (size_t at = 0; at < parts.size(); ++at) {
    for (const Pattern& pattern : patterns_) {
      if (std::find(ignored.begin(), ignored.end(), pattern.filter.param) != ignored.end())
        continue;
      const size_t n = pattern.parts.size();
      if (at + n > parts.size()) continue;
      if (!std::equal(pattern.parts.begin(), pattern.parts.end(), parts.begin() + at)) continue;
      if (std::any_of(used.begin() + at, used.begin() + at + n, [](bool u) { return u; })) continue;
      const bool repeated =
          std::any_of(found.begin(), found.end(), [&](const InterpretedFilter& f) {
            return f.param == pattern.filter.param && f.value == pattern.filter.value;
          });
      std::fill(used.begin() + at, used.begin() + at + n, true);
      if (!repeated) {
        InterpretedFilter filter = pattern.filter;
        filter.words = Join(pattern.parts);
        found.push_back(std::move(filter));
      }
      at += n - 1;
      break;
    }
  }
  if (found.empty()) return result;
  std::vector<std::string> kept;
  for (size_t w = 0; w < typed->size(); ++w) {
    bool any_used = false;
    for (size_t p = 0; p < parts.size(); ++p) any_used = any_used || (word_of[p] == w && used[p]);
    if (!any_used) {
      kept.push_back((*typed)[w]);
      continue;
    }
    for (size_t p = 0; p < parts.size(); ++p) {
      if (word_of[p] == w && !used[p] && !parts[p].empty()) kept.push_back(parts[p]);
    }
  }
  // Words that never narrow a search at either end ("therapist for", "who")
  // only made the sentence; the search box shows what still searches.
  while (!kept.empty() && IsStopWordOf(kept.back())) kept.pop_back();
  auto first = std::find_if_not(kept.begin(), kept.end(), IsStopWordOf);
  kept.erase(kept.begin(), first);
  result.q = Join(kept);
  result.filters = std::move(found);
  return result;
}

}  // namespace rapport
