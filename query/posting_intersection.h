// PostingIntersection: the documents that are in every one of some terms'
// posting lists and some in-memory DocSets, visited in docid order. The
// smallest input drives (a set only when it is much smaller than every
// posting list, since probing a posting list costs more than reading it in
// order) and every other input is probed at the driver's docid: a posting
// list by skip_to (glass skips whole chunks), a DocSet by one bit test. The
// cost therefore follows the smallest input, not the largest.
// While a document is visited, each term's wdf in it can be read, which is
// what BM25 ranking needs besides the document's length.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "doc_set.h"
#include "posting_cache.h"
#include "term_cursor.h"

namespace rapport {

class PostingIntersection {
 public:
  // `sets` must stay alive while the intersection is used; at least one
  // input. Terms `cache` holds are read from it (`cache` may be null).
  PostingIntersection(Xapian::Database& db, const std::vector<std::string>& terms,
                      std::vector<const DocSet*> sets, PostingCache* cache);

  // Calls visit(docid) for every document in all inputs, ascending.
  template <typename Visit>
  void ForEach(Visit&& visit);
  // The wdf of terms[i] in the document being visited.
  Xapian::termcount wdf(size_t i) const { return terms_[i].wdf(); }

 private:
  // Whether every input but the driver has `docid`; false once a posting list
  // has ended, which also sets `exhausted_`.
  bool ProbeOthers(uint32_t docid);

  std::vector<TermCursor> terms_;
  std::vector<const DocSet*> sets_;
  // The driver: terms_[driver_] when driver_is_term_, else sets_[driver_].
  bool driver_is_term_ = false;
  size_t driver_ = 0;
  bool exhausted_ = false;
};

template <typename Visit>
void PostingIntersection::ForEach(Visit&& visit) {
  if (driver_is_term_) {
    TermCursor& driver = terms_[driver_];
    for (; !driver.AtEnd() && !exhausted_; driver.Next()) {
      if (ProbeOthers(driver.Doc())) visit(driver.Doc());
    }
    return;
  }
  const std::vector<uint64_t>& words = sets_[driver_]->words();
  for (size_t w = 0; w < words.size() && !exhausted_; ++w) {
    for (uint64_t bits = words[w]; bits != 0 && !exhausted_; bits &= bits - 1) {
      const auto docid =
          static_cast<uint32_t>(w * 64 + static_cast<unsigned>(__builtin_ctzll(bits)));
      if (ProbeOthers(docid)) visit(docid);
    }
  }
}

}  // namespace rapport
