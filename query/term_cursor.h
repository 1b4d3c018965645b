// TermCursor: one term's posting list, stepped in docid order — from the
// PostingCache's decoded arrays when it has the term, else through Xapian's
// posting iterator. PostingIntersection drives and probes these.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>

#include <xapian.h>

#include "posting_cache.h"

namespace rapport {

class TermCursor {
 public:
  // `cache` may be null (read from the index).
  TermCursor(Xapian::Database& db, const std::string& term, PostingCache* cache)
      : decoded_(cache != nullptr ? cache->Get(db, term) : nullptr),
        size_(decoded_ ? decoded_->docids.size() : db.get_termfreq(term)) {
    if (!decoded_) post_ = db.postlist_begin(term);
  }

  uint64_t size() const { return size_; }
  bool AtEnd() const { return decoded_ ? at_ >= size_ : post_ == Xapian::PostingIterator(); }
  uint32_t Doc() const { return decoded_ ? decoded_->docids[at_] : *post_; }
  Xapian::termcount wdf() const { return decoded_ ? decoded_->wdfs[at_] : post_.get_wdf(); }
  void Next() {
    if (decoded_) {
      ++at_;
    } else {
      ++post_;
    }
  }
  // Moves to the first posting >= `docid` (galloping over the array).
  void SkipTo(uint32_t docid) {
    if (!decoded_) {
      post_.skip_to(docid);
      return;
    }
    const std::vector<uint32_t>& docids = decoded_->docids;
    if (at_ >= size_ || docids[at_] >= docid) return;
    size_t low = at_;
    size_t step = 1;
    while (low + step < size_ && docids[low + step] < docid) {
      low += step;
      step *= 2;
    }
    const size_t high = std::min<size_t>(low + step, size_);
    at_ = static_cast<size_t>(std::lower_bound(docids.begin() + static_cast<long>(low),
                                               docids.begin() + static_cast<long>(high), docid) -
                              docids.begin());
  }

 private:
  std::shared_ptr<const DecodedPostings> decoded_;
  uint64_t size_;
  size_t at_ = 0;  // position in decoded_
  Xapian::PostingIterator post_;
};

}  // namespace rapport
