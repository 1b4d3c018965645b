// What a new index revision carries over from the previous one: the posting
// cache (lists patched for the documents the commits changed) and the boost
// bounds (recomputed for those documents). Checked on a copy of the sample
// index changed through Xapian: documents gain and lose a common word, one
// is deleted, one added, and some have their availability confirmed "now".
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "facet_store.h"
#include "index_layout.h"
#include "posting_cache.h"
#include "query_fixture.h"
#include "ranking.h"
#include "text_query.h"

namespace rapport::testing {
namespace {

constexpr int64_t kThen = 1795000000;     // 2026-11-18
constexpr int64_t kNow = kThen + 864000;  // ten days later

struct ChangedIndex {
  ChangedIndex() {
    std::filesystem::copy(SampleIndex().data_dir(), dir.path(),
                          std::filesystem::copy_options::recursive |
                              std::filesystem::copy_options::overwrite_existing);
    path = dir.path() + "/index";
  }
  TempDir dir;
  std::string path;
};

std::vector<uint32_t> Decoded(Xapian::Database& db, const std::string& term,
                              std::vector<uint32_t>* wdfs) {
  std::vector<uint32_t> docids;
  for (auto post = db.postlist_begin(term); post != db.postlist_end(term); ++post) {
    docids.push_back(*post);
    wdfs->push_back(post.get_wdf());
  }
  return docids;
}

TEST_CASE("a new revision's posting cache and boost bounds carry over, less what changed") {
  ChangedIndex index;
  Xapian::Database before(index.path);
  const std::string word = *ParseText("anxiety", before).query.get_terms_begin();
  const std::string other = *ParseText("depression", before).query.get_terms_begin();
  PostingCache first({0.001, size_t{64} << 20});
  REQUIRE(first.Get(before, word).get() != nullptr);
  REQUIRE(first.Get(before, other).get() != nullptr);
  auto store_before = FacetStore::Build(before).value();
  const RankingConfig config;
  const BoostBounds bounds_before(*store_before, config, kThen);

  std::vector<uint32_t> changed;
  {
    Xapian::WritableDatabase writer(index.path, Xapian::DB_OPEN);
    const std::vector<uint32_t> with_word = [&] {
      std::vector<uint32_t> ids;
      for (auto post = writer.postlist_begin(word); post != writer.postlist_end(word); ++post)
        ids.push_back(*post);
      return ids;
    }();
    REQUIRE(with_word.size() > 20);
    Xapian::Document lose = writer.get_document(with_word[3]);
    lose.remove_term(word);  // loses the word
    writer.replace_document(with_word[3], lose);
    changed.push_back(with_word[3]);
    writer.delete_document(with_word[10]);
    changed.push_back(with_word[10]);
    uint32_t gain_id = 1;
    while (std::binary_search(with_word.begin(), with_word.end(), gain_id)) ++gain_id;
    Xapian::Document gain = writer.get_document(gain_id);
    gain.add_term(word, 7);  // gains it
    gain.add_value(layout::kSlotAvailabilityConfirmedAt, Xapian::sortable_serialise(kNow));
    writer.replace_document(gain_id, gain);
    changed.push_back(gain_id);
    Xapian::Document added = writer.get_document(with_word[5]);
    changed.push_back(writer.add_document(added));  // a new docid with the word
    writer.commit();
  }
  std::sort(changed.begin(), changed.end());

  Xapian::Database after(index.path);
  PostingCache second(first, changed);
  for (const std::string& term : {word, other}) {
    CAPTURE(term);
    std::vector<uint32_t> want_wdfs;
    const auto want = Decoded(after, term, &want_wdfs);
    auto got = second.Get(after, term);
    REQUIRE(got.get() != nullptr);
    CHECK(got->docids == want);
    CHECK(got->wdfs == want_wdfs);
  }

  auto store_after = FacetStore::Build(after).value();
  const BoostBounds carried(bounds_before, *store_after, config, kNow, changed);
  const Booster now(*store_after, config, kNow);
  store_after->live().ForEach(
      [&](uint32_t docid) { CHECK(carried.Of(docid) >= now.Boost(docid)); });
  CHECK(carried.computed_at() == kNow);
}

}  // namespace
}  // namespace rapport::testing
