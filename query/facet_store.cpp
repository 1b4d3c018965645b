// FacetStore: reads posting lists and value slots of one revision into memory.
#include "facet_store.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <utility>

#include "change_log.h"
#include "column_scan.h"
#include "index_layout.h"

namespace rapport {

namespace {

// Boolean terms start with this; geo cells (many, tiny, only used to narrow a
// radius search through the index itself) are left out.
constexpr std::string_view kBooleanTermStart = "X";
constexpr std::string_view kCellTermStart = "XB";

constexpr double kRadiansPerDegree = 3.14159265358979323846 / 180;

}  // namespace

UnitVector UnitVector::Of(double lat_degrees, double lon_degrees) {
  const double lat = lat_degrees * kRadiansPerDegree;
  const double lon = lon_degrees * kRadiansPerDegree;
  return {std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon), std::sin(lat)};
}

OfficePoint::OfficePoint(double lat_degrees, double lon_degrees)
    : lat(lat_degrees), lon(lon_degrees) {
  const UnitVector unit = UnitVector::Of(lat_degrees, lon_degrees);
  x = static_cast<float>(unit.x);
  y = static_cast<float>(unit.y);
  z = static_cast<float>(unit.z);
}

FacetStore::ColumnPage::ColumnPage() {
  fee_min.fill(kNoFee);
  telehealth_since.fill(kNoYear);
  updated_at.fill(kNoTime);
  availability_at.fill(kNoTime);
  verified_at.fill(kNoTime);
  doc_length.fill(0);
  office_begin.fill(0);
}

Result<std::shared_ptr<const FacetStore>> FacetStore::Build(Xapian::Database& db) {
  const auto start = std::chrono::steady_clock::now();
  try {
    std::shared_ptr<FacetStore> store(new FacetStore());
    store->revision_ = db.get_revision();
    store->change_seq_ = ChangeLogSeq(db);
    store->bound_ = db.get_lastdocid() + 1;
    store->live_ = DocSet(store->bound_);
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) store->live_.Insert(*it);
    store->ReadTerms(db);
    store->ReadColumns(db);
    return Finished(std::move(store), start);
  } catch (const Xapian::DatabaseModifiedError&) {
    throw;  // the caller reopens its database and tries again
  } catch (const Xapian::Error& e) {
    return ReadError(e);
  }
}

std::shared_ptr<const FacetStore> FacetStore::Finished(
    std::shared_ptr<FacetStore> store, std::chrono::steady_clock::time_point start) {
  store->build_time_ = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - start);
  return store;
}

Error FacetStore::ReadError(const Xapian::Error& e) {
  return Error::IndexUnavailable("cannot read the index: " + e.get_msg());
}

void FacetStore::ReadTerms(Xapian::Database& db) {
  const std::string start(kBooleanTermStart);
  for (auto term = db.allterms_begin(start); term != db.allterms_end(start); ++term) {
    const std::string name = *term;
    if (name.compare(0, kCellTermStart.size(), kCellTermStart) == 0) continue;
    std::vector<uint32_t> docids;
    docids.reserve(term.get_termfreq());
    for (auto post = db.postlist_begin(name); post != db.postlist_end(name); ++post) {
      docids.push_back(*post);
    }
    terms_.emplace(name, std::make_shared<const TermSet>(std::move(docids), bound_));
  }
}

void FacetStore::ReadColumns(Xapian::Database& db) {
  std::vector<std::shared_ptr<ColumnPage>> pages(PageCount(bound_));
  for (auto& page : pages) page = std::make_shared<ColumnPage>();
  auto read_slot = [&](unsigned slot, auto member) {
    for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
      const std::string& raw = *it;
      if (raw.empty()) continue;
      auto& column = (*pages[it.get_docid() / kPageDocs]).*member;
      using Value = typename std::decay_t<decltype(column)>::value_type;
      column[Slot(it.get_docid())] =
          static_cast<Value>(std::llround(Xapian::sortable_unserialise(raw)));
    }
  };
  read_slot(layout::kSlotFeeMin, &ColumnPage::fee_min);
  read_slot(layout::kSlotTelehealthSince, &ColumnPage::telehealth_since);
  read_slot(layout::kSlotUpdatedAt, &ColumnPage::updated_at);
  read_slot(layout::kSlotAvailabilityConfirmedAt, &ColumnPage::availability_at);
  read_slot(layout::kSlotVerifiedAt, &ColumnPage::verified_at);
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    pages[*it / kPageDocs]->doc_length[Slot(*it)] = it.get_doclength();
  }

  // Offices arrive in docid order, so each page's ranges are filled front to back.
  std::vector<uint32_t> filled(pages.size(), 0);  // slots whose begin is set, per page
  auto fill_to = [&](size_t page, uint32_t slot) {
    ColumnPage& p = *pages[page];
    for (; filled[page] <= slot; ++filled[page]) {
      p.office_begin[filled[page]] = static_cast<uint32_t>(p.offices.size());
    }
  };
  for (auto it = db.valuestream_begin(layout::kSlotOfficeCoords);
       it != db.valuestream_end(layout::kSlotOfficeCoords); ++it) {
    const uint32_t docid = it.get_docid();
    fill_to(docid / kPageDocs, Slot(docid));
    Xapian::LatLongCoords coords;
    coords.unserialise(*it);
    for (const auto& coord : coords) {
      pages[docid / kPageDocs]->offices.push_back({coord.latitude, coord.longitude});
    }
  }
  for (size_t page = 0; page < pages.size(); ++page) fill_to(page, kPageDocs);
  pages_.assign(pages.begin(), pages.end());
}

const TermSet* FacetStore::Term(std::string_view term) const {
  auto it = terms_.find(term);
  return it == terms_.end() ? nullptr : it->second.get();
}

std::vector<std::pair<std::string_view, const TermSet*>> FacetStore::Values(
    std::string_view prefix) const {
  std::vector<std::pair<std::string_view, const TermSet*>> values;
  for (auto it = terms_.lower_bound(prefix);
       it != terms_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
    values.emplace_back(std::string_view(it->first).substr(prefix.size()), it->second.get());
  }
  return values;
}

template <typename Value>
DocSet FacetStore::ColumnInRange(std::array<Value, kPageDocs> ColumnPage::*column, Value low,
                                 Value high) const {
  std::vector<uint64_t> words((bound_ + 63) / 64);
  constexpr size_t kPageWords = kPageDocs / 64;
  for (size_t page = 0; page < pages_.size(); ++page) {
    const size_t first = page * kPageWords;
    WordsInRange(((*pages_[page]).*column).data(), std::min(kPageWords, words.size() - first), low,
                 high, words.data() + first);
  }
  DocSet docs = DocSet::FromWords(bound_, std::move(words));
  docs.IntersectWith(live_);
  return docs;
}

DocSet FacetStore::FeeAtMost(int32_t fee_max) const {
  return ColumnInRange(&ColumnPage::fee_min, INT32_MIN, std::min(fee_max, kNoFee - 1));
}

DocSet FacetStore::TelehealthSinceBefore(int year) const {
  // Years are int16 and kNoYear (0) is below every real one.
  if (year <= kNoYear + 1) return DocSet(bound_);
  const int last = std::min(year - 1, INT16_MAX);
  return ColumnInRange(&ColumnPage::telehealth_since, static_cast<int16_t>(kNoYear + 1),
                       static_cast<int16_t>(last));
}

size_t FacetStore::MemoryBytes() const {
  size_t bytes = live_.words().size() * sizeof(uint64_t);
  for (const auto& [name, set] : terms_) bytes += name.size() + set->MemoryBytes();
  for (const auto& page : pages_) {
    bytes += sizeof(ColumnPage) + page->offices.size() * sizeof(OfficePoint);
  }
  return bytes;
}

}  // namespace rapport
