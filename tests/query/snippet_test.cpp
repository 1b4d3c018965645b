// Snippet: which words are marked (stems, phrases, not what a NOT excludes,
// letters beyond ASCII), which stretch of the bio is shown and where "…"
// goes, escaping, and, over the sample's bios, that the excerpts mark every
// query word Xapian's own MSet::snippet marks, stay within their length and
// quote the bio.
#include "snippet.h"

#include <doctest/doctest.h>

#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <rapidjson/document.h>

#include "query_fixture.h"
#include "text_query.h"

namespace rapport::testing {
namespace {

const Xapian::Database& SampleDb() {
  static const Xapian::Database db(SampleIndex().data_dir() + "/index");
  return db;
}

std::string Snip(const std::string& q, const std::string& bio) {
  return SnippetMaker(ParseText(q, SampleDb()).query, SampleDb()).Make(bio);
}

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

// The marked words, lower-case.
std::multiset<std::string> Marked(const std::string& snippet) {
  static const std::regex mark("<mark>([^<]*)</mark>");
  std::multiset<std::string> words;
  for (std::sregex_iterator it(snippet.begin(), snippet.end(), mark), end; it != end; ++it) {
    std::string word = (*it)[1];
    for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    words.insert(word);
  }
  return words;
}

// What a reader sees: no marks, entities decoded, without the "…" at either end.
std::string Visible(std::string snippet) {
  snippet = std::regex_replace(snippet, std::regex("</?mark>"), "");
  for (const auto& [entity, text] : std::vector<std::pair<std::string, std::string>>{
           {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}}) {
    snippet = std::regex_replace(snippet, std::regex(entity), text);
  }
  const std::string omitted = "…";
  if (snippet.rfind(omitted, 0) == 0) snippet.erase(0, omitted.size());
  if (snippet.size() >= omitted.size() &&
      snippet.compare(snippet.size() - omitted.size(), omitted.size(), omitted) == 0) {
    snippet.erase(snippet.size() - omitted.size());
  }
  return snippet;
}

std::string Filler(int sentences) {
  std::string text;
  for (int i = 0; i < sentences; ++i) text += "We meet weekly and set goals together. ";
  return text;
}

TEST_CASE("a short bio is shown whole, its matched words marked, stems and case alike") {
  const std::string bio =
      "I work with adults. Many of my clients live with anxiety and panic. I also see couples.";
  CHECK(Snip("anxiety", bio) ==
        "I work with adults. Many of my clients live with "
        "<mark>anxiety</mark> and panic. I also see couples.");
  CHECK(Snip("couple", "Couples and couple work.") ==
        "<mark>Couples</mark> and <mark>couple</mark> work.");
  CHECK(Snip("adults panic", bio) ==
        "I work with <mark>adults</mark>. Many of my clients live "
        "with anxiety and <mark>panic</mark>. I also see couples.");
}

TEST_CASE("a match deep in a long bio is shown from its sentence, \"…\" where text is left out") {
  const std::string bio = Filler(12) + "Lately my practice has grown around grief after loss, " +
                          "which I have studied for years. " + Filler(12);
  const std::string snippet = Snip("grief", bio);
  CAPTURE(snippet);
  CHECK(snippet.rfind("Lately my practice has grown around <mark>grief</mark> after loss", 0) == 0);
  CHECK(snippet.size() >= 3);
  CHECK(snippet.compare(snippet.size() - 3, 3, "…") == 0);
  CHECK(Visible(snippet).size() <= kSnippetBytes);

  // A sentence too long to show from its start: a few words before the match.
  std::string long_sentence = "I help people ";
  for (int i = 0; i < 30; ++i) long_sentence += "slowly ";
  const std::string late = long_sentence + "face their grief and then move on. " + Filler(5);
  const std::string cut = Snip("grief", late);
  CAPTURE(cut);
  CHECK(cut.rfind("…", 0) == 0);
  CHECK(cut.find("slowly face their <mark>grief</mark>") != std::string::npos);
  CHECK(Visible(cut).size() <= kSnippetBytes);
  CHECK(late.find(Visible(cut)) != std::string::npos);
}

TEST_CASE("the stretch with more of the query's words wins over one word repeated") {
  const std::string bio = "Trauma work, trauma recovery. " + Filler(8) +
                          "Grief and trauma are what I know best. " + Filler(8);
  const std::string snippet = Snip("trauma grief", bio);
  CAPTURE(snippet);
  CHECK(Marked(snippet) == std::multiset<std::string>{"grief", "trauma"});
}

TEST_CASE("a quoted phrase is marked whole, its words alone are not") {
  const std::string bio = "Depression is common. I specialise in postpartum depression and birth.";
  CHECK(Snip("\"postpartum depression\"", bio) ==
        "Depression is common. I specialise in <mark>postpartum depression</mark> and birth.");
  CHECK(Marked(Snip("\"depressed postpartum\"", bio)).empty());  // in another order
}

TEST_CASE("words a NOT excludes are not marked") {
  const std::string snippet = Snip("anxiety NOT panic", "Anxiety, panic and worry.");
  CHECK(Marked(snippet) == std::multiset<std::string>{"anxiety"});
}

TEST_CASE("escaping, letters beyond ASCII and curly apostrophes") {
  const std::string bio = "Terapia en español: ansiedad & <b>depresión</b>. Don’t wait.";
  const std::string snippet = Snip("depresión", bio);
  CAPTURE(snippet);
  CHECK(snippet.find("<mark>depresión</mark>") != std::string::npos);
  CHECK(snippet.find("&amp; &lt;b&gt;") != std::string::npos);
  CHECK(snippet.find("<b>") == std::string::npos);
  CHECK(Marked(Snip("wait", bio)) == std::multiset<std::string>{"wait"});
  CHECK(Snip("t", "Don’t wait.").find("<mark>") == std::string::npos);  // one word, not two
}

TEST_CASE("without a text query, or a match in the bio, the snippet is the bio's opening") {
  const std::string bio = Filler(10);
  const std::string opening = SnippetMaker().Make(bio);
  CHECK(opening.rfind("We meet weekly", 0) == 0);
  CHECK(opening.find("<mark>") == std::string::npos);
  CHECK(Snip("anxiety", bio) == opening);
  CHECK(Snip("", bio) == opening);
  CHECK(SnippetMaker().Make("") == "");
}

TEST_CASE("over the sample, excerpts mark every query word Xapian's snippets mark") {
  const std::vector<std::string> bios = SampleBios(60);
  REQUIRE(bios.size() == 60);
  long ours = 0;
  long xapians = 0;
  for (const char* q : {"anxiety", "grieving families", "couples counseling", "trauma therapy",
                        "\"family therapy\"", "depression anxiety teens", "bio:grief"}) {
    CAPTURE(q);
    const Xapian::Query query = ParseText(q, SampleDb()).query;
    Xapian::Enquire enquire(SampleDb());
    enquire.set_query(query);
    const Xapian::MSet mset = enquire.get_mset(0, 10);
    const SnippetMaker maker(query, SampleDb());
    for (const std::string& bio : bios) {
      const std::string snippet = maker.Make(bio);
      CAPTURE(snippet);
      const std::string theirs =
          mset.snippet(bio, kSnippetBytes, Xapian::Stem("english"),
                       Xapian::MSet::SNIPPET_EXHAUSTIVE, "<mark>", "</mark>", "…");
      const auto marked = Marked(snippet);
      const std::set<std::string> distinct(marked.begin(), marked.end());
      const auto their_marked = Marked(theirs);
      const std::set<std::string> their_distinct(their_marked.begin(), their_marked.end());
      ours += static_cast<long>(distinct.size());
      xapians += static_cast<long>(their_distinct.size());
      CHECK(distinct.size() >= their_distinct.size());
      CHECK(Visible(snippet).size() <= kSnippetBytes + 3);  // + the sentence's "." or "?!"
      CHECK(bio.find(Visible(snippet)) != std::string::npos);
    }
    // Another thread, with a stem memo of its own, gives the same excerpts.
    std::vector<std::string> other(bios.size());
    std::thread([&] {
      for (size_t i = 0; i < bios.size(); ++i) other[i] = maker.Make(bios[i]);
    }).join();
    for (size_t i = 0; i < bios.size(); ++i) CHECK(other[i] == maker.Make(bios[i]));
  }
  CHECK(xapians > 40);  // the queries do mark words in these bios
  CHECK(ours >= xapians);
}

}  // namespace
}  // namespace rapport::testing
