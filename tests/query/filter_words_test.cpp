// filter_words.h over the real vocabulary (data/vocab.json): which phrases
// of a plain query become filters, the words left, and what is never read as
// a filter. tests/web/filter_words_test.cpp checks the same through the server.
#include "filter_words.h"

#include <cstdio>

#include <doctest/doctest.h>

#include "test_support.h"
#include "vocabulary.h"

namespace rapport {
namespace {

const FilterWords& Words() {
  static const Vocabulary vocabulary =
      Vocabulary::Load(testing::SourcePath("data/vocab.json")).value();
  static const CityGazetteer gazetteer =
      CityGazetteer::Load(testing::SourcePath("data/cities.json")).value();
  static const FilterWords words(vocabulary, gazetteer.cities());
  return words;
}

// "param=value (words)" for each filter read, in typed order.
std::vector<std::string> Read(const Interpretation& i) {
  std::vector<std::string> out;
  for (const InterpretedFilter& f : i.filters)
    out.push_back(f.param + "=" + f.value + " (" + f.words + ")");
  return out;
}

using Strings = std::vector<std::string>;

TEST_CASE("language, insurance, population, online and fee phrases become filters") {
  struct Case {
    const char* q;
    const char* left;
    Strings filters;
  };
  const Case cases[] = {
      {"spanish speaking therapist", "", {"language=es (spanish speaking)"}},
      {"Korean-speaking therapist for anxiety", "anxiety", {"language=ko (korean speaking)"}},
      {"therapist who speaks mandarin", "", {"language=zh (speaks mandarin)"}},
      {"terapeuta que habla español", "terapeuta que", {"language=es (habla español)"}},
      {"therapist for anxiety who takes aetna", "anxiety", {"insurance=aetna (takes aetna)"}},
      {"depression counselor in network with cigna",
       "depression",
       {"insurance=cigna (in network with cigna)"}},
      {"accepts blue cross", "", {"insurance=bcbs (accepts blue cross)"}},
      {"dbt for teens", "dbt", {"population=teens (teens)"}},
      {"grief counseling online", "grief", {"virtual=true (online)"}},
      {"therapy by video call", "", {"mode=video (by video call)"}},
      {"sliding scale counseling for depression",
       "depression",
       {"sliding_scale=true (sliding scale)"}},
      {"online spanish speaking couples therapist for teens",
       "couples",
       {"virtual=true (online)", "language=es (spanish speaking)", "population=teens (teens)"}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.q);
    const Interpretation i = Words().Interpret(c.q);
    CHECK(i.q == c.left);
    CHECK(Read(i) == c.filters);
  }
}

TEST_CASE("words that only look like filters stay words") {
  for (const char* q : {"family therapy for my son", "spanish", "aetna", "anxiety", "speaks",
                        "takes", "\"spanish speaking\" therapist", "language:es takes aetna",
                        "video", "my wife cheated on me"}) {
    CAPTURE(q);
    const Interpretation i = Words().Interpret(q);
    CHECK(i.filters.empty());
    CHECK(i.q == q);
  }
}

TEST_CASE("a filter named twice is read once, and ignored parameters stay words") {
  const Interpretation twice = Words().Interpret("online anxiety online");
  CHECK(Read(twice) == Strings{"virtual=true (online)"});
  CHECK(twice.q == "anxiety");
  const Interpretation in_person =
      Words().Interpret("online anxiety by video", {"virtual", "mode"});
  CHECK(in_person.filters.empty());
  CHECK(in_person.q == "online anxiety by video");
}

TEST_CASE("a city after in, near or around is a place, with its state when others share its name") {
  const CityGazetteer gazetteer =
      CityGazetteer::Load(testing::SourcePath("data/cities.json")).value();
  const auto centre = [&](const char* city, const char* state) {
    const GazetteerPoint point = gazetteer.Find(city, state).value();
    char text[64];
    std::snprintf(text, sizeof text, "%.4f,%.4f", point.lat, point.lon);
    return std::string(text);
  };
  struct Case {
    const char* q;
    const char* left;
    std::string filter;
  };
  const Case cases[] = {
      {"couples therapy in oakland", "couples",
       "near=" + centre("Oakland", "CA") + " (in oakland)"},
      {"anxiety near Oakland, CA", "anxiety",
       "near=" + centre("Oakland", "CA") + " (near oakland ca)"},
      {"grief counselor around st. louis", "grief",
       "near=" + centre("St. Louis", "MO") + " (around st louis)"},
      {"grief in saint louis", "grief", "near=" + centre("St. Louis", "MO") + " (in saint louis)"},
      {"therapist in winston-salem", "",
       "near=" + centre("Winston-Salem", "NC") + " (in winston salem)"},
      {"ptsd in portland oregon", "ptsd",
       "near=" + centre("Portland", "OR") + " (in portland oregon)"},
      {"ptsd in portland me", "ptsd", "near=" + centre("Portland", "ME") + " (in portland me)"},
      {"in new york city therapist", "",
       "near=" + centre("New York", "NY") + " (in new york city)"},
      {"in kansas city mo", "", "near=" + centre("Kansas City", "MO") + " (in kansas city mo)"},
      {"grief counselor los angeles", "grief",
       "near=" + centre("Los Angeles", "CA") + " (los angeles)"},
      {"family counseling phoenix az", "family",
       "near=" + centre("Phoenix", "AZ") + " (phoenix az)"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.q);
    const Interpretation i = Words().Interpret(c.q);
    CHECK(i.q == c.left);
    CHECK(Read(i) == Strings{c.filter});
    REQUIRE(i.filters.size() == 1);
    CHECK(i.filters.front().place.has_value());
  }
  const Interpretation labelled = Words().Interpret("in oakland");
  CHECK(labelled.filters.front().label == "Oakland, CA");
  // Shared names without a state, a state's name, a one-word city without "in",
  // and a shared name of several words stay words.
  for (const char* q : {"therapist in portland", "in springfield", "in washington", "oakland",
                        "in columbus therapist", "near me", "austin smith",
                        "anxiety therapist chicago", "kansas city"}) {
    CAPTURE(q);
    CHECK(Words().Interpret(q).filters.empty());
  }
  // Without a gazetteer no place is read.
  const Vocabulary vocabulary = Vocabulary::Load(testing::SourcePath("data/vocab.json")).value();
  CHECK(FilterWords(vocabulary).Interpret("couples therapy in oakland").filters.empty());
}

}  // namespace
}  // namespace rapport
