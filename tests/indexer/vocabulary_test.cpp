// Tests of Vocabulary (query/vocabulary.h): the shipped data/vocab.json holds
// every core slug of DESIGN.md §2, and malformed vocabularies are refused.
#include "vocabulary.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "test_support.h"

namespace rapport {
namespace {

Vocabulary LoadShipped() {
  Result<Vocabulary> vocab = Vocabulary::Load(testing::SourcePath("data/vocab.json"));
  REQUIRE_MESSAGE(vocab.ok(), (vocab.ok() ? "" : vocab.error().message));
  return std::move(vocab).value();
}

void CheckAll(const Vocabulary& vocab, const std::string& facet,
              const std::vector<std::string>& values) {
  for (const auto& value : values) CHECK_MESSAGE(vocab.Contains(facet, value), facet, " ", value);
}

TEST_CASE("shipped vocabulary holds every core slug of the data model") {
  const Vocabulary vocab = LoadShipped();
  CheckAll(vocab, "modality",
           {"cbt",
            "mindfulness",
            "person-centered",
            "dbt",
            "psychodynamic",
            "solution-focused",
            "act",
            "emdr",
            "trauma-focused-cbt",
            "family-systems",
            "motivational-interviewing",
            "ifs",
            "narrative",
            "somatic",
            "gottman",
            "eft",
            "exposure",
            "existential",
            "cpt",
            "schema",
            "play-therapy",
            "art-therapy",
            "pe",
            "psychoanalytic",
            "hypnotherapy"});
  CheckAll(vocab, "specialty",
           {"anxiety",
            "depression",
            "trauma",
            "relationship-issues",
            "stress",
            "self-esteem",
            "life-transitions",
            "ptsd",
            "grief",
            "adhd",
            "family-conflict",
            "lgbtq",
            "parenting",
            "ocd",
            "substance-use",
            "addiction",
            "bipolar",
            "anger-management",
            "eating-disorders",
            "burnout",
            "career",
            "chronic-illness",
            "couples",
            "divorce",
            "infidelity",
            "postpartum",
            "infertility",
            "social-anxiety",
            "phobias",
            "panic-disorder",
            "insomnia",
            "chronic-pain",
            "autism",
            "behavioral-issues",
            "school-issues",
            "self-harm",
            "suicidal-ideation",
            "borderline",
            "personality-disorders",
            "psychosis",
            "schizophrenia",
            "body-image",
            "codependency",
            "domestic-violence",
            "sexual-abuse",
            "childhood-abuse",
            "racial-identity",
            "multicultural",
            "spirituality",
            "existential-concerns",
            "transgender",
            "sex-therapy",
            "premarital",
            "adoption",
            "veterans",
            "first-responders",
            "dementia-caregiving",
            "gambling",
            "hoarding",
            "medication-management"});
  CheckAll(vocab, "population", {"adults", "teens", "preteens", "children", "older-adults"});
  CheckAll(vocab, "session_format", {"individual", "couples", "family", "group"});
  CheckAll(vocab, "profession",
           {"counselor", "social_worker", "psychologist", "mft", "psychiatrist", "psychiatric_np"});
  CheckAll(vocab, "gender", {"female", "male", "non-binary"});
  CheckAll(vocab, "insurance",
           {"bcbs",     "aetna",   "cigna",     "united",   "optum",    "medicaid", "anthem",
            "medicare", "humana",  "tricare",   "magellan", "kaiser",   "oscar",    "ambetter",
            "beacon",   "carelon", "healthnet", "molina",   "wellcare", "compsych"});
  CheckAll(vocab, "mode", {"video", "phone", "chat"});
  CheckAll(vocab, "platform",
           {"zoom", "doxy.me", "simplepractice", "google-meet", "teams", "vsee", "therapynotes"});
  CheckAll(vocab, "device", {"desktop", "tablet", "smartphone"});
  CheckAll(vocab, "telehealth_experience", {"before-2020", "2020-2021", "2022-or-later"});
  CheckAll(vocab, "accepting", {"true", "false"});
  CheckAll(vocab, "language", {"en", "es", "zh", "vi", "tl", "ar", "fr", "ko", "ru", "ht"});
}

TEST_CASE("shipped vocabulary: states, languages and credentials are well formed") {
  const Vocabulary vocab = LoadShipped();
  std::set<std::string> states;
  for (const auto& entry : vocab.Entries("state")) {
    CHECK(entry.value.size() == 2);
    CHECK(!entry.label.empty());
    states.insert(entry.value);
  }
  // 50 states and DC at least.
  CHECK(states.size() >= 51);
  CHECK(states.count("DC") == 1);
  CHECK(states.count("AK") == 1);
  CHECK(states.count("HI") == 1);
  CHECK(vocab.Entries("language").size() >= 30);
  for (const auto& entry : vocab.Entries("language")) {
    CHECK_MESSAGE(entry.value.size() == 2, entry.value, " is not an ISO 639-1 code");
  }
  for (const auto& entry : vocab.Entries("profession")) {
    CHECK_MESSAGE(!entry.credentials.empty(), entry.value, " lists no credentials");
  }
  for (const auto& facet : vocab.FacetNames()) {
    for (const auto& entry : vocab.Entries(facet)) CHECK(!entry.label.empty());
  }
}

TEST_CASE("labels, synonyms and look-ups") {
  const Vocabulary vocab = LoadShipped();
  CHECK(vocab.Label("modality", "cbt") == "Cognitive behavioral therapy (CBT)");
  CHECK(vocab.Label("modality", "no-such-thing") == "no-such-thing");
  CHECK(vocab.Label("no-such-facet", "cbt") == "cbt");
  const VocabEntry* ptsd = vocab.Find("specialty", "ptsd");
  REQUIRE(ptsd != nullptr);
  CHECK(std::count(ptsd->synonyms.begin(), ptsd->synonyms.end(), "post-traumatic stress") == 1);
  const VocabEntry* postpartum = vocab.Find("specialty", "postpartum");
  REQUIRE(postpartum != nullptr);
  CHECK(std::count(postpartum->synonyms.begin(), postpartum->synonyms.end(), "perinatal") == 1);
  CHECK(vocab.Find("specialty", "cbt") == nullptr);
  CHECK_FALSE(vocab.Contains("modality", "CBT"));
  CHECK(vocab.Entries("no-such-facet").empty());
  const std::vector<std::string> facets = vocab.FacetNames();
  CHECK(facets.size() == 14);
  CHECK(vocab.json() == testing::ReadFile(testing::SourcePath("data/vocab.json")));
}

TEST_CASE("a small vocabulary keeps file order") {
  Result<Vocabulary> vocab = Vocabulary::Parse(
      R"({"gender":[{"value":"male","label":"Male"},{"value":"female","label":"Female",)"
      R"("synonyms":["woman"]}],"profession":[{"value":"mft","label":"MFT","synonyms":[],)"
      R"("credentials":["LMFT"]}]})");
  REQUIRE(vocab.ok());
  const auto& genders = vocab.value().Entries("gender");
  REQUIRE(genders.size() == 2);
  CHECK(genders[0].value == "male");
  CHECK(genders[1].synonyms == std::vector<std::string>{"woman"});
  CHECK(vocab.value().Find("profession", "mft")->credentials == std::vector<std::string>{"LMFT"});
}

TEST_CASE("malformed vocabularies are refused with a 500 naming the problem") {
  struct Case {
    const char* json;
    const char* mentions;
  };
  const Case cases[] = {
      {"{", "offset"},
      {"[]", "object"},
      {R"({"gender": {"value": "male"}})", "gender"},
      {R"({"gender": [{"label": "Male"}]})", "value"},
      {R"({"gender": [{"value": "", "label": "Male"}]})", "value"},
      {R"({"gender": [{"value": "male"}]})", "label"},
      {R"({"gender": [{"value": "male", "label": 3}]})", "label"},
      {R"({"gender": [{"value": "male", "label": "M", "synonyms": "man"}]})", "synonyms"},
      {R"({"gender": [{"value": "male", "label": "M", "synonyms": [1]}]})", "synonyms"},
      {R"({"gender": ["male"]})", "object"},
      {R"({"gender": [{"value": "male", "label": "M"}, {"value": "male", "label": "X"}]})",
       "twice"},
      {R"({"gender": [], "gender": []})", "twice"},
  };
  for (const auto& c : cases) {
    Result<Vocabulary> vocab = Vocabulary::Parse(c.json);
    REQUIRE_MESSAGE(!vocab.ok(), c.json);
    CHECK(vocab.error().status == 500);
    CHECK_MESSAGE(vocab.error().message.find(c.mentions) != std::string::npos,
                  vocab.error().message);
  }
  Result<Vocabulary> missing = Vocabulary::Load("/nonexistent/vocab.json");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().status == 500);
}

}  // namespace
}  // namespace rapport
