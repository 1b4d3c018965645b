// ConceptDetector and concept terms: vocabulary concepts named in a bio in any
// form are found on word boundaries, and the document builder indexes all
// their forms, so "cbt" finds a bio that spells the therapy out and back.
#include "concept_detector.h"

#include <algorithm>

#include <set>

#include <doctest/doctest.h>

#include "document_builder.h"
#include "index_layout.h"
#include "index_test_support.h"
#include "profile_json.h"

namespace rapport {
namespace {

using testing::ShippedCompacts;
using testing::ShippedVocabulary;

std::vector<std::string> Found(std::string_view text) {
  static const ConceptDetector detector(ShippedVocabulary());
  std::vector<std::string> found;
  for (const Concept& c : detector.Detect(text))
    found.push_back(std::string(c.facet) + ":" + c.entry->value);
  return found;
}

bool Has(const std::vector<std::string>& found, const std::string& concept_name) {
  return std::find(found.begin(), found.end(), concept_name) != found.end();
}

TEST_CASE("a concept is found by its slug, label, parenthesised label part or synonym") {
  CHECK(Has(Found("I use Cognitive Behavioral Therapy daily."), "modality:cbt"));
  CHECK(Has(Found("Short-term CBT for panic."), "modality:cbt"));
  CHECK(Has(Found("cognitive behavioural therapy"), "modality:cbt"));
  CHECK(Has(Found("I offer TF-CBT to children"), "modality:trauma-focused-cbt"));
  CHECK(Has(Found("I offer TF-CBT to children"), "population:children"));
  CHECK(Has(Found("Working with adolescents."), "population:teens"));
  CHECK(Has(Found("EMDR and grief work"), "modality:emdr"));
}

TEST_CASE("forms match whole words in order, each concept once") {
  CHECK_FALSE(Has(Found("cbtx and xcbt"), "modality:cbt"));
  CHECK_FALSE(Has(Found("therapy that is behavioral and cognitive"), "modality:cbt"));
  CHECK_FALSE(Has(Found("cognitive"), "modality:cbt"));
  const auto twice = Found("CBT, then more CBT and cognitive therapy");
  CHECK(std::count(twice.begin(), twice.end(), "modality:cbt") == 1);
  CHECK(Found("").empty());
  CHECK(Found("I enjoy hiking").empty());
}

TEST_CASE("languages, insurers and professions are not detected") {
  const auto found = Found("A therapist who speaks en, takes Aetna and United.");
  CHECK(std::none_of(found.begin(), found.end(), [](const std::string& c) {
    return c.rfind("language:", 0) == 0 || c.rfind("insurance:", 0) == 0 ||
           c.rfind("profession:", 0) == 0;
  }));
}

TEST_CASE("the builder indexes every form of a concept the bio names, at the bio weight") {
  Profile profile;
  profile.id = "t-concept";
  profile.name = "Nora Quill";
  profile.profession = "counselor";
  profile.bio = "I practice cognitive behavioral therapy.";
  profile.modalities = {"emdr"};
  StoredProfile stored;
  stored.profile = profile;
  stored.json = ToCanonicalJson(profile);
  stored.version = 1;
  DocumentBuilder builder(ShippedVocabulary(), ShippedCompacts(), 2026);
  auto built = builder.Build(stored);
  REQUIRE(built.ok());
  const Xapian::Document& doc = built.value().document;
  auto wdf = [&](const std::string& term) -> Xapian::termcount {
    auto it = doc.termlist_begin();
    it.skip_to(term);
    return it != doc.termlist_end() && *it == term ? it.get_wdf() : 0;
  };
  // Vocabulary text is indexed as stems without a field prefix
  // (docs/index-layout.md).
  CHECK(wdf("Zcbt") == 2 * layout::kBioWdf);    // the slug and the label's "(CBT)"
  CHECK(wdf("Zbehaviour") == layout::kBioWdf);  // a synonym; the bio says "behavioral"
  // A tagged value keeps its own weight and is not indexed again from the bio.
  CHECK(wdf("Zemdr") == 2 * layout::kVocabWdf);
  // Nothing the bio does not name.
  CHECK(wdf("Zdbt") == 0);
  // A concept the profile is not tagged with gets its marker term, a tagged
  // one none.
  std::set<std::string> markers;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    if ((*it).rfind(layout::kConceptPrefix, 0) == 0) markers.insert(*it);
  }
  CHECK(markers == std::set<std::string>{"XHXMcbt"});
}

}  // namespace
}  // namespace rapport
