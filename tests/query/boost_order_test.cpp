// The order of searches without text (TopDocs with relevance, and the
// best-first walk of BoostOrder): the documents with the most boost, ties by
// docid — checked against sorting every document of the set, on the shipped
// sample index, with and without boost bounds (which let it skip documents),
// for sets of different mixes.
#include <doctest/doctest.h>

#include <algorithm>

#include "boost_order.h"
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

// Sets of different mixes of boosts over `store`'s documents.
struct TestSets {
  DocSet not_accepting, few_accepting, every_fifth, three;
};

TestSets MakeTestSets(const FacetStore& store) {
  const TermSet* accepting = store.Term("XAtrue");
  REQUIRE(accepting != nullptr);
  TestSets sets;
  sets.not_accepting = store.live();
  sets.not_accepting.Subtract(accepting->ToDocSet(store.bound()));
  sets.few_accepting = sets.not_accepting;  // two accepting documents among the others
  int added = 0;
  store.live().ForEach([&](uint32_t docid) {
    if (added < 2 && accepting->Contains(docid)) {
      sets.few_accepting.Insert(docid);
      ++added;
    }
  });
  sets.every_fifth = DocSet(store.bound());
  store.live().ForEach([&](uint32_t docid) {
    if (docid % 5 == 0) sets.every_fifth.Insert(docid);
  });
  sets.three = DocSet(store.bound());
  for (uint32_t docid : {7U, 700U, 1400U}) sets.three.Insert(docid);
  return sets;
}

TEST_CASE("searches without text are ordered by boost, as a full sort would") {
  Xapian::Database db(SampleIndex().data_dir() + "/index");
  auto store = FacetStore::Build(db).value();
  const RankingConfig config;
  const Booster plain(*store, config, kNow);
  const Booster bounded(*store, config, kNow,
                        std::make_shared<const BoostBounds>(*store, config, kNow - 40 * 86400));
  const TestSets sets = MakeTestSets(*store);
  for (const DocSet* docs : std::vector<const DocSet*>{&store->live(), &sets.not_accepting,
                                                       &sets.few_accepting, &sets.every_fifth}) {
    for (size_t count : {1, 20, 500}) {
      CAPTURE(count);
      const auto expected = SortedByBoost(*docs, plain, count);
      CHECK(TopDocs(*docs, SortOrder::kRelevance, count, *store, plain, std::nullopt) == expected);
      CHECK(TopDocs(*docs, SortOrder::kRelevance, count, *store, bounded, std::nullopt) ==
            expected);
    }
  }
}

TEST_CASE("the walk along the boost order finds the page a full sort finds") {
  Xapian::Database db(SampleIndex().data_dir() + "/index");
  auto store = FacetStore::Build(db).value();
  const RankingConfig config;
  const TestSets sets = MakeTestSets(*store);
  // Bounds from a day, 40 days and 300 days before: the longer ago, the more
  // the order of the bounds differs from that of the boosts now (the two dates
  // decay at different rates).
  for (int64_t days_before : {1, 40, 300}) {
    CAPTURE(days_before);
    auto bounds = std::make_shared<const BoostBounds>(*store, config, kNow - days_before * 86400);
    const Booster booster(*store, config, kNow, bounds);
    const BoostOrder order(*bounds, store->bound());
    REQUIRE(order.docids().size() == store->bound() - 1);
    for (const DocSet* docs :
         std::vector<const DocSet*>{&store->live(), &sets.not_accepting, &sets.few_accepting,
                                    &sets.every_fifth, &sets.three}) {
      for (size_t count : {1, 20, 500}) {
        CAPTURE(count);
        const auto walked = TopByBoost(*docs, count, booster, order, store->bound());
        REQUIRE(walked.has_value());
        CHECK(*walked == SortedByBoost(*docs, booster, count));
      }
    }
    // A walk longer than allowed gives up rather than answer wrongly.
    CHECK_FALSE(TopByBoost(sets.three, 3, booster, order, 2).has_value());
  }
}

TEST_CASE("the boost order of a revision made from the previous one equals one made afresh") {
  Xapian::Database db(SampleIndex().data_dir() + "/index");
  auto store = FacetStore::Build(db).value();
  const RankingConfig config;
  const int64_t earlier = kNow - 40 * 86400;
  const BoostBounds old_bounds(*store, config, earlier);
  const BoostOrder old_order(old_bounds, store->bound());
  // Docids whose bounds the next revision recomputes (30 days later, so they
  // move down the order), among them the first and the last.
  std::vector<uint32_t> changed;
  for (uint32_t docid = 1; docid < store->bound(); docid += 37) changed.push_back(docid);
  changed.push_back(store->bound() - 1);
  const BoostBounds new_bounds(old_bounds, *store, config, kNow, changed);
  const BoostOrder updated(old_order, new_bounds, store->bound(), changed);
  CHECK(updated.docids() == BoostOrder(new_bounds, store->bound()).docids());
  // A later revision with more docids adds them in their places.
  const uint32_t smaller = store->bound() / 2;
  const BoostOrder half(old_bounds, smaller);
  CHECK(BoostOrder(half, old_bounds, store->bound(), {}).docids() == old_order.docids());
}

}  // namespace
}  // namespace rapport::testing
