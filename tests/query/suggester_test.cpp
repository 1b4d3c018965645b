// Tests of the Suggester on real indexes built by `rapport-index import` and
// `rebuild`: a small hand-made fixture with known names, and the shipped
// sample data.
#include "suggester.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <optional>

#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include "index_layout.h"
#include "query2_data_dir.h"
#include "suggest_normalize.h"
#include "test_support.h"

namespace rapport {
namespace {

using testing::TempDir;

// A data folder built once per test binary from `ndjson` (a source-tree path).
struct BuiltIndex {
  explicit BuiltIndex(const std::string& ndjson) {
    testing::BuildDataDirFrom(dir, testing::SourcePath(ndjson));
    database = Xapian::Database(testing::IndexPathIn(dir));
    Result<Vocabulary> parsed =
        Vocabulary::Parse(database.get_metadata(std::string(layout::kMetaVocabulary)));
    REQUIRE(parsed.ok());
    vocabulary = parsed.value();
  }
  TempDir dir;
  Xapian::Database database;
  Vocabulary vocabulary;
};

const BuiltIndex& Fixture() {
  static const BuiltIndex index("tests/data/query2/suggest_profiles.ndjson");
  return index;
}

const BuiltIndex& Sample() {
  static const BuiltIndex index("data/sample/profiles.ndjson");
  return index;
}

std::vector<std::string> Texts(const std::vector<Suggestion>& suggestions) {
  std::vector<std::string> texts;
  for (const Suggestion& suggestion : suggestions) texts.push_back(suggestion.text);
  return texts;
}

// "text (kind), …" for failure messages.
std::string Describe(const std::vector<Suggestion>& suggestions) {
  std::string described;
  for (const Suggestion& s : suggestions) described += s.text + " (" + s.kind + "), ";
  return described;
}

long CountText(const std::vector<Suggestion>& suggestions, const std::string& text) {
  return std::count_if(suggestions.begin(), suggestions.end(),
                       [&](const Suggestion& s) { return s.text == text; });
}

// A copy, so that it may be called on a temporary list.
std::optional<Suggestion> FindText(const std::vector<Suggestion>& suggestions,
                                   const std::string& text) {
  auto it = std::find_if(suggestions.begin(), suggestions.end(),
                         [&](const Suggestion& s) { return s.text == text; });
  if (it == suggestions.end()) return std::nullopt;
  return *it;
}

TEST_CASE("normal form folds case and accents and punctuation") {
  CHECK(NormalizeForSuggest("José Núñez", false) == "jose nunez");
  CHECK(NormalizeForSuggest("  Sean O'Brien", false) == "sean obrien");
  CHECK(NormalizeForSuggest("Person-centered (PCT)", false) == "person centered pct");
  CHECK(NormalizeForSuggest("Straße Łódź", false) == "strasse lodz");
  CHECK(NormalizeForSuggest("maria ", true) == "maria ");
  CHECK(NormalizeForSuggest("maria ", false) == "maria");
  CHECK(NormalizeForSuggest(" - ", true).empty());
}

TEST_CASE("suggestion order: vocabulary labels then names then later label words then words") {
  auto suggester = Suggester::Build(Fixture().database, Fixture().vocabulary);
  const std::vector<Suggestion> got = suggester->Complete("anx", 20);
  CAPTURE(Describe(got));
  REQUIRE(got.size() >= 4);
  CHECK(got[0].text == "Anxiety");
  CHECK(got[0].kind == "specialty");
  CHECK(got[0].value == "anxiety");
  CHECK(got[1].text == "Anxo Pereira");
  CHECK(got[1].kind == "name");
  CHECK(got[1].value == "t-sug-5");
  CHECK(got[2].text == "Social anxiety");
  CHECK(got[2].kind == "specialty");
  // "anxiety" is also an index word, but it is the Anxiety label already.
  CHECK(CountText(got, "anxiety") == 0);
  // Later label words ("Social anxiety", "performance anxiety") come before
  // plain words, and the words come last.
  auto first_word =
      std::find_if(got.begin(), got.end(), [](const Suggestion& s) { return s.kind == "word"; });
  REQUIRE(first_word != got.end());
  CHECK(first_word - got.begin() >= 3);
  for (auto it = got.begin() + 2; it != first_word; ++it) CHECK(it->kind == "specialty");
  for (auto it = first_word; it != got.end(); ++it) CHECK(it->kind == "word");
  CHECK(FindText(got, "anxious") != std::nullopt);
}

TEST_CASE("a synonym prefix finds its label once") {
  auto suggester = Suggester::Build(Fixture().database, Fixture().vocabulary);
  const std::vector<Suggestion> worry = suggester->Complete("Worr", 10);
  CAPTURE(Describe(worry));
  REQUIRE_FALSE(worry.empty());
  CHECK(worry[0].text == "Anxiety");
  CHECK(worry[0].value == "anxiety");
  const std::vector<Suggestion> generalized = suggester->Complete("generalized anx", 10);
  REQUIRE_FALSE(generalized.empty());
  CHECK(generalized[0].text == "Anxiety");
  CHECK(CountText(generalized, "Anxiety") == 1);
}

TEST_CASE("names are found by any word ignoring case and accents and once per name") {
  auto suggester = Suggester::Build(Fixture().database, Fixture().vocabulary);
  for (const char* prefix : {"nun", "NÚÑ", "jose", "José N"}) {
    CAPTURE(prefix);
    const std::optional<Suggestion> found = FindText(suggester->Complete(prefix, 10), "José Núñez");
    REQUIRE(found != std::nullopt);
    CHECK(found->kind == "name");
    CHECK(found->value == "t-sug-1");
  }
  CHECK(FindText(suggester->Complete("obri", 10), "Sean O'Brien") != std::nullopt);
  // Two profiles share this name: one suggestion, no single profile id.
  const std::vector<Suggestion> alvarez = suggester->Complete("alv", 10);
  CHECK(CountText(alvarez, "Maria Alvarez") == 1);
  const std::optional<Suggestion> shared = FindText(alvarez, "Maria Alvarez");
  REQUIRE(shared != std::nullopt);
  CHECK(shared->value.empty());
  // A trailing space asks for a second word.
  CHECK(FindText(suggester->Complete("maria ", 10), "Maria Alvarez") != std::nullopt);
  CHECK(suggester->Complete("alvarez ", 10).empty());
}

TEST_CASE("frequent words of the index are suggested but rare and stop words are not") {
  auto suggester = Suggester::Build(Fixture().database, Fixture().vocabulary);
  const std::vector<Suggestion> breath = suggester->Complete("brea", 10);
  const std::optional<Suggestion> word = FindText(breath, "breathing");  // in two bios
  REQUIRE(word != std::nullopt);
  CHECK(word->kind == "word");
  CHECK(word->value.empty());
  CHECK(FindText(suggester->Complete("medic", 10), "medication") == std::nullopt);  // one bio
  CHECK(FindText(suggester->Complete("an", 20), "and") == std::nullopt);
}

TEST_CASE("limit and empty prefixes and prefixes that match nothing") {
  auto suggester = Suggester::Build(Fixture().database, Fixture().vocabulary);
  CHECK(suggester->Complete("a", 3).size() == 3);
  CHECK(suggester->Complete("a", 0).empty());
  CHECK(suggester->Complete("", 5).empty());
  CHECK(suggester->Complete(" -- ", 5).empty());
  CHECK(suggester->Complete("zzzzqx", 5).empty());
  CHECK(suggester->Complete("a", 1000).size() <= static_cast<size_t>(SuggesterConfig{}.max_limit));
}

TEST_CASE("precomputed crowded prefixes answer exactly what a full scan answers") {
  SuggesterConfig precompute_all;
  precompute_all.scan_limit = 1;
  SuggesterConfig scan_all;
  scan_all.scan_limit = SIZE_MAX;
  auto precomputed = Suggester::Build(Fixture().database, Fixture().vocabulary, precompute_all);
  auto scanned = Suggester::Build(Fixture().database, Fixture().vocabulary, scan_all);
  for (const char* prefix : {"a", "an", "anx", "s", "so", "p", "pa", "m", "ma", "maria ", "c", "t",
                             "d", "e", "g", "in", "co", "1"}) {
    for (int limit : {1, 5, 20}) {
      CAPTURE(prefix);
      CAPTURE(limit);
      CHECK(Texts(precomputed->Complete(prefix, limit)) == Texts(scanned->Complete(prefix, limit)));
    }
  }
}

// The first profile of the shipped sample file, as (name, id).
std::pair<std::string, std::string> FirstSampleProfile() {
  std::ifstream in(testing::SourcePath("data/sample/profiles.ndjson"));
  std::string line;
  std::getline(in, line);
  rapidjson::Document profile;
  profile.Parse(line.c_str());
  REQUIRE(profile.IsObject());
  return {profile["name"].GetString(), profile["id"].GetString()};
}

// The unprefixed, alphabetic index term of at least kLength letters in the most
// profiles that does not occur in the vocabulary's text.
std::string FrequentNonVocabularyWord(const BuiltIndex& index) {
  constexpr size_t kLength = 6;
  std::string vocabulary_text = index.vocabulary.json();
  for (char& c : vocabulary_text)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string best;
  Xapian::doccount best_profiles = 1;
  for (auto it = index.database.spellings_begin(); it != index.database.spellings_end(); ++it) {
    const std::string term = *it;
    const bool alphabetic =
        std::all_of(term.begin(), term.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (!alphabetic || term.size() < kLength || it.get_termfreq() <= best_profiles ||
        vocabulary_text.find(term) != std::string::npos) {
      continue;
    }
    best = term;
    best_profiles = it.get_termfreq();
  }
  return best;
}

TEST_CASE("suggestions on the sample data: anx and a synonym and a name and a word") {
  auto suggester = Suggester::Build(Sample().database, Sample().vocabulary);
  const std::vector<Suggestion> anx = suggester->Complete("anx", 8);
  CAPTURE(Describe(anx));
  REQUIRE_FALSE(anx.empty());
  CHECK(anx[0].text == "Anxiety");
  CHECK(anx[0].kind == "specialty");

  const std::vector<Suggestion> panic = suggester->Complete("panic att", 8);
  REQUIRE_FALSE(panic.empty());
  CHECK(panic[0].text == Sample().vocabulary.Label("specialty", "panic-disorder"));

  // The whole name but its last letter matches only a handful of names.
  const auto [name, id] = FirstSampleProfile();
  size_t cut = name.size() - 1;
  while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
  const std::vector<Suggestion> names = suggester->Complete(name.substr(0, cut), 20);
  const std::optional<Suggestion> found = FindText(names, name);
  REQUIRE(found != std::nullopt);
  CHECK(found->kind == "name");
  CHECK((found->value == id || found->value.empty()));

  // The most frequent long word that no vocabulary text contains completes to itself.
  const std::string word = FrequentNonVocabularyWord(Sample());
  CAPTURE(word);
  REQUIRE_FALSE(word.empty());
  const std::optional<Suggestion> completed = FindText(suggester->Complete(word, 20), word);
  REQUIRE(completed != std::nullopt);
  CHECK(completed->kind == "word");
  CHECK(suggester->EntryCount() > Sample().database.get_doccount() / 10);
}

}  // namespace
}  // namespace rapport
