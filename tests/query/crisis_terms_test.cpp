// CrisisTerms on the shipped data/crisis_terms.json: which searches name
// suicide or self-harm (whole words of the normalised text, or a specialty
// filter), and which do not.
#include <doctest/doctest.h>

#include "crisis_terms.h"
#include "test_support.h"

namespace rapport {
namespace {

const CrisisTerms& Shipped() {
  static const CrisisTerms terms = [] {
    auto loaded = CrisisTerms::Load(testing::SourcePath("data/crisis_terms.json"));
    REQUIRE_MESSAGE(loaded.ok(), loaded.error().message);
    return loaded.value();
  }();
  return terms;
}

bool Names(const std::string& q) {
  SearchRequest request;
  request.q = q;
  return Shipped().NamedBy(request);
}

TEST_CASE("texts that name suicide or self-harm, in their common forms") {
  for (const char* q : {"suicide",
                        "Suicidal thoughts",
                        "therapist for suicidal ideation",
                        "SUICIDE prevention",
                        "I want to kill myself",
                        "thinking about ending my life",
                        "i dont want to live",
                        "I don't want to live anymore",
                        "I don’t want to live",
                        "self-harm",
                        "self harm teens",
                        "selfharm",
                        "Self-Harming",
                        "non-suicidal self-injury",
                        "nssi",
                        "I keep cutting myself",
                        "want to die",
                        "ideación suicida",
                        "suicidio",
                        "grief after a suicide"}) {
    CAPTURE(q);
    CHECK(Names(q));
  }
}

TEST_CASE("texts that do not: other topics, and words that merely contain a term") {
  for (const char* q : {"", "anxiety", "grief counseling online", "selfish partner", "self esteem",
                        "harm reduction", "cutting edge therapy", "die hard fan", "kill time",
                        "my life", "hurt feelings", "suicid", "harmony"}) {
    CAPTURE(q);
    CHECK_FALSE(Names(q));
  }
}

TEST_CASE("a specialty filter on self-harm or suicidal ideation names it too") {
  SearchRequest request;
  request.filters["specialty"] = {"anxiety", "self-harm"};
  CHECK(Shipped().NamedBy(request));
  request.filters["specialty"] = {"suicidal-ideation"};
  CHECK(Shipped().NamedBy(request));
  request.filters["specialty"] = {"anxiety"};
  CHECK_FALSE(Shipped().NamedBy(request));
  request.filters.clear();
  request.filters["modality"] = {"dbt"};
  CHECK_FALSE(Shipped().NamedBy(request));
}

TEST_CASE("malformed term files are errors, no terms name nothing") {
  CHECK_FALSE(CrisisTerms::Parse("[]").ok());
  CHECK_FALSE(CrisisTerms::Parse(R"({"phrases":["suicide"]})").ok());
  CHECK_FALSE(CrisisTerms::Parse(R"({"phrases":[" - "],"specialties":[]})").ok());
  CHECK_FALSE(CrisisTerms::Parse(R"({"phrases":[1],"specialties":[]})").ok());
  CHECK_FALSE(CrisisTerms::Load("/nonexistent/crisis_terms.json").ok());
  SearchRequest request;
  request.q = "suicide";
  CHECK_FALSE(CrisisTerms().NamedBy(request));
}

}  // namespace
}  // namespace rapport
