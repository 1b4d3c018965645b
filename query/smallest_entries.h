// SmallestEntries: the `count` smallest (key, docid) pairs among those
// offered, ties by docid — the page of every in-memory order (ranking.h's
// sorts, boost_order.h's walk, term_ranker.h's BM25 + boost as −score). A heap keeps the worst kept
// entry on top, so a caller can skip a document whose lowest possible key cannot beat it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <queue>
#include <utility>
#include <vector>

namespace rapport {

class SmallestEntries {
 public:
  using Entry = std::pair<double, uint32_t>;  // (key, docid): smaller is better

  explicit SmallestEntries(size_t count) : count_(count) {}

  bool full() const { return kept_.size() == count_; }
  // The worst entry kept; only when something is kept.
  const Entry& worst() const { return kept_.top(); }
  // Keeps `entry` when fewer than `count` are kept or it beats the worst.
  void Offer(const Entry& entry) {
    if (count_ == 0) return;
    if (!full()) {
      kept_.push(entry);
    } else if (entry < kept_.top()) {
      kept_.pop();
      kept_.push(entry);
    }
  }
  // The kept entries, best first; empties the set.
  std::vector<Entry> TakeEntries() {
    std::vector<Entry> entries(kept_.size());
    for (size_t i = entries.size(); i-- > 0;) {
      entries[i] = kept_.top();
      kept_.pop();
    }
    return entries;
  }
  // The kept docids, best first; empties the set.
  std::vector<uint32_t> TakeDocids() {
    std::vector<uint32_t> docids;
    for (const Entry& entry : TakeEntries()) docids.push_back(entry.second);
    return docids;
  }

 private:
  size_t count_;
  std::priority_queue<Entry> kept_;
};

}  // namespace rapport
