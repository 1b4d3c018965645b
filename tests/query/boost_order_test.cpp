// The order of searches without text (TopDocs with relevance): the documents
// with the most boost, ties by docid — checked against sorting every
// document of the set, on the shipped sample index, with and without boost
// bounds (which let it skip documents), for sets of different mixes.
#include <doctest/doctest.h>

#include <algorithm>

#include "query_fixture.h"
#include "ranking.h"

namespace rapport::testing {
namespace {

constexpr int64_t kNow = 1795000000;  // 2026-11-18

std::vector<uint32_t> SortedByBoost(const DocSet& docs, const Booster& booster, size_t count) {
  std::vector<std::pair<double, uint32_t>> all;
  docs.ForEach([&](uint32_t docid) { all.emplace_back(-booster.Boost(docid), docid); });
  std::sort(all.begin(), all.end());
  std::vector<uint32_t> top;
  for (size_t i = 0; i < std::min(count, all.size()); ++i) top.push_back(all[i].second);
  return top;
}

TEST_CASE("searches without text are ordered by boost, as a full sort would") {
  Xapian::Database db(SampleIndex().data_dir() + "/index");
  auto store = FacetStore::Build(db).value();
  const RankingConfig config;
  const Booster plain(*store, config, kNow);
  const Booster bounded(*store, config, kNow,
                        std::make_shared<const BoostBounds>(*store, config, kNow - 40 * 86400));
  const TermSet* accepting = store->Term("XAtrue");
  REQUIRE(accepting != nullptr);

  DocSet not_accepting = store->live();
  not_accepting.Subtract(accepting->ToDocSet(store->bound()));
  DocSet few_accepting = not_accepting;  // two accepting documents among the others
  int added = 0;
  store->live().ForEach([&](uint32_t docid) {
    if (added < 2 && accepting->Contains(docid)) {
      few_accepting.Insert(docid);
      ++added;
    }
  });
  DocSet every_fifth(store->bound());
  store->live().ForEach([&](uint32_t docid) {
    if (docid % 5 == 0) every_fifth.Insert(docid);
  });
  for (const DocSet* docs :
       std::vector<const DocSet*>{&store->live(), &not_accepting, &few_accepting, &every_fifth}) {
    for (size_t count : {1, 20, 500}) {
      CAPTURE(count);
      const auto expected = SortedByBoost(*docs, plain, count);
      CHECK(TopDocs(*docs, SortOrder::kRelevance, count, *store, plain, std::nullopt) == expected);
      CHECK(TopDocs(*docs, SortOrder::kRelevance, count, *store, bounded, std::nullopt) ==
            expected);
    }
  }
}

}  // namespace
}  // namespace rapport::testing
