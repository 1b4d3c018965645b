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

namespace rapport {

class PostingIntersection {
 public:
  // `sets` must stay alive while the intersection is used; at least one input.
  PostingIntersection(Xapian::Database& db, const std::vector<std::string>& terms,
                      std::vector<const DocSet*> sets);

  // Calls visit(docid) for every document in all inputs, ascending.
  template <typename Visit>
  void ForEach(Visit&& visit);
  // The wdf of terms[i] in the document being visited.
  Xapian::termcount wdf(size_t i) const { return terms_[i].post.get_wdf(); }

 private:
  struct TermInput {
    Xapian::PostingIterator post;
    Xapian::doccount size;
  };
  // Whether every input but the driver has `docid`; false once a posting list
  // has ended, which also sets `exhausted_`.
  bool ProbeOthers(uint32_t docid);

  std::vector<TermInput> terms_;
  std::vector<const DocSet*> sets_;
  // The driver: terms_[driver_] when driver_is_term_, else sets_[driver_].
  bool driver_is_term_ = false;
  size_t driver_ = 0;
  bool exhausted_ = false;
};

template <typename Visit>
void PostingIntersection::ForEach(Visit&& visit) {
  if (driver_is_term_) {
    Xapian::PostingIterator& post = terms_[driver_].post;
    for (; post != Xapian::PostingIterator() && !exhausted_; ++post) {
      if (ProbeOthers(*post)) visit(static_cast<uint32_t>(*post));
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
