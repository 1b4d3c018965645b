// IndexChecker: store/index comparison (index_checker.h).
#include "index_checker.h"

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

// The live index's documents, read through one folder. A rebuild may switch
// the stub (and later remove the folder) while this reads: then the read is
// done again on the new folder, a few times at most.
struct IndexSide {
  int64_t documents = 0;
  int64_t id_documents = 0;  // documents carrying an id term
  std::map<std::string, IndexedProfile> profiles;
};

Result<IndexSide> ReadLiveIndex(const DataDir& data_dir) {
  constexpr int kAttempts = 5;
  std::string last_problem;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    Result<std::string> folder = ReadIndexStub(data_dir);
    if (!folder) return folder.error();
    try {
      Xapian::Database db(IndexFolderPath(data_dir, folder.value()));
      if (Status layout = layout::CheckLayoutVersion(db); !layout) return layout.error();
      IndexSide side;
      side.documents = db.get_doccount();
      side.profiles = ReadIndexedProfiles(db);
      for (const auto& [id, profile] : side.profiles) side.id_documents += profile.copies;
      return side;
    } catch (const Xapian::Error& e) {
      last_problem = e.get_description();
      // Only a switch explains a failed read: otherwise the index is damaged.
      Result<std::string> now = ReadIndexStub(data_dir);
      if (!now || now.value() == folder.value()) break;
    }
  }
  return Error::Internal("cannot read the index: " + last_problem);
}

}  // namespace

Result<CheckReport> CheckIndex(const DataDir& data_dir, const ProfileStore& store) {
  CheckReport report;
  Result<IndexSide> index = ReadLiveIndex(data_dir);
  if (!index) return index.error();
  report.indexed = index.value().documents;
  const int64_t id_documents = index.value().id_documents;
  std::map<std::string, IndexedProfile>& indexed = index.value().profiles;
  Result<OutboxSummary> outbox = store.SummariseOutbox();
  if (!outbox) return outbox.error();
  report.pending_outbox = outbox.value().pending;

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
