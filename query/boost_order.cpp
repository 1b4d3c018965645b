// BoostOrder: docids sorted by boost bound, and the best-first walk over it.
#include "boost_order.h"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <utility>

#include "smallest_entries.h"

namespace rapport {

namespace {

constexpr int kBoundShift = 32;  // the bound's bits are the high half of a key

// A docid's place in the order as one integer: the bound's bits inverted in
// the high half (a bound is never negative, and the bits of non-negative
// floats sort as they do), the docid in the low half, so ascending keys are
// bounds descending with ties by docid.
uint64_t OrderKey(const BoostBounds& bounds, uint32_t docid) {
  const auto bound = static_cast<float>(bounds.Of(docid));
  uint32_t bits = 0;
  std::memcpy(&bits, &bound, sizeof bits);
  return (static_cast<uint64_t>(~bits) << kBoundShift) | docid;
}

constexpr uint64_t kDocidMask = 0xffffffffU;

// `docids` sorted by their keys.
std::vector<uint64_t> SortedKeys(const BoostBounds& bounds, const std::vector<uint32_t>& docids) {
  std::vector<uint64_t> keys;
  keys.reserve(docids.size());
  for (uint32_t docid : docids) keys.push_back(OrderKey(bounds, docid));
  std::sort(keys.begin(), keys.end());
  return keys;
}

}  // namespace

void BoostOrder::Append(uint64_t key) {
  docids_.push_back(static_cast<uint32_t>(key & kDocidMask));
  const auto bits = static_cast<uint32_t>(~(key >> kBoundShift));
  float bound = 0;
  std::memcpy(&bound, &bits, sizeof bound);
  bounds_.push_back(bound);
}

BoostOrder::BoostOrder(const BoostBounds& bounds, uint32_t bound) : bound_(bound) {
  std::vector<uint32_t> all;
  all.reserve(bound);
  for (uint32_t docid = 1; docid < bound; ++docid) all.push_back(docid);
  const std::vector<uint64_t> keys = SortedKeys(bounds, all);
  docids_.reserve(keys.size());
  bounds_.reserve(keys.size());
  for (uint64_t key : keys) Append(key);
}

BoostOrder::BoostOrder(const BoostOrder& previous, const BoostBounds& bounds, uint32_t bound,
                       const std::vector<uint32_t>& changed)
    : bound_(std::max(bound, previous.bound_)) {
  std::vector<uint32_t> moved;
  std::copy_if(changed.begin(), changed.end(), std::back_inserter(moved),
               [&](uint32_t docid) { return docid > 0 && docid < previous.bound_; });
  for (uint32_t docid = std::max<uint32_t>(previous.bound_, 1); docid < bound_; ++docid) {
    moved.push_back(docid);
  }
  const std::vector<uint64_t> placed = SortedKeys(bounds, moved);
  DocSet is_moved(bound_);
  for (uint32_t docid : moved) is_moved.Insert(docid);
  // The unmoved docids keep their bounds, so their keys stay in order.
  docids_.reserve(previous.docids_.size() + placed.size());
  bounds_.reserve(previous.docids_.size() + placed.size());
  auto next_placed = placed.begin();
  for (uint32_t docid : previous.docids_) {
    if (is_moved.Contains(docid)) continue;
    const uint64_t key = OrderKey(bounds, docid);
    for (; next_placed != placed.end() && *next_placed < key; ++next_placed) Append(*next_placed);
    Append(key);
  }
  for (; next_placed != placed.end(); ++next_placed) Append(*next_placed);
}

std::optional<std::vector<uint32_t>> TopByBoost(const DocSet& docs, size_t count,
                                                const Booster& booster, const BoostOrder& order,
                                                size_t max_steps) {
  if (count == 0) return std::vector<uint32_t>{};
  if (docs.bound() > order.bound()) return std::nullopt;
  // (−boost, docid): smaller is better, as TopDocs orders them.
  SmallestEntries kept(count);
  const std::vector<uint32_t>& docids = order.docids();
  for (size_t step = 0; step < docids.size(); ++step) {
    const uint32_t docid = docids[step];
    // Every later docid has a bound no higher (and, at an equal bound, a
    // larger docid), so none can enter once this one cannot.
    const double bound = order.bounds()[step];
    if (kept.full() && !(SmallestEntries::Entry{-bound, docid} < kept.worst())) break;
    if (step >= max_steps) return std::nullopt;
    if (docs.Contains(docid)) kept.Offer({-booster.Boost(docid), docid});
  }
  return kept.TakeDocids();
}

}  // namespace rapport
