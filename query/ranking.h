// Ranking: how results are ordered (docs/ranking.md). Text searches sorted by
// relevance use Xapian's BM25 (field weights come from the indexer's wdf
// increments) plus a small freshness boost added by BoostPostingSource; all
// other orders are computed in memory from the FacetStore's columns. Ties
// always break by docid, which a rebuild assigns in profile id order.
// Nothing a profile pays for enters the score.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include <xapian.h>

#include "doc_set.h"
#include "facet_store.h"
#include "halving_table.h"
#include "search_request.h"

namespace rapport {

struct RankingConfig {
  double accepting_boost = 0.6;     // accepting new clients
  double availability_boost = 0.5;  // availability confirmed just now
  double availability_half_life_days = 30;
  double verified_boost = 0.3;  // licenses verified just now
  double verified_half_life_days = 90;
};

class BoostBounds;

// The boost of one document at `now_seconds` (Unix time): each fresh signal
// decays by half every half-life.
class Booster {
 public:
  // `bounds`, when given, must have been computed at or before `now_seconds`
  // from the same store and config.
  Booster(const FacetStore& store, const RankingConfig& config, int64_t now_seconds,
          std::shared_ptr<const BoostBounds> bounds = nullptr);
  // Inline: ranking calls it for nearly every match.
  double Boost(uint32_t docid) const {
    double boost = 0;
    if (accepting_ != nullptr && accepting_->Contains(docid)) boost += config_.accepting_boost;
    boost += config_.availability_boost *
             Decay(store_.availability_confirmed_at(docid), availability_per_second_);
    boost += config_.verified_boost * Decay(store_.verified_at(docid), verified_per_second_);
    return boost;
  }
  double MaxBoost() const;
  // At least Boost(docid), and cheaper: from the bounds when given.
  inline double UpperBound(uint32_t docid) const;

 private:
  const FacetStore& store_;
  const RankingConfig& config_;
  int64_t now_;
  // 2^(−age / half-life) of a signal dated `at`, with `per_second` = 1 /
  // half-life in seconds; 0 when there is no date, 1 for a date not yet past.
  double Decay(int64_t at, double per_second) const {
    if (at == FacetStore::kNoTime) return 0;
    const int64_t age = now_ - at;
    return age <= 0 ? 1 : halvings_(static_cast<double>(age) * per_second);
  }

  static const HalvingTable halvings_;
  const TermSet* accepting_;
  double availability_per_second_;  // 1 / half-life in seconds
  double verified_per_second_;
  std::shared_ptr<const BoostBounds> bounds_;
};

// Every document's boost computed at one time, rounded up to a float. A boost
// only decays as time passes, so these bound it at any later time; ranking
// skips the exact boost of a document whose text score plus its bound cannot
// enter the page. Computed once per index revision (one Boost per document).
class BoostBounds {
 public:
  // The boosts of every docid of `store` at `now_seconds`.
  BoostBounds(const FacetStore& store, const RankingConfig& config, int64_t now_seconds);
  // `previous` (of an earlier revision, computed no later than `now_seconds`)
  // with the boosts of the `changed` docids and of new docids recomputed.
  BoostBounds(const BoostBounds& previous, const FacetStore& store, const RankingConfig& config,
              int64_t now_seconds, const std::vector<uint32_t>& changed);
  double Of(uint32_t docid) const { return bounds_[docid]; }
  int64_t computed_at() const { return computed_at_; }

 private:
  int64_t computed_at_;
  std::vector<float> bounds_;
};

double Booster::UpperBound(uint32_t docid) const {
  return bounds_ ? bounds_->Of(docid) : MaxBoost();
}

// A posting source yielding exactly the documents of `docs`, each weighted by
// its boost (0 without a booster): ANDed with a text query it both filters
// and boosts.
class BoostPostingSource : public Xapian::PostingSource {
 public:
  BoostPostingSource(std::shared_ptr<const DocSet> docs, std::shared_ptr<const Booster> booster);

  Xapian::doccount get_termfreq_min() const override;
  Xapian::doccount get_termfreq_est() const override;
  Xapian::doccount get_termfreq_max() const override;
  void next(double min_wt) override;
  void skip_to(Xapian::docid did, double min_wt) override;
  bool at_end() const override;
  Xapian::docid get_docid() const override;
  double get_weight() const override;
  void init(const Xapian::Database& db) override;
  std::string get_description() const override;

 private:
  std::shared_ptr<const DocSet> docs_;
  std::shared_ptr<const Booster> booster_;
  long count_;
  Xapian::docid current_ = 0;
  bool started_ = false;
};

// The first `count` documents of `docs` in `sort` order (relevance meaning
// boost only: the order of a search without text). `near` is needed for
// kDistance. Returns docids, best first.
[[nodiscard]] std::vector<uint32_t> TopDocs(const DocSet& docs, SortOrder sort, size_t count,
                                            const FacetStore& store, const Booster& booster,
                                            const std::optional<GeoPoint>& near);

}  // namespace rapport
