// Ranking: freshness boosts, the boost posting source and in-memory sorts.
#include "ranking.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

#include "geo_filter.h"
#include "index_layout.h"
#include "smallest_entries.h"

namespace rapport {

namespace {

constexpr double kSecondsPerDay = 86400;
constexpr double kAbsentLast = std::numeric_limits<double>::infinity();

// The `count` documents with the smallest key(docid), ascending (ties by
// docid), of those `for_each_doc(visit)` visits in docid order. Once `count`
// are kept a document enters only with a key strictly below the worst kept
// one: when `lowest_key(docid)` (at most its key, and cheaper) already is
// not, its key is not computed. Templates rather than std::function: these
// run for every match of a search without text.
template <typename ForEachDoc, typename Key, typename LowestKey>
std::vector<uint32_t> SmallestOf(ForEachDoc for_each_doc, size_t count, Key key,
                                 LowestKey lowest_key) {
  SmallestEntries kept(count);
  if (count == 0) return {};
  for_each_doc([&](uint32_t docid) {
    if (kept.full() && lowest_key(docid) >= kept.worst().first) return;
    kept.Offer({key(docid), docid});
  });
  return kept.TakeDocids();
}

template <typename Key, typename LowestKey>
std::vector<uint32_t> SmallestBy(const DocSet& docs, size_t count, Key key, LowestKey lowest_key) {
  return SmallestOf([&docs](auto visit) { docs.ForEach(visit); }, count, key, lowest_key);
}

// The `count` documents of `docs` nearest to `near`, with each document's
// offices read ahead (FacetStore::ForEachWithOffices).
std::vector<uint32_t> NearestFirst(const DocSet& docs, size_t count, const FacetStore& store,
                                   const GeoPoint& near) {
  auto for_each_doc = [&docs, &store](auto visit) {
    std::vector<uint32_t> docids;
    docids.reserve(docs.Count());
    docs.ForEach([&docids](uint32_t docid) { docids.push_back(docid); });
    store.ForEachWithOffices(docids, visit);
  };
  return SmallestOf(
      for_each_doc, count,
      [&store, &near](uint32_t d) { return NearestOfficeKm(store, d, near).value_or(kAbsentLast); },
      [&store, unit_near = UnitVector::Of(near.lat, near.lon)](uint32_t d) {
        return NearestOfficeKmLowerBound(store, d, unit_near);
      });
}

template <typename Key>
std::vector<uint32_t> SmallestBy(const DocSet& docs, size_t count, Key key) {
  return SmallestBy(docs, count, key, [](uint32_t) { return -kAbsentLast; });
}

}  // namespace

const HalvingTable Booster::halvings_;

Booster::Booster(const FacetStore& store, const RankingConfig& config, int64_t now_seconds,
                 std::shared_ptr<const BoostBounds> bounds)
    : store_(store),
      config_(config),
      now_(now_seconds),
      accepting_(store.Term(std::string(layout::kAcceptingPrefix) + "true")),
      availability_per_second_(1 / (config.availability_half_life_days * kSecondsPerDay)),
      verified_per_second_(1 / (config.verified_half_life_days * kSecondsPerDay)),
      bounds_(std::move(bounds)) {}

namespace {

// `boost` as a float no smaller than it.
float RoundedUp(double boost) {
  float rounded = static_cast<float>(boost);
  if (rounded < boost) rounded = std::nextafter(rounded, std::numeric_limits<float>::infinity());
  return rounded;
}

}  // namespace

BoostBounds::BoostBounds(const FacetStore& store, const RankingConfig& config, int64_t now_seconds)
    : computed_at_(now_seconds), bounds_(store.bound(), 0) {
  const Booster at_time(store, config, now_seconds);
  for (uint32_t docid = 1; docid < store.bound(); ++docid)
    bounds_[docid] = RoundedUp(at_time.Boost(docid));
}

BoostBounds::BoostBounds(const BoostBounds& previous, const FacetStore& store,
                         const RankingConfig& config, int64_t now_seconds,
                         const std::vector<uint32_t>& changed)
    : computed_at_(std::max(now_seconds, previous.computed_at_)), bounds_(previous.bounds_) {
  const auto carried = static_cast<uint32_t>(std::min<size_t>(bounds_.size(), store.bound()));
  bounds_.resize(store.bound(), 0);
  const Booster at_time(store, config, computed_at_);
  for (uint32_t docid : changed) {
    if (docid < store.bound()) bounds_[docid] = RoundedUp(at_time.Boost(docid));
  }
  for (uint32_t docid = std::max<uint32_t>(carried, 1); docid < store.bound(); ++docid) {
    bounds_[docid] = RoundedUp(at_time.Boost(docid));
  }
}

double Booster::MaxBoost() const {
  return config_.accepting_boost + config_.availability_boost + config_.verified_boost;
}

BoostPostingSource::BoostPostingSource(std::shared_ptr<const DocSet> docs,
                                       std::shared_ptr<const Booster> booster)
    : docs_(std::move(docs)), booster_(std::move(booster)), count_(docs_->Count()) {}

Xapian::doccount BoostPostingSource::get_termfreq_min() const { return count_; }
Xapian::doccount BoostPostingSource::get_termfreq_est() const { return count_; }
Xapian::doccount BoostPostingSource::get_termfreq_max() const { return count_; }

void BoostPostingSource::next(double /*min_wt*/) {
  current_ = docs_->NextFrom(started_ ? current_ + 1 : 1);
  started_ = true;
}

void BoostPostingSource::skip_to(Xapian::docid did, double /*min_wt*/) {
  if (started_ && did <= current_) return;
  current_ = docs_->NextFrom(did);
  started_ = true;
}

bool BoostPostingSource::at_end() const { return started_ && current_ == 0; }
Xapian::docid BoostPostingSource::get_docid() const { return current_; }
double BoostPostingSource::get_weight() const { return booster_ ? booster_->Boost(current_) : 0; }

void BoostPostingSource::init(const Xapian::Database& /*db*/) {
  current_ = 0;
  started_ = false;
  set_maxweight(booster_ ? booster_->MaxBoost() : 0);
}

std::string BoostPostingSource::get_description() const { return "BoostPostingSource"; }

std::vector<uint32_t> TopDocs(const DocSet& docs, SortOrder sort, size_t count,
                              const FacetStore& store, const Booster& booster,
                              const std::optional<GeoPoint>& near) {
  switch (sort) {
    case SortOrder::kFee:
      return SmallestBy(docs, count, [&store](uint32_t d) {
        return store.fee_min(d) == FacetStore::kNoFee ? kAbsentLast : store.fee_min(d);
      });
    case SortOrder::kTelehealthExperience:
      return SmallestBy(docs, count, [&store](uint32_t d) {
        return store.telehealth_since(d) == FacetStore::kNoYear ? kAbsentLast
                                                                : store.telehealth_since(d);
      });
    case SortOrder::kUpdated:
      return SmallestBy(docs, count, [&store](uint32_t d) {
        return store.updated_at(d) == FacetStore::kNoTime
                   ? kAbsentLast
                   : -static_cast<double>(store.updated_at(d));
      });
    case SortOrder::kDistance:
      if (!near) return SmallestBy(docs, count, [](uint32_t) { return kAbsentLast; });
      return NearestFirst(docs, count, store, *near);
    case SortOrder::kRelevance:
      break;
  }
  // The order of a search without text: by boost, skipping documents whose
  // boost bound cannot reach the page.
  return SmallestBy(
      docs, count, [&booster](uint32_t d) { return -booster.Boost(d); },
      [&booster](uint32_t d) { return -booster.UpperBound(d); });
}

}  // namespace rapport
