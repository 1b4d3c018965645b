// interpret=true through the real server on the sample profiles
// (query/filter_words.h, docs/search-api.md "Filter words"): the answer
// names the filters it read and the words left, and is exactly the answer of
// searching those words with those filters as ordinary parameters (GET and
// JSON body alike); without interpret the text is searched as typed; an
// in-person search keeps "online" as a word.
#include <string>

#include <doctest/doctest.h>

#include "web_test_util.h"

namespace rapport::testing {
namespace {

struct Answer {
  long total = 0;
  std::vector<std::string> ids;
  rapidjson::Document body;
};

Answer Fetch(const HttpResult& result) {
  REQUIRE_MESSAGE(result.status == 200, result.body);
  Answer answer;
  answer.body = Json(result.body);
  answer.total = answer.body["total"].GetInt64();
  for (const auto& hit : answer.body["results"].GetArray())
    answer.ids.push_back(hit["id"].GetString());
  return answer;
}

Answer Search(const std::string& query) {
  return Fetch(Get(SharedServer().port(), "/api/v1/search?limit=20&" + query));
}

TEST_CASE("interpret=true answers as the filters it read plus the words left") {
  struct Case {
    std::string q;
    std::string same_as;  // the explicit search it must equal
  };
  const Case cases[] = {
      {"spanish speaking therapist", ""},
      {"therapist for anxiety who takes aetna", "q=anxiety&insurance=aetna"},
      {"dbt for teens", "q=dbt&population=teens"},
      {"grief counseling online", "q=grief&virtual=true"},
      {"sliding scale counseling for depression", "q=depression&sliding_scale=true"},
      {"therapy by video call", "mode=video"},
      {"couples therapy in oakland", ""},
      {"anxiety near Portland, Oregon", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.q);
    const Answer read = Search("interpret=true&q=" + UrlEncode(c.q));
    REQUIRE(read.body["interpreted"].IsObject());
    const auto& interpreted = read.body["interpreted"];
    REQUIRE(interpreted["filters"].Size() >= 1);
    // The explicit search, built from what the answer says it read.
    std::string explicit_query = "q=" + UrlEncode(interpreted["q"].GetString());
    for (const auto& filter : interpreted["filters"].GetArray()) {
      explicit_query +=
          "&" + std::string(filter["param"].GetString()) + "=" + filter["value"].GetString();
      CHECK(std::string(filter["label"].GetString()).size() > 0);
    }
    const Answer expected = Search(explicit_query);
    CHECK(read.total == expected.total);
    CHECK(read.ids == expected.ids);
    if (!c.same_as.empty()) CHECK(Search(c.same_as).total == read.total);
  }
  CHECK(Search("interpret=true&q=" + UrlEncode("spanish speaking therapist")).total ==
        Search("language=es").total);
}

TEST_CASE("without interpret, or with nothing to read, the text is searched as typed") {
  const Answer typed = Search("q=" + UrlEncode("takes aetna"));
  CHECK(typed.body["interpreted"].IsNull());
  const Answer plain = Search("interpret=true&q=anxiety");
  CHECK(plain.body["interpreted"].IsNull());
  CHECK(plain.total == Search("q=anxiety").total);
  const Answer quoted = Search("interpret=true&q=" + UrlEncode("\"takes aetna\""));
  CHECK(quoted.body["interpreted"].IsNull());
}

TEST_CASE("an in-person search keeps 'online' as a word") {
  const Answer in_person = Search("interpret=true&in_person=true&q=" + UrlEncode("online anxiety"));
  CHECK(in_person.body["interpreted"].IsNull());
  CHECK(in_person.total == Search("in_person=true&q=" + UrlEncode("online anxiety")).total);
}

TEST_CASE("a place is read as near, and found more than its name as a word") {
  const Answer place = Search("interpret=true&q=" + UrlEncode("couples therapy in oakland"));
  const auto& filters = place.body["interpreted"]["filters"];
  REQUIRE(filters.Size() == 1);
  CHECK(std::string(filters[0]["param"].GetString()) == "near");
  CHECK(std::string(filters[0]["label"].GetString()) == "Oakland, CA");
  for (const auto& hit : place.body["results"].GetArray()) {
    REQUIRE(hit.HasMember("distance_km"));
    CHECK(hit["distance_km"].GetDouble() <= 40);
  }
  CHECK(place.total > Search("q=" + UrlEncode("couples therapy in oakland")).total);
}

TEST_CASE("online, or a place of the client's own, keeps a named place as words") {
  const std::string q = "online anxiety in oakland";
  const Answer online = Search("interpret=true&q=" + UrlEncode(q));
  const auto& filters = online.body["interpreted"]["filters"];
  REQUIRE(filters.Size() == 1);
  CHECK(std::string(filters[0]["param"].GetString()) == "virtual");
  CHECK(std::string(online.body["interpreted"]["q"].GetString()) == "anxiety in oakland");
  const std::string near_boston = "near=42.3601,-71.0589&q=" + UrlEncode("anxiety in oakland");
  const Answer own_place = Search("interpret=true&" + near_boston);
  CHECK(own_place.body["interpreted"].IsNull());
  CHECK(own_place.total == Search(near_boston).total);
}

TEST_CASE("a JSON body interprets as the query string does") {
  const std::string q = "therapist for anxiety who takes aetna";
  const Answer by_get = Search("interpret=true&q=" + UrlEncode(q));
  const Answer by_json = Fetch(Request(SharedServer().port(), "POST", "/api/v1/search",
                                       {{"Content-Type", "application/json"}},
                                       R"({"q":")" + q + R"(","interpret":true,"limit":20})"));
  CHECK(by_json.total == by_get.total);
  CHECK(by_json.ids == by_get.ids);
  CHECK(by_json.body["interpreted"].IsObject());
}

}  // namespace
}  // namespace rapport::testing
