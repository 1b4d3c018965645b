// DocSet and TermSet: bitset and sorted-array docid sets (see doc_set.h).
#include "doc_set.h"

#include <algorithm>
#include <iterator>
#include <utility>

#include "bit_count.h"

namespace rapport {

namespace {
// A sorted array of 32-bit docids is smaller than a bitset when fewer than one
// document in this many is in it.
constexpr uint32_t kSparseRatio = 32;
}  // namespace

DocSet DocSet::Full(uint32_t bound) {
  return FromWords(bound, std::vector<uint64_t>((bound + 63) / 64, ~uint64_t{0}));
}

DocSet DocSet::FromWords(uint32_t bound, std::vector<uint64_t> words) {
  DocSet set;
  set.bound_ = bound;
  set.words_ = std::move(words);
  if (bound % 64 != 0 && !set.words_.empty()) {
    set.words_.back() &= (uint64_t{1} << (bound % 64)) - 1;
  }
  if (!set.words_.empty()) set.words_[0] &= ~uint64_t{1};
  return set;
}

void DocSet::Grow(uint32_t bound) {
  if (bound <= bound_) return;
  bound_ = bound;
  words_.resize((bound + 63) / 64, 0);
}

long DocSet::Count() const {
  long count = 0;
  for (uint64_t word : words_) count += __builtin_popcountll(word);
  return count;
}

void DocSet::IntersectWith(const DocSet& other) {
  const size_t common = std::min(words_.size(), other.words_.size());
  for (size_t i = 0; i < common; ++i) words_[i] &= other.words_[i];
  for (size_t i = common; i < words_.size(); ++i) words_[i] = 0;
}

void DocSet::UnionWith(const DocSet& other) {
  const size_t common = std::min(words_.size(), other.words_.size());
  for (size_t i = 0; i < common; ++i) words_[i] |= other.words_[i];
}

void DocSet::Subtract(const DocSet& other) {
  const size_t common = std::min(words_.size(), other.words_.size());
  for (size_t i = 0; i < common; ++i) words_[i] &= ~other.words_[i];
}

uint32_t DocSet::NextFrom(uint32_t docid) const {
  if (docid >= bound_) return 0;
  size_t w = docid >> 6;
  uint64_t bits = words_[w] & (~uint64_t{0} << (docid & 63));
  while (true) {
    if (bits != 0)
      return static_cast<uint32_t>(w * 64 + static_cast<unsigned>(__builtin_ctzll(bits)));
    if (++w >= words_.size()) return 0;
    bits = words_[w];
  }
}

TermSet::TermSet(std::vector<uint32_t> docids, uint32_t bound)
    : size_(static_cast<long>(docids.size())) {
  dense_ = docids.size() * kSparseRatio >= bound;
  if (dense_) {
    bits_ = DocSet(bound);
    for (uint32_t docid : docids) bits_.Insert(docid);
  } else {
    docids_ = std::move(docids);
    docids_.shrink_to_fit();
  }
}

size_t TermSet::MemoryBytes() const {
  return dense_ ? bits_.words().size() * sizeof(uint64_t) : docids_.size() * sizeof(uint32_t);
}

long TermSet::CountIn(const DocSet& set) const {
  long count = 0;
  if (dense_) {
    const auto& a = bits_.words();
    const auto& b = set.words();
    count = CountCommonBits(a.data(), b.data(), std::min(a.size(), b.size()));
  } else {
    for (uint32_t docid : docids_) count += set.Contains(docid) ? 1 : 0;
  }
  return count;
}

void TermSet::AddTo(DocSet& set) const {
  if (dense_) {
    set.UnionWith(bits_);
  } else {
    for (uint32_t docid : docids_) set.Insert(docid);
  }
}

DocSet TermSet::ToDocSet(uint32_t bound) const {
  DocSet set(bound);
  AddTo(set);
  return set;
}

TermSet TermSet::Updated(const std::vector<uint32_t>& removed, const std::vector<uint32_t>& added,
                         uint32_t bound) const {
  TermSet updated;
  if (dense_) {
    updated.dense_ = true;
    updated.bits_ = bits_;
    updated.bits_.Grow(bound);
    for (uint32_t docid : removed) updated.bits_.Erase(docid);
    for (uint32_t docid : added) updated.bits_.Insert(docid);
    updated.size_ = updated.bits_.Count();
  } else {
    std::vector<uint32_t> kept;
    kept.reserve(docids_.size());
    std::set_difference(docids_.begin(), docids_.end(), removed.begin(), removed.end(),
                        std::back_inserter(kept));
    std::set_union(kept.begin(), kept.end(), added.begin(), added.end(),
                   std::back_inserter(updated.docids_));
    updated.size_ = static_cast<long>(updated.docids_.size());
  }
  const bool should_be_dense = static_cast<uint64_t>(updated.size_) * kSparseRatio >= bound;
  if (should_be_dense == updated.dense_) return updated;
  std::vector<uint32_t> docids = std::move(updated.docids_);
  if (updated.dense_) {
    docids.clear();
    updated.bits_.ForEach([&](uint32_t docid) { docids.push_back(docid); });
  }
  return TermSet(std::move(docids), bound);
}

}  // namespace rapport
