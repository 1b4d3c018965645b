// PostingCache: decoding a posting list once and sharing it.
#include "posting_cache.h"

namespace rapport {

namespace {
constexpr size_t kBytesPerPosting = sizeof(uint32_t) * 2;
}  // namespace

std::shared_ptr<const DecodedPostings> PostingCache::Get(Xapian::Database& db,
                                                         const std::string& term) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = lists_.find(term);
    if (it != lists_.end()) return it->second;
  }
  const Xapian::doccount frequency = db.get_termfreq(term);
  const auto documents = static_cast<double>(db.get_doccount());
  const size_t bytes = frequency * kBytesPerPosting;
  if (frequency == 0 || static_cast<double>(frequency) < limits_.min_share * documents) {
    return nullptr;
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (bytes_ + bytes > limits_.max_bytes) return nullptr;
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
  std::lock_guard<std::mutex> lock(mutex_);
  auto [it, added] = lists_.emplace(term, std::move(decoded));
  if (added) bytes_ += it->second->docids.size() * kBytesPerPosting;
  return it->second;
}

size_t PostingCache::MemoryBytes() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return bytes_;
}

}  // namespace rapport
