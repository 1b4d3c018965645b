// FacetStore: an in-memory, immutable picture of one index revision that
// filtering, facet counting and non-text ranking read instead of the index:
// every boolean term's posting list (TermSet) except ids and geo cells, plus
// per-document columns decoded from the value slots. Built when a revision
// is opened and shared by every thread reading that revision (docs/facets.md).
#pragma once

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

struct OfficePoint {
  double lat = 0;
  double lon = 0;
};

class FacetStore {
 public:
  static constexpr int32_t kNoFee = INT32_MAX;
  static constexpr int16_t kNoYear = 0;
  static constexpr int64_t kNoTime = INT64_MIN;

  // Reads `db` (one revision). 500 Error if Xapian fails.
  static Result<std::shared_ptr<const FacetStore>> Build(Xapian::Database& db);

  uint64_t revision() const { return revision_; }
  uint32_t bound() const { return bound_; }  // every docid is below this
  const DocSet& live() const { return live_; }

  // The posting set of a full term (prefix + value); nullptr when no document has it.
  const TermSet* Term(std::string_view term) const;
  // (value, set) of every term with `prefix`, in value order.
  std::vector<std::pair<std::string_view, const TermSet*>> Values(std::string_view prefix) const;

  int32_t fee_min(uint32_t docid) const { return fee_min_[docid]; }
  int16_t telehealth_since(uint32_t docid) const { return telehealth_since_[docid]; }
  int64_t updated_at(uint32_t docid) const { return updated_at_[docid]; }
  int64_t availability_confirmed_at(uint32_t docid) const { return availability_at_[docid]; }
  int64_t verified_at(uint32_t docid) const { return verified_at_[docid]; }
  // Offices of a document with coordinates.
  std::pair<const OfficePoint*, const OfficePoint*> Offices(uint32_t docid) const {
    return {offices_.data() + office_begin_[docid], offices_.data() + office_begin_[docid + 1]};
  }

  size_t MemoryBytes() const;
  std::chrono::microseconds build_time() const { return build_time_; }

 private:
  FacetStore() = default;
  void ReadTerms(Xapian::Database& db);
  void ReadColumns(Xapian::Database& db);

  uint64_t revision_ = 0;
  uint32_t bound_ = 0;
  DocSet live_;
  std::map<std::string, TermSet, std::less<>> terms_;
  std::vector<int32_t> fee_min_;
  std::vector<int16_t> telehealth_since_;
  std::vector<int64_t> updated_at_;
  std::vector<int64_t> availability_at_;
  std::vector<int64_t> verified_at_;
  std::vector<uint32_t> office_begin_;  // offices of docid d: [begin[d], begin[d+1])
  std::vector<OfficePoint> offices_;
  std::chrono::microseconds build_time_{0};
};

}  // namespace rapport
