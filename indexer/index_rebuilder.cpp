// IndexRebuilder: full rebuild into a new folder and atomic switch
// (index_rebuilder.h).
#include "index_rebuilder.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "bounded_queue.h"
#include "document_builder.h"
#include "index_metadata.h"
#include "index_stub.h"
#include "index_writer.h"
#include "public_profile.h"

namespace rapport {
namespace {

using Clock = std::chrono::steady_clock;

struct BuiltBatch {
  std::vector<Xapian::Document> documents;
  std::unordered_map<std::string, unsigned> spelling;  // word -> documents using it
};

// The first error of any pipeline thread; later ones are dropped.
class FirstError {
 public:
  void Set(Error error) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!error_) error_ = std::move(error);
  }
  std::optional<Error> Get() {
    std::lock_guard<std::mutex> lock(mutex_);
    return error_;
  }

 private:
  std::mutex mutex_;
  std::optional<Error> error_;  // guarded by mutex_
};

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

// Reads every published profile (this thread), builds documents on builder
// threads and adds them to `db` on one writer thread. Returns the count added.
Result<int64_t> BuildAll(Xapian::WritableDatabase& db, const ProfileStore& store,
                         const Vocabulary& vocabulary, const Compacts& compacts,
                         const RebuildOptions& options, int64_t total, std::ostream& progress) {
  BoundedQueue<std::vector<StoredProfile>> profiles(options.queued_batches);
  BoundedQueue<BuiltBatch> built(options.queued_batches);
  FirstError first_error;
  const int current_year = CurrentUtcYear();
  const auto fail = [&](Error error) {
    first_error.Set(std::move(error));
    profiles.Close();
    built.Close();
  };

  std::vector<std::thread> builders;
  for (unsigned i = 0; i < std::max(1u, options.builder_threads); ++i) {
    builders.emplace_back([&] {
      DocumentBuilder builder(vocabulary, compacts, current_year);
      while (std::optional<std::vector<StoredProfile>> batch = profiles.Pop()) {
        BuiltBatch out;
        out.documents.reserve(batch->size());
        for (const StoredProfile& stored : *batch) {
          Result<BuiltDocument> document = builder.Build(stored);
          if (!document) return fail(document.error());
          for (const std::string& word : document.value().spelling_words) ++out.spelling[word];
          out.documents.push_back(std::move(document.value().document));
        }
        if (!built.Push(std::move(out))) return;
      }
    });
  }

  int64_t added = 0;
  std::thread writer([&] {
    const Clock::time_point start = Clock::now();
    int64_t since_flush = 0;
    try {
      while (std::optional<BuiltBatch> batch = built.Pop()) {
        for (const Xapian::Document& document : batch->documents) db.add_document(document);
        for (const auto& [word, count] : batch->spelling) db.add_spelling(word, count);
        const auto count = static_cast<int64_t>(batch->documents.size());
        since_flush += count;
        if (since_flush >= options.flush_documents) {
          db.commit();
          since_flush = 0;
        }
        if ((added + count) / options.progress_every > added / options.progress_every) {
          const double elapsed = std::max(Seconds(start), 1e-3);
          progress << "indexed " << added + count << "/" << total << " ("
                   << static_cast<int64_t>((added + count) / elapsed) << "/s)\n";
          progress.flush();
        }
        added += count;
      }
    } catch (const Xapian::Error& e) {
      fail(Error::Internal("cannot write the new index: " + e.get_description()));
    }
  });

  std::vector<StoredProfile> batch;
  Status read = store.ForEachPublished([&](const StoredProfile& stored) {
    batch.push_back(stored);
    if (batch.size() >= options.profiles_per_batch) {
      profiles.Push(std::move(batch));
      batch.clear();
    }
  });
  if (!batch.empty()) profiles.Push(std::move(batch));
  if (!read) fail(read.error());
  profiles.Close();
  for (std::thread& builder : builders) builder.join();
  built.Close();
  writer.join();
  if (std::optional<Error> error = first_error.Get()) return *error;
  return added;
}

// Every pending outbox row with seq > `after`.
Result<std::vector<OutboxEntry>> OutboxAfter(const ProfileStore& store, int64_t after) {
  Result<std::vector<OutboxEntry>> rows = store.PendingOutbox(std::numeric_limits<int>::max());
  if (!rows) return rows.error();
  std::vector<OutboxEntry>& entries = rows.value();
  entries.erase(std::remove_if(entries.begin(), entries.end(),
                               [&](const OutboxEntry& entry) { return entry.seq <= after; }),
                entries.end());
  return rows;
}

// Removes index folders older than `previous` (kept for readers that have not
// reopened yet). Folders above it are the live one or a concurrent rebuild's.
void RemoveOldFolders(const DataDir& data_dir, const std::string& previous, const std::string& live,
                      std::ostream& progress) {
  for (const std::string& folder : ListIndexFolders(data_dir)) {
    if (folder == previous || folder == live) break;
    std::error_code error;
    std::filesystem::remove_all(IndexFolderPath(data_dir, folder), error);
    if (error)
      progress << "could not remove old index " << folder << ": " << error.message() << "\n";
  }
}

Result<RebuildSummary> BuildAndSwitch(const DataDir& data_dir, ProfileStore& store,
                                      const Vocabulary& vocabulary, const Compacts& compacts,
                                      const RebuildOptions& options, const std::string& folder,
                                      std::ostream& progress) {
  const Clock::time_point start = Clock::now();
  RebuildSummary summary;
  summary.folder = folder;
  // Every row up to `snapshot_seq` was committed before the store is read below.
  Result<std::vector<OutboxEntry>> pending = OutboxAfter(store, 0);
  if (!pending) return pending.error();
  const int64_t snapshot_seq = pending.value().empty() ? 0 : pending.value().back().seq;
  pending.value() = {};
  Result<int64_t> total = store.CountPublished();
  if (!total) return total.error();

  Xapian::WritableDatabase db(IndexFolderPath(data_dir, folder),
                              Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
  Result<int64_t> added =
      BuildAll(db, store, vocabulary, compacts, options, total.value(), progress);
  if (!added) return added.error();

  Result<std::vector<OutboxEntry>> later = OutboxAfter(store, snapshot_seq);
  if (!later) return later.error();
  DocumentBuilder builder(vocabulary, compacts, CurrentUtcYear());
  Result<int64_t> later_seq = ApplyOutboxEntries(db, store, builder, later.value());
  if (!later_seq) return later_seq.error();
  summary.outbox_rows_applied = static_cast<int64_t>(later.value().size());
  summary.applied_outbox_seq = std::max(snapshot_seq, later_seq.value());
  WriteSearchMetadata(db, vocabulary);
  SetAppliedOutboxSeq(db, summary.applied_outbox_seq);
  db.commit();
  summary.documents = db.get_doccount();
  db.close();

  if (Status switched = WriteIndexStub(data_dir, folder); !switched) return switched.error();
  if (summary.applied_outbox_seq > 0) {
    if (Status acked = store.AckOutbox(summary.applied_outbox_seq); !acked) return acked.error();
  }
  summary.seconds = Seconds(start);
  return summary;
}

}  // namespace

Result<RebuildSummary> RebuildIndex(const DataDir& data_dir, ProfileStore& store,
                                    const Vocabulary& vocabulary, const Compacts& compacts,
                                    const RebuildOptions& options, std::ostream& progress) {
  // Holding the live index's write lock keeps syncs from acking rows meanwhile.
  Result<Xapian::WritableDatabase> live = OpenLiveIndexForWriting(data_dir, vocabulary);
  if (!live) return live.error();
  Result<std::string> previous = ReadIndexStub(data_dir);
  if (!previous) return previous.error();
  Result<std::string> folder = CreateIndexFolder(data_dir);
  if (!folder) return folder.error();

  Result<RebuildSummary> summary = [&]() -> Result<RebuildSummary> {
    try {
      return BuildAndSwitch(data_dir, store, vocabulary, compacts, options, folder.value(),
                            progress);
    } catch (const Xapian::Error& e) {
      return Error::Internal("rebuild failed: " + e.get_description());
    }
  }();
  if (!summary) {
    // A folder the stub already names is live, even if a later step failed.
    Result<std::string> named = ReadIndexStub(data_dir);
    if (!named || named.value() != folder.value()) {
      std::error_code ignored;
      std::filesystem::remove_all(IndexFolderPath(data_dir, folder.value()), ignored);
    }
    return summary;
  }
  RemoveOldFolders(data_dir, previous.value(), folder.value(), progress);
  live.value().close();
  return summary;
}

}  // namespace rapport
