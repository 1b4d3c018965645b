// PostingCache: decoding a posting list once, sharing it, and carrying it
// over to the next revision.
#include "posting_cache.h"

#include <algorithm>
#include <iterator>

namespace rapport {

namespace {

constexpr size_t kBytesPerPosting = sizeof(uint32_t) * 2;
constexpr size_t kBitsPerWord = 64;
// A carried-over list with more changed documents than its size / this is
// dropped rather than patched: decoding it again is about as cheap.
constexpr size_t kMaxStaleFraction = 8;

// Bytes the set and its ranks take per 64 documents.
constexpr size_t kSetBytesPerWord = sizeof(uint64_t) + sizeof(uint32_t);

// What `postings` take in memory: the arrays, the set and its ranks.
size_t MemoryOf(const DecodedPostings& postings) {
  return postings.docids.size() * kBytesPerPosting +
         postings.members.words().size() * kSetBytesPerWord;
}

// Fills in `postings`' set (holding docids below `bound`), its ranks and the
// maximum wdf.
void AddSetAndMaximum(DecodedPostings& postings, uint32_t bound) {
  postings.members = DocSet(bound);
  for (uint32_t docid : postings.docids) postings.members.Insert(docid);
  const std::vector<uint64_t>& words = postings.members.words();
  postings.ranks.resize(words.size());
  uint32_t below = 0;
  for (size_t w = 0; w < words.size(); ++w) {
    postings.ranks[w] = below;
    below += static_cast<uint32_t>(__builtin_popcountll(words[w]));
  }
  for (uint32_t wdf : postings.wdfs) postings.max_wdf = std::max(postings.max_wdf, wdf);
}

}  // namespace

PostingCache::PostingCache(const PostingCache& previous, const std::vector<uint32_t>& changed)
    : limits_(previous.limits_) {
  std::lock_guard<std::mutex> lock(previous.mutex_);
  for (const auto& [term, entry] : previous.lists_) {
    std::vector<uint32_t> stale;
    std::set_union(entry.stale.begin(), entry.stale.end(), changed.begin(), changed.end(),
                   std::back_inserter(stale));
    if (stale.size() * kMaxStaleFraction > entry.postings->docids.size()) continue;
    lists_.emplace(term, Entry{entry.postings, std::move(stale)});
    bytes_ += MemoryOf(*entry.postings);
  }
}

std::shared_ptr<DecodedPostings> PostingCache::Refreshed(Xapian::Database& db,
                                                         const std::string& term,
                                                         const Entry& entry) {
  // The stale documents that have the term now, with its wdf.
  std::vector<std::pair<uint32_t, uint32_t>> now;
  Xapian::PostingIterator post = db.postlist_begin(term);
  for (uint32_t docid : entry.stale) {
    post.skip_to(docid);
    if (post == Xapian::PostingIterator()) break;
    if (*post == docid) now.emplace_back(docid, post.get_wdf());
  }
  const DecodedPostings& old = *entry.postings;
  auto merged = std::make_shared<DecodedPostings>();
  merged->docids.reserve(old.docids.size() + now.size());
  merged->wdfs.reserve(old.docids.size() + now.size());
  size_t stale = 0, fresh = 0;
  for (size_t i = 0; i < old.docids.size(); ++i) {
    const uint32_t docid = old.docids[i];
    while (fresh < now.size() && now[fresh].first < docid) {
      merged->docids.push_back(now[fresh].first);
      merged->wdfs.push_back(now[fresh++].second);
    }
    while (stale < entry.stale.size() && entry.stale[stale] < docid) ++stale;
    if (stale < entry.stale.size() && entry.stale[stale] == docid) continue;  // re-read above
    merged->docids.push_back(docid);
    merged->wdfs.push_back(old.wdfs[i]);
  }
  for (; fresh < now.size(); ++fresh) {
    merged->docids.push_back(now[fresh].first);
    merged->wdfs.push_back(now[fresh].second);
  }
  return merged;
}

std::shared_ptr<const DecodedPostings> PostingCache::Get(Xapian::Database& db,
                                                         const std::string& term) {
  Entry carried;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = lists_.find(term);
    if (it != lists_.end()) {
      if (it->second.stale.empty()) return it->second.postings;
      carried = it->second;
    }
  }
  std::shared_ptr<DecodedPostings> postings;
  if (carried.postings) {
    postings = Refreshed(db, term, carried);
  } else {
    const Xapian::doccount frequency = db.get_termfreq(term);
    const auto documents = static_cast<double>(db.get_doccount());
    if (frequency == 0 || static_cast<double>(frequency) < limits_.min_share * documents) {
      return nullptr;
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      const size_t set_bytes = (db.get_lastdocid() / kBitsPerWord + 1) * kSetBytesPerWord;
      if (bytes_ + frequency * kBytesPerPosting + set_bytes > limits_.max_bytes) return nullptr;
    }
    // Decoded outside the lock: two searches may both decode a new word, and
    // the first one stored wins.
    auto decoded = std::make_shared<DecodedPostings>();
    decoded->docids.reserve(frequency);
    decoded->wdfs.reserve(frequency);
    for (auto post = db.postlist_begin(term); post != db.postlist_end(term); ++post) {
      decoded->docids.push_back(*post);
      decoded->wdfs.push_back(post.get_wdf());
    }
    postings = std::move(decoded);
  }
  AddSetAndMaximum(*postings, db.get_lastdocid() + 1);
  std::lock_guard<std::mutex> lock(mutex_);
  Entry& entry = lists_[term];
  if (entry.postings && entry.stale.empty()) return entry.postings;  // another search was first
  const size_t old_bytes = entry.postings ? MemoryOf(*entry.postings) : 0;
  entry = Entry{postings, {}};
  bytes_ = bytes_ - old_bytes + MemoryOf(*postings);
  return postings;
}

std::optional<std::vector<std::shared_ptr<const DecodedPostings>>> PostingCache::GetEvery(
    Xapian::Database& db, const std::vector<std::string>& terms) {
  std::vector<std::shared_ptr<const DecodedPostings>> lists;
  for (const std::string& term : terms) {
    lists.push_back(Get(db, term));
    if (lists.back() == nullptr) return std::nullopt;
  }
  return lists;
}

size_t PostingCache::MemoryBytes() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return bytes_;
}

}  // namespace rapport
