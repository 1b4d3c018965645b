// DocSet: a set of Xapian document ids as a bitset indexed by docid, and
// TermSet: one boolean term's posting list kept in memory, as a bitset when
// it is dense or a sorted docid array when it is sparse (docs/facets.md).
// Facet counting and filtering are word-wise ANDs and popcounts over these.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace rapport {

class DocSet {
 public:
  DocSet() = default;
  // An empty set able to hold docids below `bound`.
  explicit DocSet(uint32_t bound) : bound_(bound), words_((bound + 63) / 64, 0) {}
  // Every docid below `bound` (docid 0 never exists in Xapian and stays out).
  static DocSet Full(uint32_t bound);
  // The docids below `bound` for which keep(docid) is true, built a word at a
  // time without branches (a column scan over every document).
  template <typename Keep>
  static DocSet Where(uint32_t bound, Keep&& keep) {
    DocSet set(bound);
    for (size_t w = 0; w < set.words_.size(); ++w) {
      const uint32_t first = static_cast<uint32_t>(w * 64);
      const uint32_t end = std::min<uint32_t>(first + 64, bound);
      uint64_t bits = 0;
      for (uint32_t docid = first; docid < end; ++docid) {
        bits |= static_cast<uint64_t>(keep(docid) ? 1 : 0) << (docid - first);
      }
      set.words_[w] = bits;
    }
    if (!set.words_.empty()) set.words_[0] &= ~uint64_t{1};
    return set;
  }

  // The set whose word w is words[w]; bits at or past `bound`, and docid 0,
  // are dropped. `words` must hold (bound + 63) / 64 words.
  static DocSet FromWords(uint32_t bound, std::vector<uint64_t> words);

  uint32_t bound() const { return bound_; }
  bool Contains(uint32_t docid) const {
    return docid < bound_ && ((words_[docid >> 6] >> (docid & 63)) & 1U) != 0;
  }
  void Insert(uint32_t docid) {
    if (docid < bound_) words_[docid >> 6] |= uint64_t{1} << (docid & 63);
  }
  void Erase(uint32_t docid) {
    if (docid < bound_) words_[docid >> 6] &= ~(uint64_t{1} << (docid & 63));
  }
  // Raises the bound (new docids start absent); a smaller `bound` is ignored.
  void Grow(uint32_t bound);
  long Count() const;
  void IntersectWith(const DocSet& other);
  void UnionWith(const DocSet& other);
  void Subtract(const DocSet& other);
  // Smallest member >= `docid`, or 0 when there is none.
  uint32_t NextFrom(uint32_t docid) const;
  const std::vector<uint64_t>& words() const { return words_; }

  template <typename Visit>
  void ForEach(Visit&& visit) const {
    for (size_t w = 0; w < words_.size(); ++w) {
      uint64_t bits = words_[w];
      while (bits != 0) {
        visit(static_cast<uint32_t>(w * 64 + static_cast<unsigned>(__builtin_ctzll(bits))));
        bits &= bits - 1;
      }
    }
  }

 private:
  uint32_t bound_ = 0;
  std::vector<uint64_t> words_;
};

class TermSet {
 public:
  TermSet() = default;
  // From a posting list's docids in ascending order; chooses the smaller form.
  TermSet(std::vector<uint32_t> docids, uint32_t bound);

  long size() const { return size_; }
  bool Contains(uint32_t docid) const {
    return dense_ ? bits_.Contains(docid)
                  : std::binary_search(docids_.begin(), docids_.end(), docid);
  }
  size_t MemoryBytes() const;
  // |this ∩ set|
  long CountIn(const DocSet& set) const;
  // set := set ∪ this
  void AddTo(DocSet& set) const;
  DocSet ToDocSet(uint32_t bound) const;
  // A copy without the docids of `removed` and with those of `added` (both
  // ascending), able to hold docids below `bound`; re-chooses the form when
  // the size crosses the dense/sparse threshold.
  TermSet Updated(const std::vector<uint32_t>& removed, const std::vector<uint32_t>& added,
                  uint32_t bound) const;

 private:
  long size_ = 0;
  bool dense_ = false;
  DocSet bits_;                   // when dense
  std::vector<uint32_t> docids_;  // when sparse
};

}  // namespace rapport
