// Tests of Compacts (indexer/compacts.h) on the shipped data/compacts.json
// and on small hand-written files.
#include "compacts.h"

#include <doctest/doctest.h>

#include "test_support.h"
#include "vocabulary.h"

namespace rapport {
namespace {

TEST_CASE("shipped compacts: the three compacts, member states valid, professions known") {
  Result<Compacts> compacts = Compacts::Load(testing::SourcePath("data/compacts.json"));
  REQUIRE_MESSAGE(compacts.ok(), (compacts.ok() ? "" : compacts.error().message));
  Result<Vocabulary> vocab = Vocabulary::Load(testing::SourcePath("data/vocab.json"));
  REQUIRE(vocab.ok());
  for (const char* name : {"psypact", "counseling-compact", "social-work-compact"}) {
    CHECK(compacts.value().IsKnown(name));
    for (const auto& state : compacts.value().CoveredStates(name)) {
      CHECK_MESSAGE(vocab.value().Contains("state", state), name, " lists ", state);
    }
  }
  CHECK_FALSE(compacts.value().IsKnown("nurse-compact"));
  // PSYPACT has issued privileges since 2020 and covers most of the country.
  const auto psypact = compacts.value().CoveredStates("psypact");
  CHECK(psypact.size() >= 30);
  CHECK(compacts.value().Covers("psypact", "TX"));
  CHECK(compacts.value().Covers("psypact", "PA"));
  // California has not joined PSYPACT.
  CHECK_FALSE(compacts.value().Covers("psypact", "CA"));
  CHECK_FALSE(compacts.value().Covers("psypact", "tx"));
  CHECK_FALSE(compacts.value().Covers("nurse-compact", "TX"));
}

TEST_CASE("a compact not yet issuing privileges covers nothing") {
  Result<Compacts> compacts =
      Compacts::Parse(R"({"checked":"2026-11-25","compacts":[)"
                      R"({"value":"a","operational":true,"member_states":["CO","UT"]},)"
                      R"({"value":"b","operational":false,"member_states":["CO","UT"]}]})");
  REQUIRE(compacts.ok());
  CHECK(compacts.value().Covers("a", "CO"));
  CHECK_FALSE(compacts.value().Covers("a", "CA"));
  CHECK(compacts.value().IsKnown("b"));
  CHECK_FALSE(compacts.value().Covers("b", "CO"));
  CHECK(compacts.value().CoveredStates("b").empty());
  CHECK(compacts.value().CoveredStates("a") == std::vector<std::string>{"CO", "UT"});
}

TEST_CASE("malformed compacts files are refused") {
  for (const char* json : {
           "nope",
           "[]",
           R"({"compacts": {}})",
           R"({"compacts": [{"operational": true, "member_states": []}]})",
           R"({"compacts": [{"value": "a", "member_states": []}]})",
           R"({"compacts": [{"value": "a", "operational": true}]})",
           R"({"compacts": [{"value": "a", "operational": true, "member_states": ["Texas"]}]})",
           R"({"compacts": [{"value": "a", "operational": true, "member_states": ["tx"]}]})",
           R"({"compacts": [{"value": "a", "operational": true, "member_states": []},)"
           R"({"value": "a", "operational": false, "member_states": []}]})",
       }) {
    Result<Compacts> compacts = Compacts::Parse(json);
    REQUIRE_MESSAGE(!compacts.ok(), json);
    CHECK(compacts.error().status == 500);
    CHECK(compacts.error().message.rfind("compacts.json", 0) == 0);
  }
  CHECK_FALSE(Compacts::Load("/nonexistent/compacts.json").ok());
}

}  // namespace
}  // namespace rapport
