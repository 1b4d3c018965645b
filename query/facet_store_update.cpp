// FacetStore::Update (facet_store.h): the store of a new revision from the
// previous revision's store plus the documents the index's change log lists.
// Each changed docid is taken out of every term set and column, then put back
// from its document when it still exists; untouched term sets and column
// pages stay shared with the previous store.
#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include "change_log.h"
#include "facet_store.h"
#include "index_layout.h"

namespace rapport {

namespace {

// With more changed docids than bound / this, a full build is about as cheap.
constexpr uint32_t kMaxChangedFraction = 4;
constexpr std::string_view kBooleanTermStart = "X";
constexpr std::string_view kCellTermStart = "XB";

template <typename T>
T SlotValue(const Xapian::Document& doc, unsigned slot, T absent) {
  const std::string raw = doc.get_value(slot);
  if (raw.empty()) return absent;
  return static_cast<T>(std::llround(Xapian::sortable_unserialise(raw)));
}

bool IsStoredTerm(const std::string& term) {
  return term.compare(0, kCellTermStart.size(), kCellTermStart) != 0;
}

}  // namespace

struct FacetStore::DocColumns {
  int32_t fee_min = kNoFee;
  int16_t telehealth_since = kNoYear;
  int64_t updated_at = kNoTime;
  int64_t availability_at = kNoTime;
  int64_t verified_at = kNoTime;
  uint32_t doc_length = 0;
  std::vector<OfficePoint> offices;
};

void FacetStore::ApplyColumns(uint32_t page_index,
                              const std::vector<std::pair<uint32_t, DocColumns>>& changes) {
  const ColumnPage& old_page = *pages_[page_index];
  auto page = std::make_shared<ColumnPage>(old_page);
  page->offices.clear();
  size_t next = 0;  // changes are in slot order
  for (uint32_t slot = 0; slot < kPageDocs; ++slot) {
    page->office_begin[slot] = static_cast<uint32_t>(page->offices.size());
    if (next < changes.size() && changes[next].first == slot) {
      const DocColumns& doc = changes[next++].second;
      page->fee_min[slot] = doc.fee_min;
      page->telehealth_since[slot] = doc.telehealth_since;
      page->updated_at[slot] = doc.updated_at;
      page->availability_at[slot] = doc.availability_at;
      page->verified_at[slot] = doc.verified_at;
      page->doc_length[slot] = doc.doc_length;
      page->offices.insert(page->offices.end(), doc.offices.begin(), doc.offices.end());
    } else {
      page->offices.insert(page->offices.end(),
                           old_page.offices.begin() + old_page.office_begin[slot],
                           old_page.offices.begin() + old_page.office_begin[slot + 1]);
    }
  }
  page->office_begin[kPageDocs] = static_cast<uint32_t>(page->offices.size());
  pages_[page_index] = std::move(page);
}

Result<std::shared_ptr<const FacetStore>> FacetStore::Update(const FacetStore& previous,
                                                             Xapian::Database& db) {
  const auto start = std::chrono::steady_clock::now();
  try {
    const uint64_t revision = db.get_revision();
    const uint64_t seq = ChangeLogSeq(db);
    // Every commit since `previous` must have logged itself: one entry per revision.
    if (revision < previous.revision_ || seq < previous.change_seq_ ||
        seq - previous.change_seq_ != revision - previous.revision_) {
      return std::shared_ptr<const FacetStore>();
    }
    auto changed = ChangedDocidsBetween(db, previous.change_seq_, seq);
    const uint32_t bound = std::max(previous.bound_, db.get_lastdocid() + 1);
    if (!changed || changed->size() > bound / kMaxChangedFraction) {
      return std::shared_ptr<const FacetStore>();
    }

    std::shared_ptr<FacetStore> store(new FacetStore(previous));
    store->revision_ = revision;
    store->change_seq_ = seq;
    store->bound_ = bound;
    store->live_.Grow(bound);
    while (store->pages_.size() < PageCount(bound)) {
      store->pages_.push_back(std::make_shared<const ColumnPage>());
    }

    // term → (docids leaving it, docids joining it), each ascending.
    std::map<std::string, std::pair<std::vector<uint32_t>, std::vector<uint32_t>>, std::less<>>
        edits;
    for (const auto& [name, set] : previous.terms_) {
      for (uint32_t docid : *changed) {
        if (set->Contains(docid)) edits[name].first.push_back(docid);
      }
    }
    std::map<uint32_t, std::vector<std::pair<uint32_t, DocColumns>>> column_changes;
    for (uint32_t docid : *changed) {
      store->live_.Erase(docid);
      DocColumns columns;
      Xapian::Document doc;
      bool exists = true;
      try {
        doc = db.get_document(docid);
      } catch (const Xapian::DocNotFoundError&) {
        exists = false;
      }
      if (exists) {
        store->live_.Insert(docid);
        auto term = doc.termlist_begin();
        for (term.skip_to(std::string(kBooleanTermStart)); term != doc.termlist_end(); ++term) {
          const std::string name = *term;
          if (name.compare(0, kBooleanTermStart.size(), kBooleanTermStart) < 0) continue;
          if (name.compare(0, kBooleanTermStart.size(), kBooleanTermStart) > 0) break;
          if (IsStoredTerm(name)) edits[name].second.push_back(docid);
        }
        columns.fee_min = SlotValue(doc, layout::kSlotFeeMin, kNoFee);
        columns.telehealth_since = SlotValue(doc, layout::kSlotTelehealthSince, kNoYear);
        columns.updated_at = SlotValue(doc, layout::kSlotUpdatedAt, kNoTime);
        columns.availability_at = SlotValue(doc, layout::kSlotAvailabilityConfirmedAt, kNoTime);
        columns.verified_at = SlotValue(doc, layout::kSlotVerifiedAt, kNoTime);
        columns.doc_length = db.get_doclength(docid);
        const std::string coords_raw = doc.get_value(layout::kSlotOfficeCoords);
        if (!coords_raw.empty()) {
          Xapian::LatLongCoords coords;
          coords.unserialise(coords_raw);
          for (const auto& coord : coords) {
            columns.offices.push_back({coord.latitude, coord.longitude});
          }
        }
      }
      column_changes[docid / kPageDocs].emplace_back(Slot(docid), std::move(columns));
    }

    for (auto& [name, edit] : edits) {
      auto it = store->terms_.find(name);
      TermSet updated = it != store->terms_.end()
                            ? it->second->Updated(edit.first, edit.second, bound)
                            : TermSet(std::move(edit.second), bound);
      if (updated.size() == 0) {
        if (it != store->terms_.end()) store->terms_.erase(it);
      } else if (it != store->terms_.end()) {
        it->second = std::make_shared<const TermSet>(std::move(updated));
      } else {
        store->terms_.emplace(name, std::make_shared<const TermSet>(std::move(updated)));
      }
    }
    for (const auto& [page, changes] : column_changes) store->ApplyColumns(page, changes);

    return Finished(std::move(store), start);
  } catch (const Xapian::DatabaseModifiedError&) {
    throw;  // the caller reopens its database and tries again
  } catch (const Xapian::Error& e) {
    return ReadError(e);
  }
}

}  // namespace rapport
