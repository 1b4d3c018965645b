// filter_words.h over the real vocabulary (data/vocab.json): which phrases
// of a plain query become filters, the words left, and what is never read as
// a filter. tests/web/filter_words_test.cpp checks the same through the server.
#include "filter_words.h"

#include <doctest/doctest.h>

#include "test_support.h"
#include "vocabulary.h"

namespace rapport {
namespace {

const FilterWords& Words() {
  static const Vocabulary vocabulary =
      Vocabulary::Load(testing::SourcePath("data/vocab.json")).value();
  static const FilterWords words(vocabulary);
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

}  // namespace
}  // namespace rapport
