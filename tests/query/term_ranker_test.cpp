// TermRanker: the in-memory BM25 + boost ranking of plain word queries gives
// Xapian's matcher's order and scores for the same query ANDed with the boost
// posting source, on the shipped sample index; other query shapes are left to
// Xapian; the best-first walk of the boost order finds what the scan finds.
// Also checks the inputs it relies on: the FacetStore's document
// lengths and the table-based freshness decay.
#include "term_ranker.h"

#include <doctest/doctest.h>

#include <cmath>
#include <memory>

#include "boost_order.h"
#include "match_set.h"
#include "posting_cache.h"
#include "query_fixture.h"
#include "text_query.h"

namespace rapport::testing {
namespace {

constexpr int64_t kNow = 1795000000;  // 2026-11-18, a fixed "now" for the boost
constexpr size_t kTop = 30;

std::vector<ScoredDoc> XapianRanking(Xapian::Database& db, const Xapian::Query& text,
                                     const std::shared_ptr<const DocSet>& within,
                                     const std::shared_ptr<const Booster>& booster) {
  auto* source = new BoostPostingSource(within, booster);
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_AND, text, Xapian::Query(source->release())));
  const Xapian::MSet mset = enquire.get_mset(0, kTop);
  std::vector<ScoredDoc> ranked;
  for (auto it = mset.begin(); it != mset.end(); ++it) ranked.push_back({*it, it.get_weight()});
  return ranked;
}

struct SampleRanking {
  SampleRanking()
      : db(SampleIndex().data_dir() + "/index"),
        store(FacetStore::Build(db).value()),
        booster(std::make_shared<const Booster>(*store, config, kNow)) {}
  Xapian::Database db;
  std::shared_ptr<const FacetStore> store;
  RankingConfig config;
  std::shared_ptr<const Booster> booster;
};

// The live documents whose docid is `remainder` modulo `modulus`.
DocSet LiveWhere(const FacetStore& store, uint32_t modulus, uint32_t remainder) {
  DocSet docs = DocSet::Where(store.bound(), [&](uint32_t d) { return d % modulus == remainder; });
  docs.IntersectWith(store.live());
  return docs;
}

TEST_CASE("plain word queries rank exactly as Xapian's matcher with the boost source") {
  SampleRanking sample;
  auto all = std::make_shared<const DocSet>(sample.store->live());
  auto some = std::make_shared<const DocSet>(LiveWhere(*sample.store, 3, 0));
  for (const std::string q : {"anxiety", "couples teens", "trauma emdr grief", "cbt", "name:maria",
                              "depression adolescents", "Spanish", "zzzunknownword",
                              "anxiety anxiety", "family teens family"}) {
    CAPTURE(q);
    const ParsedText parsed = ParseText(q, sample.db);
    REQUIRE_FALSE(parsed.query.empty());
    for (const auto& within : {all, some}) {
      const auto expected = XapianRanking(sample.db, parsed.query, within, sample.booster);
      const auto actual = RankPlainTerms(sample.db, parsed.query, {within.get()}, *sample.store,
                                         *sample.booster, kTop);
      REQUIRE(actual.has_value());
      REQUIRE(actual->size() == expected.size());
      for (size_t i = 0; i < expected.size(); ++i) {
        CAPTURE(i);
        CHECK((*actual)[i].score == doctest::Approx(expected[i].score).epsilon(1e-9));
        // Summation order may differ in the last bit: docids must agree
        // wherever the score is not tied with a neighbour.
        const bool tied =
            (i > 0 && std::abs(expected[i].score - expected[i - 1].score) < 1e-9) ||
            (i + 1 < expected.size() && std::abs(expected[i].score - expected[i + 1].score) < 1e-9);
        if (!tied) CHECK((*actual)[i].docid == expected[i].docid);
      }
    }
  }
}

TEST_CASE("one pass gives the match set and the ranking of the narrower set") {
  SampleRanking sample;
  auto all = std::make_shared<const DocSet>(sample.store->live());
  const DocSet odd = LiveWhere(*sample.store, 2, 1);
  for (const std::string q : {"anxiety", "couples teens", "name:maria"}) {
    CAPTURE(q);
    const ParsedText parsed = ParseText(q, sample.db);
    DocSet matched(sample.store->bound());
    const auto one_pass = RankPlainTerms(sample.db, parsed.query, {all.get(), &odd, &matched},
                                         *sample.store, *sample.booster, kTop);
    REQUIRE(one_pass.has_value());
    CHECK(matched.words() == MatchSet(sample.db, parsed.query, all).words());
    DocSet odd_matches = matched;
    odd_matches.IntersectWith(odd);
    const auto separately = RankPlainTerms(sample.db, parsed.query, {&odd_matches}, *sample.store,
                                           *sample.booster, kTop);
    REQUIRE(separately.has_value());
    REQUIRE(one_pass->size() == separately->size());
    for (size_t i = 0; i < one_pass->size(); ++i) {
      CHECK((*one_pass)[i].docid == (*separately)[i].docid);
      CHECK((*one_pass)[i].docid % 2 == 1);
    }
  }
}

TEST_CASE("a phrase or NEAR over documents known to match it ranks as Xapian ranks it") {
  SampleRanking sample;
  auto all = std::make_shared<const DocSet>(sample.store->live());
  for (const std::string q : {"\"eye movement\"", "\"eating disorders\"",
                              "\"cognitive behavioral\"", "eating NEAR disorders"}) {
    CAPTURE(q);
    const ParsedText parsed = ParseText(q, sample.db);
    REQUIRE((parsed.query.get_type() == Xapian::Query::OP_PHRASE ||
             parsed.query.get_type() == Xapian::Query::OP_NEAR));
    auto phrase_matches = std::make_shared<const DocSet>(MatchSet(sample.db, parsed.query, all));
    REQUIRE(phrase_matches->Count() > 0);
    const auto expected = XapianRanking(sample.db, parsed.query, phrase_matches, sample.booster);
    CHECK_FALSE(RankPlainTerms(sample.db, parsed.query, {phrase_matches.get()}, *sample.store,
                               *sample.booster, kTop)
                    .has_value());
    RankScope known_matches;
    known_matches.within = phrase_matches.get();
    known_matches.within_kind = WithinKind::kAllMatch;
    const auto actual = RankPlainTerms(sample.db, parsed.query, known_matches, *sample.store,
                                       *sample.booster, kTop);
    REQUIRE(actual.has_value());
    REQUIRE(actual->size() == expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
      CHECK((*actual)[i].score == doctest::Approx(expected[i].score).epsilon(1e-9));
    }
  }
}

TEST_CASE("boost bounds computed earlier bound every later boost and change no ranking") {
  SampleRanking sample;
  constexpr int64_t kDay = 86400;
  auto bounds = std::make_shared<const BoostBounds>(*sample.store, sample.config, kNow - 40 * kDay);
  const Booster bounded(*sample.store, sample.config, kNow, bounds);
  long tighter = 0;
  sample.store->live().ForEach([&](uint32_t docid) {
    CHECK(bounded.UpperBound(docid) >= bounded.Boost(docid));
    if (bounded.UpperBound(docid) < bounded.MaxBoost()) ++tighter;
  });
  CHECK(tighter > 0);
  auto all = std::make_shared<const DocSet>(sample.store->live());
  for (const std::string q : {"anxiety", "couples teens", "depression"}) {
    CAPTURE(q);
    const ParsedText parsed = ParseText(q, sample.db);
    const auto with_bounds =
        RankPlainTerms(sample.db, parsed.query, {all.get()}, *sample.store, bounded, kTop);
    const auto without =
        RankPlainTerms(sample.db, parsed.query, {all.get()}, *sample.store, *sample.booster, kTop);
    REQUIRE(with_bounds.has_value());
    REQUIRE(with_bounds->size() == without->size());
    for (size_t i = 0; i < without->size(); ++i) {
      CHECK((*with_bounds)[i].docid == (*without)[i].docid);
      CHECK((*with_bounds)[i].score == (*without)[i].score);
    }
  }
}

TEST_CASE("the best-first walk of the boost order ranks and matches exactly as the scan") {
  SampleRanking sample;
  constexpr int64_t kDay = 86400;
  auto bounds = std::make_shared<const BoostBounds>(*sample.store, sample.config, kNow - 3 * kDay);
  const Booster bounded(*sample.store, sample.config, kNow, bounds);
  const BoostOrder order(*bounds, sample.store->bound());
  PostingCache cache({0.001, size_t{64} << 20});
  auto all = std::make_shared<const DocSet>(sample.store->live());
  const DocSet third = LiveWhere(*sample.store, 3, 0);
  for (const std::string q : {"anxiety", "couples teens", "depression", "anxiety anxiety", "teens",
                              "trauma emdr grief"}) {
    for (const DocSet* rank_only : {static_cast<const DocSet*>(nullptr), &third}) {
      for (size_t count : {size_t{1}, size_t{20}, kTop, size_t{400}}) {
        CAPTURE(q);
        CAPTURE(count);
        CAPTURE(rank_only != nullptr);
        const ParsedText parsed = ParseText(q, sample.db);
        DocSet scanned_matches(sample.store->bound());
        DocSet walked_matches(sample.store->bound());
        RankScope scan{all.get(), rank_only, &scanned_matches};
        RankScope walk{all.get(), rank_only, &walked_matches};
        walk.cache = &cache;
        walk.order = &order;
        const auto scanned =
            RankPlainTerms(sample.db, parsed.query, scan, *sample.store, bounded, count);
        const auto walked =
            RankPlainTerms(sample.db, parsed.query, walk, *sample.store, bounded, count);
        REQUIRE(scanned.has_value());
        REQUIRE(walked.has_value());
        CHECK(walked_matches.words() == scanned_matches.words());
        REQUIRE(walked->size() == scanned->size());
        for (size_t i = 0; i < scanned->size(); ++i) {
          CAPTURE(i);
          CHECK((*walked)[i].docid == (*scanned)[i].docid);
          CHECK((*walked)[i].score == (*scanned)[i].score);
        }
      }
    }
  }
}

TEST_CASE("other query shapes are left to Xapian's matcher") {
  SampleRanking sample;
  for (const std::string q : {"anxiety OR grief", "family NOT couples", "\"eye movement\"",
                              "modality:emdr anxiety", "(anxiety OR grief) teens"}) {
    CAPTURE(q);
    const ParsedText parsed = ParseText(q, sample.db);
    REQUIRE_FALSE(parsed.query.empty());
    CHECK_FALSE(RankPlainTerms(sample.db, parsed.query, {&sample.store->live()}, *sample.store,
                               *sample.booster, kTop)
                    .has_value());
  }
}

TEST_CASE("the facet store holds every document's length as the index has it") {
  SampleRanking sample;
  long checked = 0;
  sample.store->live().ForEach([&](uint32_t docid) {
    CHECK(sample.store->doc_length(docid) == sample.db.get_doclength(docid));
    ++checked;
  });
  CHECK(checked == static_cast<long>(sample.db.get_doccount()));
}

TEST_CASE("the boost follows the documented formula with exact powers of two") {
  SampleRanking sample;
  const FacetStore& store = *sample.store;
  const RankingConfig& config = sample.config;
  auto decay = [](int64_t at, double half_life_days) {
    if (at == FacetStore::kNoTime) return 0.0;
    const double age_days = std::max(0.0, static_cast<double>(kNow - at) / 86400);
    return std::exp2(-age_days / half_life_days);
  };
  const TermSet* accepting = store.Term("XAtrue");
  REQUIRE(accepting != nullptr);
  long with_dates = 0;
  store.live().ForEach([&](uint32_t docid) {
    const double expected =
        (accepting->Contains(docid) ? config.accepting_boost : 0) +
        config.availability_boost *
            decay(store.availability_confirmed_at(docid), config.availability_half_life_days) +
        config.verified_boost * decay(store.verified_at(docid), config.verified_half_life_days);
    CHECK(sample.booster->Boost(docid) == doctest::Approx(expected).epsilon(1e-6));
    if (store.verified_at(docid) != FacetStore::kNoTime) ++with_dates;
  });
  CHECK(with_dates > 0);
}

}  // namespace
}  // namespace rapport::testing
