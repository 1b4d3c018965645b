// PostingCache: the posting lists of common words, decoded once per index
// revision into arrays (docids and wdf), so that a search for a common word
// walks an array instead of decoding Xapian's compressed chunks through its
// iterator — most of a text search's time when a word is in a third of the
// documents. Owned by one IndexSnapshot, so a list it hands out is always
// the snapshot's revision: a new revision of the same index starts from the
// previous cache's lists and the docids its commits changed, and a list is
// brought up to date when first asked for, by re-reading only those
// documents (an edit commit no longer empties the cache). Only words in at
// least `min_share` of the documents are kept, up to a memory budget;
// others are read from the index as before. Each kept list also comes as a
// bitset, so an AND of common words is a word-wise AND (match_set.h). Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "doc_set.h"

namespace rapport {

struct DecodedPostings {
  std::vector<uint32_t> docids;  // ascending
  std::vector<uint32_t> wdfs;    // wdfs[i] is the term's wdf in docids[i]
  DocSet members;                // the docids as a set
  // ranks[w]: how many docids are below 64·w, so a member's place in
  // `docids` is one popcount away.
  std::vector<uint32_t> ranks;
  uint32_t max_wdf = 0;  // of wdfs

  // The term's wdf in `docid`, 0 when the document does not have it.
  uint32_t WdfOf(uint32_t docid) const {
    if (!members.Contains(docid)) return 0;
    const size_t word = docid >> kWordShift;
    const uint64_t below = members.words()[word] & ((uint64_t{1} << (docid & kBitMask)) - 1);
    return wdfs[ranks[word] + static_cast<uint32_t>(__builtin_popcountll(below))];
  }

 private:
  static constexpr unsigned kWordShift = 6;  // 64 docids a word
  static constexpr uint32_t kBitMask = 63;
};

struct PostingCacheLimits {
  double min_share = 0.01;               // of the documents: rarer words are not kept
  size_t max_bytes = size_t{192} << 20;  // per revision
};

class PostingCache {
 public:
  explicit PostingCache(PostingCacheLimits limits = {}) : limits_(limits) {}
  // The cache of a later revision whose commits since `previous`'s changed
  // the documents `changed` (ascending, unique).
  PostingCache(const PostingCache& previous, const std::vector<uint32_t>& changed);

  // The postings of `term` in `db` (at the owning snapshot's revision), or
  // nullptr when the term is too rare to keep or the budget is spent.
  // Xapian errors propagate.
  std::shared_ptr<const DecodedPostings> Get(Xapian::Database& db, const std::string& term);
  // The postings of every one of `terms`, in order, or nullopt when one of
  // them is not kept.
  std::optional<std::vector<std::shared_ptr<const DecodedPostings>>> GetEvery(
      Xapian::Database& db, const std::vector<std::string>& terms);
  size_t MemoryBytes() const;

 private:
  // A list as of some earlier revision, and the docids changed since then.
  struct Entry {
    std::shared_ptr<const DecodedPostings> postings;
    std::vector<uint32_t> stale;  // ascending; empty when current
  };
  // `entry`'s list with its stale documents re-read from `db` (its set and
  // maximum wdf not yet filled in).
  static std::shared_ptr<DecodedPostings> Refreshed(Xapian::Database& db, const std::string& term,
                                                    const Entry& entry);

  PostingCacheLimits limits_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> lists_;
  size_t bytes_ = 0;
};

}  // namespace rapport
