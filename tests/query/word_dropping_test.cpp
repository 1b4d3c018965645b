// word_dropping.h: which words of a query may be dropped, and the order the
// greedy choice drops them in. The counts here come from a small table of
// which words each "profile" uses, so every expectation can be worked out by
// hand; tests/web/dropped_words_test.cpp checks the same through the server.
#include "word_dropping.h"

#include <algorithm>
#include <map>
#include <set>

#include <doctest/doctest.h>

namespace rapport {
namespace {

using Words = std::vector<std::string>;

TEST_CASE("DroppableWords keeps the content words of plain queries only") {
  CHECK(DroppableWords("my wife cheated on me") == Words{"wife", "cheated"});
  CHECK(DroppableWords("Spanish speaking therapist") == Words{"spanish", "speaking"});
  CHECK(DroppableWords("can't sleep, can't eat") == Words{"can't", "sleep", "eat"});
  CHECK(DroppableWords("self-esteem issues") == Words{"self-esteem", "issues"});
  // One content word, or none: nothing to choose between.
  CHECK_FALSE(DroppableWords("anxiety therapist").has_value());
  CHECK_FALSE(DroppableWords("").has_value());
  // Structure the client typed on purpose.
  for (const char* q :
       {"\"panic attacks\" zebra", "modality:emdr trauma", "(grief loss)", "grief -loss",
        "grief +loss", "grief AND loss", "grief OR loss", "grief NOT loss", "grief NEAR loss"}) {
    CAPTURE(q);
    CHECK_FALSE(DroppableWords(q).has_value());
  }
  CHECK_FALSE(DroppableWords("one two three four five six seven eight nine").has_value());
}

// Profiles as the sets of words they use; a set of words finds the profiles
// that use every one.
struct Table {
  std::vector<std::set<std::string>> profiles;
  long Count(const Words& words) const {
    return std::count_if(profiles.begin(), profiles.end(), [&](const std::set<std::string>& p) {
      return std::all_of(words.begin(), words.end(),
                         [&](const std::string& w) { return p.count(w); });
    });
  }
};

DroppedWords Drop(const Table& table, const Words& words, long enough = 1) {
  return DropWords(
      words, enough, [&](const Words& kept) { return table.Count(kept); }, [] { return false; });
}

TEST_CASE("DropWords drops words that find nothing, then the least telling") {
  const Table table{
      {{"grief", "loss", "time"}, {"grief", "time"}, {"time", "work"}, {"time", "work"}, {"loss"}}};
  SUBCASE("a word in no profile goes first, whatever its place") {
    const DroppedWords d = Drop(table, {"zebra", "grief"});
    CHECK(d.kept == Words{"grief"});
    CHECK(d.dropped == Words{"zebra"});
    CHECK(d.count == 2);
  }
  SUBCASE("of two drops that find as much, the more common word goes") {
    // grief+work finds nothing; without grief: work (2), without work: grief (2).
    // "work" is used by 2 profiles and "grief" by 2: a tie, so the later word goes.
    const DroppedWords d = Drop(table, {"grief", "work"});
    CHECK(d.kept == Words{"grief"});
    CHECK(d.dropped == Words{"work"});
  }
  SUBCASE("the drop that finds the most wins over the common word") {
    // loss+work+grief finds nothing; without work: grief+loss (1); without
    // loss: grief+work (0); without grief: loss+work (0).
    const DroppedWords d = Drop(table, {"loss", "work", "grief"});
    CHECK(d.kept == Words{"loss", "grief"});
    CHECK(d.dropped == Words{"work"});
    CHECK(d.count == 1);
  }
  SUBCASE("it stops as soon as the rest finds enough") {
    const DroppedWords d = Drop(table, {"time", "grief", "work"}, 2);
    CHECK(d.count >= 2);
    CHECK(d.dropped.size() == 1);
  }
  SUBCASE("a query that already finds enough, or finds nothing at all, is left alone") {
    CHECK(Drop(table, {"grief", "time"}).dropped.empty());
    const DroppedWords none = Drop(table, {"zebra", "giraffe"});
    CHECK(none.dropped.empty());
    CHECK(none.kept == Words{"zebra", "giraffe"});
    CHECK(none.count == 0);
  }
}

}  // namespace
}  // namespace rapport
