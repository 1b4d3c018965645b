// IndexChecker: store/index comparison (index_checker.h).
#include "index_checker.h"

#include <limits>
#include <map>

#include <xapian.h>

#include "index_layout.h"
#include "index_stub.h"

namespace rapport {
namespace {

struct IndexedProfile {
  std::string version;
  Xapian::doccount copies = 0;  // documents carrying the id term (1 when sound)
};

// Every id term of the index with its document's version; ids are read from
// the Q terms, so documents without one show up as a count mismatch.
std::map<std::string, IndexedProfile> ReadIndexedProfiles(const Xapian::Database& db) {
  std::map<std::string, IndexedProfile> indexed;
  const std::string prefix(layout::kIdPrefix);
  for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
    IndexedProfile& profile = indexed[(*term).substr(prefix.size())];
    profile.copies = term.get_termfreq();
    Xapian::PostingIterator posting = db.postlist_begin(*term);
    profile.version = db.get_document(*posting).get_value(layout::kSlotVersion);
  }
  return indexed;
}

}  // namespace

Result<CheckReport> CheckIndex(const DataDir& data_dir, const ProfileStore& store) {
  CheckReport report;
  std::map<std::string, IndexedProfile> indexed;
  int64_t id_documents = 0;
  try {
    Result<std::string> folder = ReadIndexStub(data_dir);
    if (!folder) return folder.error();
    Xapian::Database db(data_dir.IndexPath());
    if (Status layout = layout::CheckLayoutVersion(db); !layout) return layout.error();
    report.indexed = db.get_doccount();
    indexed = ReadIndexedProfiles(db);
    for (const auto& [id, profile] : indexed) id_documents += profile.copies;
  } catch (const Xapian::Error& e) {
    return Error::Internal("cannot read the index: " + e.get_description());
  }
  Result<std::vector<OutboxEntry>> pending = store.PendingOutbox(std::numeric_limits<int>::max());
  if (!pending) return pending.error();
  report.pending_outbox = static_cast<int64_t>(pending.value().size());

  Status read = store.ForEachPublished([&](const StoredProfile& stored) {
    ++report.published;
    const std::string& id = stored.profile.id;
    auto found = indexed.find(id);
    const std::string version = std::to_string(stored.version);
    if (found == indexed.end()) {
      report.disagreements.push_back(id + ": published at version " + version +
                                     " but missing from the index");
      return;
    }
    if (found->second.version != version) {
      report.disagreements.push_back(id + ": indexed at version " + found->second.version +
                                     ", store has version " + version);
    }
    if (found->second.copies != 1) {
      report.disagreements.push_back(id + ": indexed " + std::to_string(found->second.copies) +
                                     " times");
    }
    indexed.erase(found);
  });
  if (!read) return read.error();
  for (const auto& [id, profile] : indexed) {
    report.disagreements.push_back(id + ": in the index (version " + profile.version +
                                   ") but not published in the store");
  }
  if (report.indexed != id_documents) {
    report.disagreements.push_back(std::to_string(report.indexed - id_documents) +
                                   " documents in the index have no id term");
  }
  return report;
}

}  // namespace rapport
