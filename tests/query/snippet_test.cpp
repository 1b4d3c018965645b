// Snippet: the excerpts marked through each thread's stem memo are, byte for
// byte, the ones Xapian marks with its plain English stemmer, on the sample's
// bios and queries, the first time a word is met and from the memo after.
#include "snippet.h"

#include <doctest/doctest.h>

#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <rapidjson/document.h>

#include "query_fixture.h"
#include "text_query.h"

namespace rapport::testing {
namespace {

std::vector<std::string> SampleBios(size_t count) {
  std::ifstream in(std::string(RAPPORT_SOURCE_DIR) + "/data/sample/profiles.ndjson");
  std::vector<std::string> bios;
  std::string line;
  while (bios.size() < count && std::getline(in, line)) {
    rapidjson::Document profile;
    profile.Parse(line.c_str());
    if (profile.IsObject() && profile.HasMember("bio") && profile["bio"].IsString()) {
      bios.emplace_back(profile["bio"].GetString());
    }
  }
  return bios;
}

std::string PlainSnippet(const Xapian::MSet& mset, const std::string& bio) {
  return mset.snippet(bio, kSnippetBytes, Xapian::Stem("english"), kSnippetFlags, "<mark>",
                      "</mark>", "…");
}

TEST_CASE("snippets through the stem memo equal Xapian's with its plain stemmer") {
  Xapian::Database db(SampleIndex().data_dir() + "/index");
  const std::vector<std::string> bios = SampleBios(40);
  REQUIRE(bios.size() == 40);
  long marked = 0;
  for (const char* q : {"anxiety", "grieving families", "couples counseling", "trauma therapy"}) {
    CAPTURE(q);
    Xapian::Enquire enquire(db);
    enquire.set_query(ParseText(q, db).query);
    const Xapian::MSet mset = enquire.get_mset(0, 10);
    for (const std::string& bio : bios) {
      const std::string expected = PlainSnippet(mset, bio);
      CHECK(MakeSnippet(&mset, bio) == expected);  // words stemmed, then remembered
      CHECK(MakeSnippet(&mset, bio) == expected);  // every word from the memo
      if (expected.find("<mark>") != std::string::npos) ++marked;
    }
    // Another thread has a memo of its own, and gives the same excerpts.
    std::vector<std::string> other(bios.size());
    std::thread([&] {
      for (size_t i = 0; i < bios.size(); ++i) other[i] = MakeSnippet(&mset, bios[i]);
    }).join();
    for (size_t i = 0; i < bios.size(); ++i) CHECK(other[i] == PlainSnippet(mset, bios[i]));
  }
  CHECK(marked > 10);  // the queries do mark words in these bios
}

}  // namespace
}  // namespace rapport::testing
