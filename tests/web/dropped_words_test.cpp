// Dropped words through the real server on the sample profiles
// (query/word_dropping.h, docs/search-api.md "Words that never narrow a
// search"): a plain query whose words together find nobody is answered with
// the words that do find someone, says which it left out in dropped_words,
// and gives exactly the answer of searching the kept words alone; a query
// with structure, or one that already finds someone, is never changed;
// words that describe every therapist never narrow a search;
// --drop-words-below 0 turns dropping off. Every expected answer is another
// search of the same server, never a number from a past run.
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "web_test_util.h"

namespace rapport::testing {
namespace {

// An ordinary English word (never spelling-corrected) that no sample
// profile uses; the first test case checks that it finds nothing.
const std::string kAbsentWord = "zebra";

struct Answer {
  long total = 0;
  std::vector<std::string> dropped;
  std::vector<std::string> ids;
};

Answer Search(ServerProcess& server, const std::string& q, const std::string& more = "") {
  HttpResult result = Get(server.port(), "/api/v1/search?limit=10&q=" + UrlEncode(q) + more);
  REQUIRE_MESSAGE(result.status == 200, result.body);
  rapidjson::Document doc = Json(result.body);
  REQUIRE(doc.HasMember("dropped_words"));
  REQUIRE(doc["dropped_words"].IsArray());
  Answer answer;
  answer.total = doc["total"].GetInt64();
  for (const auto& word : doc["dropped_words"].GetArray())
    answer.dropped.push_back(word.GetString());
  for (const auto& hit : doc["results"].GetArray()) answer.ids.push_back(hit["id"].GetString());
  return answer;
}

TEST_CASE("a word that finds nobody is dropped: the answer is the other words' own") {
  ServerProcess& server = SharedServer();
  REQUIRE(Search(server, kAbsentWord).total == 0);
  for (const std::string& filters :
       {std::string(), std::string("&language=es"), std::string("&virtual=true&state=CA")}) {
    CAPTURE(filters);
    const Answer kept = Search(server, "anxiety", filters);
    REQUIRE(kept.total > 0);
    const Answer relaxed = Search(server, "anxiety " + kAbsentWord, filters);
    CHECK(relaxed.dropped == std::vector<std::string>{kAbsentWord});
    CHECK(relaxed.total == kept.total);
    CHECK(relaxed.ids == kept.ids);
  }
}

TEST_CASE("the word left is the one that finds more, whichever order they are typed in") {
  ServerProcess& server = SharedServer();
  const Answer grief = Search(server, "grief");
  REQUIRE(grief.total > 0);
  for (const char* q : {"zebra grief", "grief zebra", "my zebra and my grief"}) {
    CAPTURE(q);
    const Answer answer = Search(server, q);
    CHECK(answer.dropped == std::vector<std::string>{kAbsentWord});
    CHECK(answer.total == grief.total);
  }
}

TEST_CASE("queries that find someone, or that have structure, are never relaxed") {
  ServerProcess& server = SharedServer();
  const Answer both = Search(server, "anxiety depression");
  REQUIRE(both.total > 0);
  CHECK(both.dropped.empty());
  for (const char* q : {"\"anxiety zebra\"", "anxiety AND zebra", "anxiety +zebra",
                        "bio:zebra anxiety", "(anxiety zebra)"}) {
    CAPTURE(q);
    const Answer answer = Search(server, q);
    CHECK(answer.total == 0);
    CHECK(answer.dropped.empty());
  }
  // Nothing to keep: every word finds nobody.
  const Answer none = Search(server, "zebra giraffe");
  CHECK(none.total == 0);
  CHECK(none.dropped.empty());
}

TEST_CASE("words that describe every therapist never narrow a search") {
  ServerProcess& server = SharedServer();
  const Answer anxiety = Search(server, "anxiety");
  for (const char* q :
       {"anxiety therapist", "therapist for anxiety", "anxiety counseling", "help with anxiety",
        "anxiety specialist", "anxiety therapy", "anxiety therapist near me",
        "anxiety counselor in my area", "nearby anxiety therapist"}) {
    CAPTURE(q);
    const Answer answer = Search(server, q);
    CHECK(answer.total == anxiety.total);
    CHECK(answer.ids == anxiety.ids);
    CHECK(answer.dropped.empty());
  }
  // Inside quotes a phrase is searched as typed.
  CHECK(Search(server, "\"anxiety therapist\"").total < anxiety.total);
}

TEST_CASE("a query of generic words only browses every therapist") {
  ServerProcess& server = SharedServer();
  const Answer browse = Search(server, "");
  for (const char* q : {"therapist", "a counselor", "therapist near me", "near me",
                        "looking for a therapist in my area"}) {
    CAPTURE(q);
    const Answer answer = Search(server, q);
    CHECK(answer.total == browse.total);
    CHECK(answer.ids == browse.ids);
  }
  // Quoted, the words are searched as typed.
  CHECK(Search(server, "\"therapist\"").total < browse.total);
}

TEST_CASE("--drop-words-below 0 answers every word as typed") {
  std::vector<std::string> args = kNoClientLimits;
  args.insert(args.end(), {"--drop-words-below", "0"});
  ServerProcess strict(SampleDataDir(), args);
  const Answer answer = Search(strict, "anxiety " + kAbsentWord);
  CHECK(answer.total == 0);
  CHECK(answer.dropped.empty());
}

}  // namespace
}  // namespace rapport::testing
