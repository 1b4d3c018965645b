// StemmedText and CachingStemmer against Xapian's own TermGenerator and Stem:
// the rebuild's shortcuts must give the very terms, wdf, positions and stems
// that the plain calls give.
#include "stemmed_text.h"

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include "caching_stemmer.h"
#include "test_support.h"

namespace rapport {
namespace {

constexpr Xapian::termpos kStart = 37;  // as if a name had been indexed before

// Every bio of the shipped sample profiles, and texts that exercise the
// tokeniser's corners.
std::vector<std::string> Texts() {
  std::vector<std::string> texts = {
      "",
      "Grief grief GRIEF, griefs and grieving.",
      "Don't over-think it: co-parenting, 12-step, 3rd-party & 24/7 care; e-mail me.",
      "Café naïve Zürich ÉCOLE straße Øresund — “quoted” words…",
      "zebra Zoe zz Zz 42 x86_64 C++ C# a.b.c U.S.A. state-of-the-art",
      std::string(70, 'w') + " long words are skipped " + std::string(65, 'q'),
      "日本語のテキスト and 한국어 mixed with English",
  };
  std::istringstream lines(testing::ReadFile(testing::SourcePath("data/sample/profiles.ndjson")));
  for (std::string line; std::getline(lines, line);) {
    rapidjson::Document profile;
    profile.Parse(line.c_str());
    REQUIRE(profile.IsObject());
    if (profile.HasMember("bio")) texts.push_back(profile["bio"].GetString());
  }
  REQUIRE(texts.size() > 1000);
  return texts;
}

// "term wdf pos pos ..." per term.
std::vector<std::string> Postings(const Xapian::Document& document) {
  std::vector<std::string> postings;
  for (auto term = document.termlist_begin(); term != document.termlist_end(); ++term) {
    std::string line = *term + " " + std::to_string(term.get_wdf());
    for (auto pos = term.positionlist_begin(); pos != term.positionlist_end(); ++pos) {
      line += " " + std::to_string(*pos);
    }
    postings.push_back(line);
  }
  return postings;
}

Xapian::TermGenerator Generator(const Xapian::Stem& stemmer,
                                Xapian::TermGenerator::stem_strategy strategy) {
  Xapian::TermGenerator generator;
  generator.set_stemmer(stemmer);
  generator.set_stemming_strategy(strategy);
  return generator;
}

// What TermGenerator with STEM_ALL_Z gives for `text` from position kStart:
// the stems, plus the field copy when `copy` names one. Returns the position
// after the text.
Xapian::termpos ReferenceIndex(const std::string& text, Xapian::termcount wdf,
                               const FieldCopy& copy, Xapian::Document& document) {
  Xapian::TermGenerator reference =
      Generator(Xapian::Stem("en"), Xapian::TermGenerator::STEM_ALL_Z);
  reference.set_document(document);
  if (!copy.prefix.empty()) {
    reference.set_termpos(kStart);
    const std::string prefix(copy.prefix);
    if (copy.positions == FieldCopy::kWithPositions) {
      reference.index_text(text, wdf, prefix);
    } else {
      reference.index_text_without_positions(text, wdf, prefix);
    }
  }
  reference.set_termpos(kStart);
  reference.index_text(text, wdf);
  return reference.get_termpos();
}

// The unstemmed words STEM_SOME indexes next to its Z-stems, each once.
std::vector<std::string> ReferenceWords(const std::string& text) {
  Xapian::Document document;
  Xapian::TermGenerator generator = Generator(Xapian::Stem("en"), Xapian::TermGenerator::STEM_SOME);
  generator.set_document(document);
  generator.index_text(text);
  std::vector<std::string> words;
  for (auto term = document.termlist_begin(); term != document.termlist_end(); ++term) {
    if ((*term)[0] != 'Z') words.push_back(*term);
  }
  return words;
}

TEST_CASE("stemmed text gives TermGenerator's STEM_ALL_Z terms and the unstemmed words") {
  StemmedText stemmed(CachedEnglishStemmer());
  const FieldCopy copies[] = {
      {}, {"N", FieldCopy::kWithPositions}, {"B", FieldCopy::kWithoutPositions}};
  for (const std::string& text : Texts()) {
    CAPTURE(text);
    const std::vector<std::string> expected_words = ReferenceWords(text);
    for (const FieldCopy& copy : copies) {
      for (const Xapian::termcount wdf : {1u, 3u}) {
        Xapian::Document expected, actual;
        const Xapian::termpos expected_end = ReferenceIndex(text, wdf, copy, expected);
        std::vector<std::string> words;
        const Xapian::termpos end = stemmed.Index(actual, kStart, text, wdf, copy, words);
        REQUIRE(Postings(actual) == Postings(expected));
        REQUIRE(end == expected_end);
        std::sort(words.begin(), words.end());
        REQUIRE(words == expected_words);
      }
    }
  }
}

TEST_CASE("the caching stemmer gives Xapian's English stems and bounds its memo") {
  const Xapian::Stem plain("en");
  auto* memo = new CachingStemmer(/*max_words=*/50);
  const Xapian::Stem cached(memo);  // owns memo
  std::vector<std::string> words;
  for (const std::string& text : Texts()) {
    std::istringstream split(text);
    for (std::string word; split >> word;) words.push_back(Xapian::Unicode::tolower(word));
  }
  REQUIRE(words.size() > 10000);
  for (int pass = 0; pass < 2; ++pass) {  // the second pass reads the memo
    for (const std::string& word : words) REQUIRE(cached(word) == plain(word));
  }
  CHECK(memo->CachedWords() == 50);
  CHECK(cached.get_description().find("english") != std::string::npos);
}

}  // namespace
}  // namespace rapport
