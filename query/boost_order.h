// BoostOrder: every docid of one index revision sorted by its boost bound
// (BoostBounds), highest first, ties by docid. A search ordered by boost
// alone (relevance without text) walks it best-first and stops as soon as no
// later document can enter the page, instead of looking at every match: at
// 1M documents a filter keeping half of them has 500,000 matches, and a page
// of 20 is found after a few hundred steps (docs/ranking.md, "Without text").
// Made once per revision, by the first search that needs it; the next
// revision's is the previous one with only its changed docids moved.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "doc_set.h"
#include "ranking.h"

namespace rapport {

class BoostOrder {
 public:
  // Docids 1 … bound − 1 ordered by `bounds` (which covers them).
  BoostOrder(const BoostBounds& bounds, uint32_t bound);
  // `previous` (of an earlier revision) with the docids of `changed`
  // (ascending) and those from its bound up to `bound` placed by `bounds`,
  // whose other docids' bounds must be those `previous` was ordered by.
  BoostOrder(const BoostOrder& previous, const BoostBounds& bounds, uint32_t bound,
             const std::vector<uint32_t>& changed);

  uint32_t bound() const { return bound_; }
  const std::vector<uint32_t>& docids() const { return docids_; }
  // bounds()[i] is the boost bound of docids()[i] (BoostBounds::Of): a walk
  // reads them in order instead of one random access per docid.
  const std::vector<float>& bounds() const { return bounds_; }

 private:
  // Appends the docid and bound of an order key.
  void Append(uint64_t key);

  uint32_t bound_;
  std::vector<uint32_t> docids_;
  std::vector<float> bounds_;
};

// The first `count` documents of `docs` by `booster`'s exact boost, highest
// first, ties by docid — exactly TopDocs(docs, kRelevance, …) — found by
// walking `order`, which must have been made from the bounds `booster` was
// given. nullopt when that walk would look at more than `max_steps` docids of
// the order (sparse `docs`: scanning them is cheaper).
[[nodiscard]] std::optional<std::vector<uint32_t>> TopByBoost(const DocSet& docs, size_t count,
                                                              const Booster& booster,
                                                              const BoostOrder& order,
                                                              size_t max_steps);

}  // namespace rapport
