// PostingCache: decoded postings (arrays, set, wdf lookup) equal the index's,
// rare words and words past the memory budget are not kept, and searches reading words from the
// cache find and rank exactly what they find and rank from the index.
#include "posting_cache.h"

#include <doctest/doctest.h>

#include <memory>

#include "match_set.h"
#include "query_fixture.h"
#include "term_ranker.h"
#include "text_query.h"

namespace rapport::testing {
namespace {

constexpr int64_t kNow = 1795000000;  // 2026-11-18

TEST_CASE(
    "decoded postings, their set and wdfs equal the index's, rare words and words past the budget "
    "are not kept") {
  Xapian::Database db(SampleIndex().data_dir() + "/index");
  const std::string common = *ParseText("anxiety", db).query.get_terms_begin();
  const std::string rare = *ParseText("name:maria", db).query.get_terms_begin();
  REQUIRE(db.get_termfreq(common) > db.get_doccount() / 10);
  REQUIRE(db.get_termfreq(rare) < db.get_doccount() / 100);

  PostingCache cache;
  auto postings = cache.Get(db, common);
  REQUIRE(postings.get() != nullptr);
  size_t i = 0;
  for (auto post = db.postlist_begin(common); post != db.postlist_end(common); ++post, ++i) {
    REQUIRE(i < postings->docids.size());
    CHECK(postings->docids[i] == *post);
    CHECK(postings->wdfs[i] == post.get_wdf());
  }
  CHECK(i == postings->docids.size());
  uint32_t max_wdf = 0;
  for (uint32_t docid = 1; docid <= db.get_lastdocid(); ++docid) {
    CAPTURE(docid);
    const Xapian::Document doc = db.get_document(docid);
    auto term = doc.termlist_begin();
    term.skip_to(common);
    const bool has = term != doc.termlist_end() && *term == common;
    CHECK(postings->members.Contains(docid) == has);
    CHECK(postings->WdfOf(docid) == (has ? term.get_wdf() : 0));
    if (has) max_wdf = std::max(max_wdf, term.get_wdf());
  }
  CHECK(postings->max_wdf == max_wdf);
  CHECK(cache.Get(db, common).get() == postings.get());  // decoded once, then shared
  CHECK(cache.Get(db, rare).get() == nullptr);
  CHECK(cache.Get(db, "Zzzznotaword").get() == nullptr);
  const size_t set_bytes = postings->members.words().size() * (8 + 4);  // bits and ranks
  CHECK(cache.MemoryBytes() == postings->docids.size() * 8 + set_bytes);

  PostingCache small({0.01, postings->docids.size() * 8});
  CHECK(small.Get(db, common).get() == nullptr);
  CHECK(small.MemoryBytes() == 0);
}

TEST_CASE("searches read from the cache match and rank as from the index") {
  Xapian::Database db(SampleIndex().data_dir() + "/index");
  auto store = FacetStore::Build(db).value();
  const RankingConfig config;
  const Booster booster(*store, config, kNow);
  auto all = std::make_shared<const DocSet>(store->live());
  DocSet every_third(store->bound());
  store->live().ForEach([&](uint32_t docid) {
    if (docid % 3 == 0) every_third.Insert(docid);
  });
  auto some = std::make_shared<const DocSet>(every_third);
  PostingCache cache({0.001, size_t{64} << 20});
  for (const std::string q : {"anxiety", "couples teens", "trauma emdr grief", "family NOT couples",
                              "(anxiety OR depression) teens", "name:maria anxiety"}) {
    CAPTURE(q);
    const ParsedText parsed = ParseText(q, db);
    for (const auto& within : {all, some}) {
      CHECK(MatchSet(db, parsed.query, within, &cache).words() ==
            MatchSet(db, parsed.query, within).words());
      RankScope cached_scope;
      cached_scope.within = within.get();
      cached_scope.cache = &cache;
      const auto cached = RankPlainTerms(db, parsed.query, cached_scope, *store, booster, 25);
      const auto uncached = RankPlainTerms(db, parsed.query, {within.get()}, *store, booster, 25);
      REQUIRE(cached.has_value() == uncached.has_value());
      if (!cached) continue;
      REQUIRE(cached->size() == uncached->size());
      for (size_t i = 0; i < cached->size(); ++i) {
        CHECK((*cached)[i].docid == (*uncached)[i].docid);
        CHECK((*cached)[i].score == (*uncached)[i].score);
      }
    }
  }
  CHECK(cache.MemoryBytes() > 0);
}

}  // namespace
}  // namespace rapport::testing
