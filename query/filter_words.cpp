// FilterWords: the phrase patterns of each filter, and matching them longest first.
#include "filter_words.h"

#include <algorithm>
#include <cstdio>
#include <map>
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

// Words before a city that make it the place to search near.
const std::vector<std::vector<std::string>> kPlaceBefore = {
    {"in"}, {"near"}, {"around"}, {"close", "to"}};
// How a client may spell a city's first word besides the gazetteer's way.
const std::map<std::string, std::string, std::less<>> kPlaceWordVariants = {{"st", "saint"}};
// Decimals of a place's "LAT,LON" (about 11 m), as the page writes near=.
constexpr int kPlaceDecimals = 4;

// `words` with each hyphenated word split in its parts, as Interpret splits
// the query's words ("winston-salem" → "winston", "salem").
std::vector<std::string> HyphenParts(const std::vector<std::string>& words) {
  std::vector<std::string> parts;
  for (const std::string& word : words) {
    size_t start = 0;
    for (size_t hyphen = word.find('-'); hyphen != std::string::npos;
         hyphen = word.find('-', start)) {
      parts.push_back(word.substr(start, hyphen - start));
      start = hyphen + 1;
    }
    parts.push_back(word.substr(start));
  }
  return parts;
}

// A city's name as the word lists a client may type: "St. Louis" is
// {"st", "louis"} and {"saint", "louis"}.
std::vector<std::vector<std::string>> CityNames(const std::string& city) {
  const auto words = PlainWords(city);
  if (!words || words->empty()) return {};
  std::vector<std::vector<std::string>> names = {HyphenParts(*words)};
  if (auto variant = kPlaceWordVariants.find(names.front().front());
      variant != kPlaceWordVariants.end()) {
    std::vector<std::string> spelled = names.front();
    spelled.front() = variant->second;
    names.push_back(std::move(spelled));
  }
  return names;
}

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
  InterpretedFilter filter;
  filter.param = std::string(param);
  filter.value = std::move(value);
  filter.label = std::move(label);
  return filter;
}

std::string PlaceValue(const GeoPoint& point) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f,%.*f", kPlaceDecimals, point.lat, kPlaceDecimals,
                point.lon);
  return text;
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

// A city named with its state ("in oakland ca", "near portland oregon",
// "phoenix az") is always read; a city named alone only when no other city,
// and no state but its own, has that name ("in portland" and "in washington"
// stay words), and only after "in", "near", "around" or "close to" when the
// name is one word.
void FilterWords::AddPlaces(const Vocabulary& vocabulary,
                            const std::vector<GazetteerCity>& places) {
  std::map<std::string, std::vector<std::vector<std::string>>> state_names;  // by USPS code
  std::map<std::vector<std::string>, std::string> state_of_name;
  for (const VocabEntry& entry : vocabulary.Entries("state")) {
    auto& names = state_names[entry.value];
    names.push_back(PlainWords(entry.value).value_or(std::vector<std::string>{}));
    for (auto& name : Names(entry)) {
      state_of_name[HyphenParts(name)] = entry.value;
      names.push_back(HyphenParts(name));
    }
  }
  std::map<std::vector<std::string>, int> cities_named;
  for (const GazetteerCity& city : places) {
    for (const auto& name : CityNames(city.city)) ++cities_named[name];
  }
  for (const GazetteerCity& city : places) {
    InterpretedFilter filter =
        Filter(params::kNear, PlaceValue(GeoPoint{city.centre.lat, city.centre.lon}),
               city.city + ", " + city.state);
    filter.place = GeoPoint{city.centre.lat, city.centre.lon};
    for (const auto& name : CityNames(city.city)) {
      const auto other_state = state_of_name.find(name);
      const bool unique = cities_named[name] == 1 &&
                          (other_state == state_of_name.end() || other_state->second == city.state);
      // "in new york city" names New York; "kansas city" stays a name of its own.
      const bool city_suffix = cities_named.count(Joined(name, {"city"})) == 0;
      const auto add_named = [&](const std::vector<std::string>& named, bool alone) {
        if (alone) Add(named, filter);
        if (alone && city_suffix) Add(Joined(named, {"city"}), filter);
        for (const auto& state : state_names[city.state]) {
          if (!state.empty()) Add(Joined(named, state), filter);
        }
      };
      // Without "in": with the state ("phoenix az"), or a name of several
      // words ("los angeles"); one word alone may be a therapist's name ("austin").
      add_named(name, unique && name.size() > 1);
      for (const auto& before : kPlaceBefore) add_named(Joined(before, name), unique);
    }
  }
}

FilterWords::FilterWords(const Vocabulary& vocabulary, const std::vector<GazetteerCity>& places) {
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
  AddPlaces(vocabulary, places);
  std::stable_sort(patterns_.begin(), patterns_.end(), [](const Pattern& a, const Pattern& b) {
    return a.parts.size() > b.parts.size();
  });
  for (size_t i = 0; i < patterns_.size(); ++i) {
    by_first_word_[patterns_[i].parts.front()].push_back(i);
  }
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
    const auto starting = by_first_word_.find(parts[at]);
    if (starting == by_first_word_.end()) continue;
    for (const size_t index : starting->second) {
      const Pattern& pattern = patterns_[index];
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
