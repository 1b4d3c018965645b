// FacetStore: an in-memory, immutable picture of one index revision that
// filtering, facet counting and non-text ranking read instead of the index:
// every boolean term's posting list (TermSet) except ids and geo cells, plus
// per-document columns decoded from the value slots and each document's length. Built when a
// revision is opened, or updated from the previous revision's store and the index's change log, and
// shared by every thread reading that revision (docs/facets.md). Term sets and column pages are
// shared between consecutive stores: an update copies only the ones its changes touch.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

#include "doc_set.h"
#include "error.h"

namespace rapport {

// A point on the unit sphere: x towards latitude 0° longitude 0°, y towards
// 0° 90°E, z towards the north pole. The chord between two such points
// decides and bounds great-circle distances without trigonometry per pair.
struct UnitVector {
  double x = 0;
  double y = 0;
  double z = 0;
  static UnitVector Of(double lat_degrees, double lon_degrees);
};

// An office with coordinates: its latitude and longitude in degrees, and its
// UnitVector rounded to floats (each component within kUnitVectorError of
// the exact one), 32 bytes so that one never spans two cache lines.
struct alignas(32) OfficePoint {
  static constexpr double kUnitVectorError = 3e-8;  // half a float ulp below 1, and then some
  OfficePoint(double lat_degrees, double lon_degrees);
  double lat;
  double lon;
  float x;
  float y;
  float z;
};

class FacetStore {
 public:
  static constexpr int32_t kNoFee = INT32_MAX;
  static constexpr int16_t kNoYear = 0;
  static constexpr int64_t kNoTime = INT64_MIN;

  // Reads `db` (one revision). 503 Error if Xapian fails, except that
  // Xapian::DatabaseModifiedError is thrown on (the caller reopens `db`).
  static Result<std::shared_ptr<const FacetStore>> Build(Xapian::Database& db);
  // The store of `db`'s revision made from `previous` (a store of an earlier
  // revision of the same database) and the documents the change log says
  // changed since. nullptr when that is not possible (log pruned or
  // incomplete, or too many changes to be worth it): Build instead. Errors as
  // Build.
  static Result<std::shared_ptr<const FacetStore>> Update(const FacetStore& previous,
                                                          Xapian::Database& db);

  uint64_t revision() const { return revision_; }
  uint64_t change_seq() const { return change_seq_; }  // change log seq of the revision
  uint32_t bound() const { return bound_; }            // every docid is below this
  const DocSet& live() const { return live_; }

  // The posting set of a full term (prefix + value); nullptr when no document has it.
  const TermSet* Term(std::string_view term) const;
  // (value, set) of every term with `prefix`, in value order.
  std::vector<std::pair<std::string_view, const TermSet*>> Values(std::string_view prefix) const;

  // Live documents with a fee and fee_min <= `fee_max` (a column scan).
  DocSet FeeAtMost(int32_t fee_max) const;
  // Live documents with a telehealth start year before `year` (a column scan).
  DocSet TelehealthSinceBefore(int year) const;

  int32_t fee_min(uint32_t docid) const { return Page(docid).fee_min[Slot(docid)]; }
  int16_t telehealth_since(uint32_t docid) const {
    return Page(docid).telehealth_since[Slot(docid)];
  }
  int64_t updated_at(uint32_t docid) const { return Page(docid).updated_at[Slot(docid)]; }
  int64_t availability_confirmed_at(uint32_t docid) const {
    return Page(docid).availability_at[Slot(docid)];
  }
  int64_t verified_at(uint32_t docid) const { return Page(docid).verified_at[Slot(docid)]; }
  // The document's length (sum of its text terms' wdf), which BM25 normalises by.
  uint32_t doc_length(uint32_t docid) const { return Page(docid).doc_length[Slot(docid)]; }
  // Offices of a document with coordinates.
  std::pair<const OfficePoint*, const OfficePoint*> Offices(uint32_t docid) const {
    const ColumnPage& page = Page(docid);
    const OfficePoint* base = page.offices.data();
    return {base + page.office_begin[Slot(docid)], base + page.office_begin[Slot(docid) + 1]};
  }
  // Calls visit(docid) for each of `docids` in order. Their offices lie
  // scattered in memory, a memory round trip each, so each document's are
  // asked for ahead of its visit: first where they start, then (once that has
  // arrived) the offices themselves.
  template <typename Visit>
  void ForEachWithOffices(const std::vector<uint32_t>& docids, Visit visit) const {
    constexpr size_t kIndexAhead = 16;
    constexpr size_t kOfficesAhead = 8;
    const size_t count = docids.size();
    for (size_t i = 0; i < count; ++i) {
      if (i + kIndexAhead < count) {
        const uint32_t ahead = docids[i + kIndexAhead];
        __builtin_prefetch(&Page(ahead).office_begin[Slot(ahead)]);
      }
      if (i + kOfficesAhead < count) {
        const uint32_t ahead = docids[i + kOfficesAhead];
        const ColumnPage& page = Page(ahead);
        __builtin_prefetch(page.offices.data() + page.office_begin[Slot(ahead)]);
      }
      visit(docids[i]);
    }
  }

  size_t MemoryBytes() const;
  // Time Build or Update took for this store.
  std::chrono::microseconds build_time() const { return build_time_; }

 private:
  // The columns of kPageDocs consecutive docids: the unit an update copies.
  static constexpr uint32_t kPageDocs = 4096;
  struct ColumnPage {
    ColumnPage();
    std::array<int32_t, kPageDocs> fee_min;
    std::array<int16_t, kPageDocs> telehealth_since;
    std::array<int64_t, kPageDocs> updated_at;
    std::array<int64_t, kPageDocs> availability_at;
    std::array<int64_t, kPageDocs> verified_at;
    std::array<uint32_t, kPageDocs> doc_length;
    std::array<uint32_t, kPageDocs + 1> office_begin;  // slot s: [begin[s], begin[s+1])
    std::vector<OfficePoint> offices;
  };
  // A document's column values, as read from its value slots.
  struct DocColumns;
  void ApplyColumns(uint32_t page, const std::vector<std::pair<uint32_t, DocColumns>>& changes);

  FacetStore() = default;
  const ColumnPage& Page(uint32_t docid) const { return *pages_[docid / kPageDocs]; }
  static uint32_t Slot(uint32_t docid) { return docid % kPageDocs; }
  static uint32_t PageCount(uint32_t bound) { return (bound + kPageDocs - 1) / kPageDocs; }
  // Live documents whose `column` value lies in [low, high].
  template <typename Value>
  DocSet ColumnInRange(std::array<Value, kPageDocs> ColumnPage::*column, Value low,
                       Value high) const;
  void ReadTerms(Xapian::Database& db);
  void ReadColumns(Xapian::Database& db);
  // The end of Build and Update: `store` stamped with the time since `start`.
  static std::shared_ptr<const FacetStore> Finished(std::shared_ptr<FacetStore> store,
                                                    std::chrono::steady_clock::time_point start);
  // 503 "index_unavailable" for a Xapian error met while reading the index.
  static Error ReadError(const Xapian::Error& e);

  uint64_t revision_ = 0;
  uint64_t change_seq_ = 0;
  uint32_t bound_ = 0;
  DocSet live_;
  std::map<std::string, std::shared_ptr<const TermSet>, std::less<>> terms_;
  std::vector<std::shared_ptr<const ColumnPage>> pages_;  // page p: docids [p·kPageDocs, …)
  std::chrono::microseconds build_time_{0};
};

}  // namespace rapport
