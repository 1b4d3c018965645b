// FacetStore: reads posting lists and value slots of one revision into memory.
#include "facet_store.h"

#include <cmath>

#include "index_layout.h"

namespace rapport {

namespace {

// Boolean terms start with this; geo cells (many, tiny, only used to narrow a
// radius search through the index itself) are left out.
constexpr std::string_view kBooleanTermStart = "X";
constexpr std::string_view kCellTermStart = "XB";

template <typename T>
void ReadSlot(Xapian::Database& db, unsigned slot, std::vector<T>& column, T absent,
              double scale = 1) {
  column.assign(column.size(), absent);
  for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
    const std::string& raw = *it;
    if (raw.empty()) continue;
    column[it.get_docid()] =
        static_cast<T>(std::llround(Xapian::sortable_unserialise(raw) * scale));
  }
}

}  // namespace

Result<std::shared_ptr<const FacetStore>> FacetStore::Build(Xapian::Database& db) {
  const auto start = std::chrono::steady_clock::now();
  try {
    std::shared_ptr<FacetStore> store(new FacetStore());
    store->revision_ = db.get_revision();
    store->bound_ = db.get_lastdocid() + 1;
    store->live_ = DocSet(store->bound_);
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) store->live_.Insert(*it);
    store->ReadTerms(db);
    store->ReadColumns(db);
    store->build_time_ = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - start);
    return std::shared_ptr<const FacetStore>(std::move(store));
  } catch (const Xapian::Error& e) {
    return Error{503, "index_unavailable", "cannot read the index: " + e.get_msg(), ""};
  }
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
    terms_.emplace(name, TermSet(std::move(docids), bound_));
  }
}

void FacetStore::ReadColumns(Xapian::Database& db) {
  fee_min_.resize(bound_);
  telehealth_since_.resize(bound_);
  updated_at_.resize(bound_);
  availability_at_.resize(bound_);
  verified_at_.resize(bound_);
  ReadSlot(db, layout::kSlotFeeMin, fee_min_, kNoFee);
  ReadSlot(db, layout::kSlotTelehealthSince, telehealth_since_, kNoYear);
  ReadSlot(db, layout::kSlotUpdatedAt, updated_at_, kNoTime);
  ReadSlot(db, layout::kSlotAvailabilityConfirmedAt, availability_at_, kNoTime);
  ReadSlot(db, layout::kSlotVerifiedAt, verified_at_, kNoTime);

  office_begin_.assign(bound_ + 1, 0);
  std::vector<std::pair<uint32_t, std::string>> raw;
  for (auto it = db.valuestream_begin(layout::kSlotOfficeCoords);
       it != db.valuestream_end(layout::kSlotOfficeCoords); ++it) {
    raw.emplace_back(it.get_docid(), *it);
  }
  size_t next = 0;
  for (uint32_t docid = 0; docid < bound_; ++docid) {
    office_begin_[docid] = static_cast<uint32_t>(offices_.size());
    if (next < raw.size() && raw[next].first == docid) {
      Xapian::LatLongCoords coords;
      coords.unserialise(raw[next].second);
      for (const auto& coord : coords) offices_.push_back({coord.latitude, coord.longitude});
      ++next;
    }
  }
  office_begin_[bound_] = static_cast<uint32_t>(offices_.size());
}

const TermSet* FacetStore::Term(std::string_view term) const {
  auto it = terms_.find(term);
  return it == terms_.end() ? nullptr : &it->second;
}

std::vector<std::pair<std::string_view, const TermSet*>> FacetStore::Values(
    std::string_view prefix) const {
  std::vector<std::pair<std::string_view, const TermSet*>> values;
  for (auto it = terms_.lower_bound(prefix);
       it != terms_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
    values.emplace_back(std::string_view(it->first).substr(prefix.size()), &it->second);
  }
  return values;
}

size_t FacetStore::MemoryBytes() const {
  size_t bytes = live_.words().size() * sizeof(uint64_t);
  for (const auto& [name, set] : terms_) bytes += name.size() + set.MemoryBytes();
  bytes += fee_min_.size() * sizeof(int32_t) + telehealth_since_.size() * sizeof(int16_t);
  bytes += (updated_at_.size() + availability_at_.size() + verified_at_.size()) * sizeof(int64_t);
  bytes += office_begin_.size() * sizeof(uint32_t) + offices_.size() * sizeof(OfficePoint);
  return bytes;
}

}  // namespace rapport
