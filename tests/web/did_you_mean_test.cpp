// "Did you mean" through the real server on the 2,000 sample profiles
// (issue 13, item 3; rules in query/spelling_policy.h and docs/search-api.md):
// ordinary words, function words and vocabulary words are never corrected,
// real typos are, and a correction is offered only when the query as typed
// finds fewer than --correct-below under the request's filters and the
// correction finds more under the same filters. Every lay query of the issue
// is searched with and without filters; at least one of its searches finds
// fewer than the threshold as typed, so the correction rules are the only
// thing keeping did_you_mean empty. The counts compared come from the index
// (searches of the corrected words), never from a past run.
#include <set>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <xapian.h>

#include "data_dir.h"
#include "english_words.h"
#include "web_test_util.h"

namespace rapport::testing {
namespace {

constexpr int kCorrectBelow = 3;  // the server's default --correct-below

// Filters each query is searched with: none, in person near Oakland (a small
// radius), online in Wyoming, and two facet filters.
const std::vector<std::string> kFilterSets = {
    "",
    "&in_person=true&near=37.8044,-122.2712&radius_km=10",
    "&virtual=true&state=WY",
    "&insurance=tricare&language=es",
};

const std::string& FullSampleDir() {
  static TempDir dir;
  static const std::string path = [] {
    const std::string data = dir.File("data");
    CopyPreparedDataDir(ReadFile(SourcePath("data/sample/profiles.ndjson")), data);
    return data;
  }();
  return path;
}

// Words are never dropped here (--drop-words-below 0): the totals compared
// are those of every typed word, as the correction rules read them.
ServerProcess& Server() {
  static const std::vector<std::string> args = [] {
    std::vector<std::string> all = kNoClientLimits;
    all.insert(all.end(), {"--drop-words-below", "0"});
    return all;
  }();
  static ServerProcess server(FullSampleDir(), args);
  return server;
}

struct Answer {
  long total = 0;
  std::optional<std::string> did_you_mean;
};

Answer Search(ServerProcess& server, const std::string& q, const std::string& filters) {
  HttpResult result = Get(server.port(), "/api/v1/search?limit=1&q=" + UrlEncode(q) + filters);
  REQUIRE_MESSAGE(result.status == 200, result.body);
  rapidjson::Document doc = Json(result.body);
  Answer answer;
  answer.total = doc["total"].GetInt64();
  if (doc["did_you_mean"].IsString()) answer.did_you_mean = doc["did_you_mean"].GetString();
  return answer;
}

// Documents of the sample index whose free text uses `word`.
Xapian::doccount SpellingFrequency(const std::string& word) {
  static const Xapian::Database db(DataDir{FullSampleDir()}.IndexPath());
  Xapian::TermIterator it = db.spellings_begin();
  it.skip_to(word);
  return it != db.spellings_end() && *it == word ? it.get_termfreq() : 0;
}

// What Xapian's spelling dictionary alone would turn `word` into ("" for nothing).
std::string XapianSuggestion(const std::string& word) {
  static const Xapian::Database db(DataDir{FullSampleDir()}.IndexPath());
  return db.get_spelling_suggestion(word);
}

TEST_CASE("the issue's lay queries are never 'corrected', with or without filters") {
  const std::vector<std::string> lay_queries = {
      "panic attacks",
      "hoarding",
      "grief counseling online",
      "eating disorder specialist",
      "sliding scale therapist",
      "therapist for anxiety who takes aetna",
      "family therapy for my son",
      "i feel lonely and sad all the time",
  };
  for (const std::string& q : lay_queries) {
    CAPTURE(q);
    bool few_as_typed = false;
    for (const std::string& filters : kFilterSets) {
      CAPTURE(filters);
      const Answer answer = Search(Server(), q, filters);
      CHECK_FALSE(answer.did_you_mean.has_value());
      few_as_typed = few_as_typed || answer.total < kCorrectBelow;
    }
    // One of its searches reached the point where a correction is considered.
    CHECK(few_as_typed);
  }
}

TEST_CASE("words in no profile are still not corrected when they are ordinary English") {
  const EnglishWords english = EnglishWords::Load(std::string(kDefaultEnglishWordsPath)).value();
  // These words appear in no profile (nor, since lay words became vocabulary
  // synonyms, in any concept text): only the word list keeps them from
  // Xapian's own suggestion, which the test checks exists.
  for (const std::string word : {"son", "bored"}) {
    CAPTURE(word);
    CHECK(SpellingFrequency(word) == 0);
    CHECK_FALSE(XapianSuggestion(word).empty());
    CHECK(english.Contains(word));
    const Answer answer = Search(Server(), "family therapy for my " + word, "");
    CHECK_FALSE(answer.did_you_mean.has_value());
  }
}

TEST_CASE("real typos are corrected, under the same filters, to what the right word finds") {
  const std::vector<std::pair<std::string, std::string>> typos = {
      {"anxeity", "anxiety"},
      {"depresion", "depression"},
      {"traumma", "trauma"},
      {"EMRD therapy", "emdr therapy"},
  };
  for (const auto& [typed, corrected] : typos) {
    CAPTURE(typed);
    for (const std::string& filters : kFilterSets) {
      CAPTURE(filters);
      const Answer as_typed = Search(Server(), typed, filters);
      const Answer right = Search(Server(), corrected, filters);
      if (right.total == 0) {
        CHECK_FALSE(as_typed.did_you_mean.has_value());
        continue;
      }
      REQUIRE(as_typed.did_you_mean.has_value());
      CHECK(*as_typed.did_you_mean == corrected);
      CHECK(as_typed.total == right.total);
    }
  }
}

TEST_CASE("no correction when the query as typed finds enough") {
  // "anxeity" alone is corrected; with "depression" the typed query finds plenty.
  REQUIRE(Search(Server(), "anxeity", "").did_you_mean.has_value());
  const Answer answer = Search(Server(), "anxeity OR depression", "");
  CHECK(answer.total >= kCorrectBelow);
  CHECK_FALSE(answer.did_you_mean.has_value());
}

TEST_CASE("no correction when the corrected query finds no more under the same filters") {
  // Facet filters under which "trauma" finds nothing: the correction of
  // "traumma" would find nothing either, so it is not offered.
  const std::vector<std::string> narrow = {
      "&language=ko&insurance=tricare&gender=non-binary",
      "&virtual=true&state=WY&language=ko",
      "&in_person=true&near=44.0,-107.0&radius_km=5",
  };
  int tried = 0;
  for (const std::string& filters : narrow) {
    CAPTURE(filters);
    if (Search(Server(), "trauma", filters).total != 0) continue;
    ++tried;
    const Answer answer = Search(Server(), "traumma", filters);
    CHECK(answer.total == 0);
    CHECK_FALSE(answer.did_you_mean.has_value());
  }
  CHECK(tried > 0);
}

TEST_CASE("vocabulary words are never changed, even where they find few") {
  // Slugs and label words of data/vocab.json that are no English words.
  const EnglishWords english = EnglishWords::Load(std::string(kDefaultEnglishWordsPath)).value();
  for (const std::string word : {"gottman", "tricare", "emdr", "ptsd", "psychodynamic", "adhd"}) {
    CAPTURE(word);
    REQUIRE_FALSE(english.Contains(word));
    for (const std::string& filters : kFilterSets) {
      CAPTURE(filters);
      CHECK_FALSE(Search(Server(), word, filters).did_you_mean.has_value());
    }
  }
}

TEST_CASE("without the English word list no correction is offered, and /readyz says so") {
  std::vector<std::string> args = kNoClientLimits;
  args.insert(args.end(), {"--english-words", "/nonexistent/american-english"});
  ServerProcess server(FullSampleDir(), args);
  const Answer answer = Search(server, "anxeity", "");
  CHECK_FALSE(answer.did_you_mean.has_value());
  CHECK(answer.total == 0);
  HttpResult ready = Get(server.port(), "/readyz");
  REQUIRE(ready.status == 200);
  CHECK(Json(ready.body)["spelling_correction"].IsFalse());
  CHECK(Json(Get(Server().port(), "/readyz").body)["spelling_correction"].IsTrue());
}

}  // namespace
}  // namespace rapport::testing
