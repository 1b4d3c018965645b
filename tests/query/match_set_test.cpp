// MatchSet: the exact text match set computed from posting lists (leapfrog
// intersection, unions, differences) equals the set Xapian's own matcher
// finds, with and without a filter set, on the shipped sample index.
#include "match_set.h"

#include <algorithm>

#include <doctest/doctest.h>

#include "facet_store.h"
#include "index_test_support.h"
#include "query_fixture.h"
#include "text_query.h"
#include "vocabulary_phrases.h"

namespace rapport::testing {
namespace {

// Every docid Xapian's matcher returns for `query`, kept when in `within`.
DocSet XapianMatches(Xapian::Database& db, const Xapian::Query& query, const DocSet& within) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
  DocSet docs(within.bound());
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    if (within.Contains(*it)) docs.Insert(*it);
  }
  return docs;
}

TEST_CASE("vocabulary phrases name the facet terms whose texts hold a phrase") {
  const VocabularyPhrases phrases(ShippedVocabulary());
  const std::vector<std::string> eating = phrases.HolderTerms({"Zeat", "Zdisord"});
  CHECK(std::count(eating.begin(), eating.end(), "XSeating-disorders") == 1);
  CHECK(phrases.HolderTerms({"Zbehavior", "Zcognit"}).empty());  // words in the wrong order
  CHECK(phrases.HolderTerms({"Zeat", "Zzzzunknown"}).empty());
  const std::vector<std::string> cbt = phrases.HolderTerms({"Zcognit", "Zbehavior"});
  CHECK(std::count(cbt.begin(), cbt.end(), "XMcbt") == 1);
  // A phrase across two texts of one entry (label, then a synonym) is not held.
  CHECK(phrases.HolderTerms({"Zdisord", "Zcbt"}).empty());
}

TEST_CASE("the posting-list match set equals Xapian's matches, filtered or not") {
  Xapian::Database db(SampleIndex().data_dir() + "/index");
  const uint32_t bound = db.get_lastdocid() + 1;
  auto all = std::make_shared<const DocSet>(DocSet::Full(bound));
  DocSet every_third(bound);
  for (uint32_t docid = 1; docid < bound; docid += 3) every_third.Insert(docid);
  auto some = std::make_shared<const DocSet>(every_third);
  const std::shared_ptr<const FacetStore> store = FacetStore::Build(db).value();
  const VocabularyPhrases phrases(ShippedVocabulary());
  const PhraseHolders holders{phrases, *store};
  for (const std::string q :
       {"anxiety", "couples teens", "trauma emdr grief", "cbt", "anxiety OR grief",
        "family NOT couples", "(anxiety OR depression) teens", "\"eye movement\"",
        "\"eating disorders\"", "\"cognitive behavioral therapy\"", "\"anxiety and depression\"",
        "\"trauma trauma\"", "\"disorders eating\"", "name:\"maria\" anxiety", "zzzunknownword",
        "anxiety zzzunknownword", "name:maria", "modality:emdr anxiety",
        // Phrases inside other operators and fields, and phrases vocabulary
        // texts hold (PhraseHolders).
        "\"panic attacks\" teens", "\"eating disorders\" OR grief", "grief NOT \"eye movement\"",
        "name:\"maria alvarez\"", "\"eating zzzunknownword\"", "\"Eating Disorder\"",
        "\"behavioral therapy\" \"eye movement\"", "\"cognitive behavioral\" modality:emdr",
        "\"therapy for\"", "anxiety NEAR depression", "anxiety ADJ/3 depression",
        "\"cognitive behavioral therapy\" anxiety", "\"panic disorder\"", "\"substance use\""}) {
    CAPTURE(q);
    const ParsedText parsed = ParseText(q, db);
    REQUIRE_FALSE(parsed.query.empty());
    for (const auto& within : {all, some}) {
      const DocSet expected = XapianMatches(db, parsed.query, *within);
      const DocSet actual = MatchSet(db, parsed.query, within);
      CHECK(actual.Count() == expected.Count());
      CHECK(actual.words() == expected.words());
      // Documents known to hold a phrase skip Xapian's position check.
      const DocSet with_holders = MatchSet(db, parsed.query, within, nullptr, &holders);
      CHECK(with_holders.words() == expected.words());
    }
  }
}

}  // namespace
}  // namespace rapport::testing
