// MatchSet: the exact text match set computed from posting lists (leapfrog
// intersection, unions, differences) equals the set Xapian's own matcher
// finds, with and without a filter set, on the shipped sample index.
#include "match_set.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "concept_detector.h"
#include "document_data.h"
#include "facet_store.h"
#include "index_test_support.h"
#include "profile_json.h"
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
  for (const std::string q :
       {"anxiety", "couples teens", "trauma emdr grief", "cbt", "anxiety OR grief",
        "family NOT couples", "(anxiety OR depression) teens", "\"eye movement\"",
        "\"eating disorders\"", "\"cognitive behavioral therapy\"", "\"anxiety and depression\"",
        "\"trauma trauma\"", "\"disorders eating\"", "name:\"maria\" anxiety", "zzzunknownword",
        "anxiety zzzunknownword", "name:maria", "modality:emdr anxiety",
        // Phrases inside other operators and fields.
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
    }
  }
}

// The stem sequences of a text as the indexer writes it ("Z" + stem, or
// "Z" + prefix + stem for a field copy), in position order.
std::vector<std::string> StemSequence(const std::string& text, const std::string& prefix = "") {
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem("en"));
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
  Xapian::Document scratch;
  generator.set_document(scratch);
  generator.index_text(text, 1, prefix);
  std::map<Xapian::termpos, std::string> by_position;
  for (auto term = scratch.termlist_begin(); term != scratch.termlist_end(); ++term) {
    for (auto pos = term.positionlist_begin(); pos != term.positionlist_end(); ++pos) {
      by_position.emplace(*pos, *term);
    }
  }
  std::vector<std::string> stems;
  for (const auto& [position, stem] : by_position) stems.push_back(stem);
  return stems;
}

// Brute force from each document's profile: the texts a phrase can match in
// (name, also as name:, bio, and every text of the vocabulary values it has
// and of the concepts its bio names), as stem sequences.
std::map<uint32_t, std::vector<std::vector<std::string>>> DocumentTexts(Xapian::Database& db) {
  const Vocabulary& vocabulary = ShippedVocabulary();
  const ConceptDetector detector(vocabulary);
  std::map<uint32_t, std::vector<std::vector<std::string>>> texts;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Profile profile =
        ProfileFromStoredJson(UnpackDocumentData(db.get_document(*it).get_data())).value();
    auto& sequences = texts[*it];
    sequences.push_back(StemSequence(profile.name));
    sequences.push_back(StemSequence(profile.name, "N"));
    sequences.push_back(StemSequence(profile.bio));
    std::vector<const VocabEntry*> entries;
    const std::pair<const char*, std::vector<std::string>> lists[] = {
        {"specialty", profile.specialties},  {"modality", profile.modalities},
        {"population", profile.populations}, {"session_format", profile.session_formats},
        {"language", profile.languages},     {"insurance", profile.insurance},
        {"profession", {profile.profession}}};
    for (const auto& [facet, values] : lists) {
      for (const std::string& value : values) {
        if (const VocabEntry* entry = vocabulary.Find(facet, value)) entries.push_back(entry);
      }
    }
    for (const Concept& mentioned : detector.Detect(profile.bio)) {
      entries.push_back(mentioned.entry);
    }
    for (const VocabEntry* entry : entries) {
      for (const std::string* form : IndexedForms(*entry)) {
        sequences.push_back(StemSequence(*form));
      }
    }
  }
  return texts;
}

// `query` with each exact phrase replaced by the documents whose texts hold
// it (by their Q terms), so Xapian's matcher evaluates the rest.
Xapian::Query WithPhrasesResolved(
    const Xapian::Query& query, Xapian::Database& db,
    const std::map<uint32_t, std::vector<std::vector<std::string>>>& texts) {
  const size_t children = query.get_num_subqueries();
  if (children == 0) return query;
  const bool exact_phrase = query.get_type() == Xapian::Query::OP_PHRASE &&
                            query.get_description().find(" PHRASE " + std::to_string(children) +
                                                         " ") != std::string::npos;
  if (exact_phrase) {
    std::vector<std::string> stems;
    for (size_t i = 0; i < children; ++i) {
      stems.push_back(*query.get_subquery(i).get_terms_begin());
    }
    std::vector<Xapian::Query> holders;
    for (const auto& [docid, sequences] : texts) {
      for (const auto& sequence : sequences) {
        if (std::search(sequence.begin(), sequence.end(), stems.begin(), stems.end()) !=
            sequence.end()) {
          holders.emplace_back(*db.get_document(docid).termlist_begin());  // its Q term
          break;
        }
      }
    }
    return holders.empty() ? Xapian::Query::MatchNothing
                           : Xapian::Query(Xapian::Query::OP_OR, holders.begin(), holders.end());
  }
  if (query.get_type() == Xapian::Query::OP_PHRASE || query.get_type() == Xapian::Query::OP_NEAR) {
    return query;  // Xapian's positions: name and bio only
  }
  std::vector<Xapian::Query> resolved;
  for (size_t i = 0; i < children; ++i) {
    resolved.push_back(WithPhrasesResolved(query.get_subquery(i), db, texts));
  }
  return Xapian::Query(query.get_type(), resolved.begin(), resolved.end());
}

TEST_CASE("with phrase holders a phrase matches every document one of whose texts holds it") {
  // The sample, and a small index whose bios name concepts in one form only
  // ("Short-term CBT" holds "cognitive behavioral therapy" through its concept).
  for (const std::string& data_dir :
       {SampleIndex().data_dir(), FixtureIndex("query-small.ndjson").data_dir()}) {
    CAPTURE(data_dir);
    Xapian::Database db(data_dir + "/index");
    const uint32_t bound = db.get_lastdocid() + 1;
    auto all = std::make_shared<const DocSet>(DocSet::Full(bound));
    DocSet every_third(bound);
    for (uint32_t docid = 1; docid < bound; docid += 3) every_third.Insert(docid);
    auto some = std::make_shared<const DocSet>(every_third);
    const std::shared_ptr<const FacetStore> store = FacetStore::Build(db).value();
    const VocabularyPhrases phrases(ShippedVocabulary());
    const PhraseHolders holders{phrases, *store};
    const auto texts = DocumentTexts(db);
    for (const std::string q : {"\"eye movement\"",
                                "\"eating disorders\"",
                                "\"cognitive behavioral therapy\"",
                                "\"anxiety and depression\"",
                                "\"trauma trauma\"",
                                "\"disorders eating\"",
                                "\"panic attacks\" teens",
                                "\"eating disorders\" OR grief",
                                "grief NOT \"eye movement\"",
                                "name:\"maria alvarez\"",
                                "\"eating zzzunknownword\"",
                                "\"Eating Disorder\"",
                                "\"behavioral therapy\" \"eye movement\"",
                                "\"cognitive behavioral\" modality:emdr",
                                "\"therapy for\"",
                                "anxiety NEAR depression",
                                "\"cognitive behavioral therapy\" anxiety",
                                "\"panic disorder\"",
                                "\"substance use\"",
                                "\"racing thoughts\"",
                                "\"disordered eating\"",
                                "\"short term\""}) {
      CAPTURE(q);
      const ParsedText parsed = ParseText(q, db);
      REQUIRE_FALSE(parsed.query.empty());
      const Xapian::Query oracle = WithPhrasesResolved(parsed.query, db, texts);
      for (const auto& within : {all, some}) {
        const DocSet expected = XapianMatches(db, oracle, *within);
        const DocSet actual = MatchSet(db, parsed.query, within, nullptr, &holders);
        CHECK(actual.Count() == expected.Count());
        CHECK(actual.words() == expected.words());
      }
    }
  }
}

}  // namespace
}  // namespace rapport::testing
