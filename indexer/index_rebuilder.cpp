// IndexRebuilder: full rebuild into a new folder and atomic switch
// (index_rebuilder.h).
#include "index_rebuilder.h"

#include <algorithm>
#include <atomic>
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
#include "published_keys.h"
#include "rebuild_claim.h"
#include "utc_time.h"

namespace rapport {
namespace {

using Clock = std::chrono::steady_clock;

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

// Counts documents across worker threads and prints a progress line every
// `every` documents.
class Progress {
 public:
  Progress(int64_t total, int64_t every, std::ostream& out)
      : total_(total), every_(std::max<int64_t>(1, every)), out_(out) {}

  void Add(int64_t count) {
    std::lock_guard<std::mutex> lock(mutex_);
    const int64_t before = done_;
    done_ += count;
    if (done_ / every_ > before / every_) {
      const double elapsed = std::max(Seconds(start_), 1e-3);
      out_ << "indexed " << done_ << "/" << total_ << " ("
           << static_cast<int64_t>(static_cast<double>(done_) / elapsed) << "/s)\n";
      out_.flush();
    }
  }

 private:
  const Clock::time_point start_ = Clock::now();
  const int64_t total_;
  const int64_t every_;
  std::ostream& out_;
  std::mutex mutex_;
  int64_t done_ = 0;  // guarded by mutex_
};

// Reads every published profile (this thread) and hands batches to one worker
// per builder thread; each worker builds documents and adds them to its own
// shard database, so both the building and Xapian's inversion run on every
// core. Returns the shard paths, to be compacted into one index, and adds
// the shards' commits to `flushes`.
Result<std::vector<std::string>> BuildShards(const std::string& shard_base,
                                             const ProfileStore& store,
                                             const Vocabulary& vocabulary, const Compacts& compacts,
                                             const RebuildOptions& options, int64_t total,
                                             std::atomic<int64_t>& flushes,
                                             std::ostream& progress_out) {
  BoundedQueue<std::vector<StoredProfile>> profiles(options.queued_batches);
  FirstError first_error;
  Progress progress(total, options.progress_every, progress_out);
  const int current_year = CurrentUtcYear();
  const auto fail = [&](Error error) {
    first_error.Set(std::move(error));
    profiles.Close();
  };

  std::vector<std::string> shard_paths;
  for (unsigned i = 0; i < std::max(1u, options.builder_threads); ++i) {
    shard_paths.push_back(shard_base + ".shard-" + std::to_string(i));
  }
  std::vector<std::thread> workers;
  for (const std::string& shard_path : shard_paths) {
    workers.emplace_back([&, shard_path] {
      try {
        // A shard is scratch: nothing reads it before the merge, and a rebuild
        // that fails removes it. So no fsync per flush, and blocks updated in
        // place instead of copy-on-write (less written; smaller shards merge
        // faster).
        Xapian::WritableDatabase shard(shard_path, Xapian::DB_CREATE_OR_OVERWRITE |
                                                       Xapian::DB_BACKEND_GLASS |
                                                       Xapian::DB_NO_SYNC | Xapian::DB_DANGEROUS);
        DocumentBuilder builder(vocabulary, compacts, current_year);
        unsigned since_flush = 0;
        // Word -> documents of this shard using it, added to the spelling
        // table once at the end: per batch, every flush rewrote the entries of
        // the batch's few thousand words (the same words each time).
        std::unordered_map<std::string, Xapian::termcount> spelling;
        while (std::optional<std::vector<StoredProfile>> batch = profiles.Pop()) {
          for (const StoredProfile& stored : *batch) {
            Result<BuiltDocument> built = builder.Build(stored);
            if (!built) return fail(built.error());
            for (const std::string& word : built.value().spelling_words) ++spelling[word];
            shard.add_document(built.value().document);
            if (++since_flush >= options.flush_documents) {
              shard.commit();
              ++flushes;
              since_flush = 0;
            }
          }
          progress.Add(static_cast<int64_t>(batch->size()));
        }
        for (const auto& [word, count] : spelling) shard.add_spelling(word, count);
        shard.commit();
        ++flushes;
      } catch (const Xapian::Error& e) {
        fail(
            Error::Internal("cannot write index shard " + shard_path + ": " + e.get_description()));
      }
    });
  }

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
  for (std::thread& worker : workers) worker.join();
  if (std::optional<Error> error = first_error.Get()) return *error;
  return shard_paths;
}

// Merges the shards into the empty folder `output` (Xapian's compaction:
// postings merged in term order, spelling frequencies summed).
void CompactShards(const std::vector<std::string>& shard_paths, const std::string& output) {
  Xapian::Database all;
  for (const std::string& path : shard_paths) all.add_database(Xapian::Database(path));
  all.compact(output, Xapian::Compactor::STANDARD);
}

void RemoveShards(const std::string& shard_base, unsigned count) {
  for (unsigned i = 0; i < std::max(1u, count); ++i) {
    std::error_code ignored;
    std::filesystem::remove_all(shard_base + ".shard-" + std::to_string(i), ignored);
  }
}

// Removes every index folder but `previous` (kept for readers that have not
// reopened yet) and `live`: older ones, and those a killed rebuild left
// behind (only a rebuild creates a folder beside the live one, and this one
// still holds the rebuild claim, so no other rebuild is writing one).
void RemoveUnusedFolders(const DataDir& data_dir, const std::string& previous,
                         const std::string& live, unsigned shard_count, std::ostream& progress) {
  for (const std::string& folder : ListIndexFolders(data_dir)) {
    if (folder == previous || folder == live) continue;
    std::error_code error;
    std::filesystem::remove_all(IndexFolderPath(data_dir, folder), error);
    RemoveShards(IndexFolderPath(data_dir, folder), shard_count);
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
  Result<OutboxSummary> outbox = store.SummariseOutbox();
  if (!outbox) return outbox.error();
  const int64_t snapshot_seq = outbox.value().last_seq;
  Result<int64_t> total = store.CountPublished();
  if (!total) return total.error();

  const std::string path = IndexFolderPath(data_dir, folder);
  std::atomic<int64_t> flushes{0};
  Result<std::vector<std::string>> shards =
      BuildShards(path, store, vocabulary, compacts, options, total.value(), flushes, progress);
  if (!shards) return shards.error();
  summary.shard_flushes = flushes;
  const Clock::time_point merge_start = Clock::now();
  CompactShards(shards.value(), path);
  RemoveShards(path, options.builder_threads);
  progress << "merged " << shards.value().size() << " shards in " << Seconds(merge_start) << " s\n";

  Xapian::WritableDatabase db(path, Xapian::DB_OPEN | Xapian::DB_BACKEND_GLASS);

  Result<std::vector<OutboxEntry>> later =
      store.PendingOutbox(std::numeric_limits<int>::max(), snapshot_seq);
  if (!later) return later.error();
  DocumentBuilder builder(vocabulary, compacts, CurrentUtcYear());
  Result<int64_t> later_seq = ApplyOutboxEntries(db, store, builder, later.value());
  if (!later_seq) return later_seq.error();
  summary.outbox_rows_applied = static_cast<int64_t>(later.value().size());
  summary.applied_outbox_seq = std::max(snapshot_seq, later_seq.value());
  WriteSearchMetadata(db, vocabulary);
  SetAppliedOutboxSeq(db, summary.applied_outbox_seq);
  // The partner keys as they are now; a change after this read is published
  // by the next writer pass (its version is then not this one).
  Result<KeySet> keys = store.ReadKeySet();
  if (!keys) return keys.error();
  WritePublishedKeys(db, keys.value());
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

// The live index opened for writing, trying again while another writer holds
// it (writers back off while `claim`ed, so this is the batch being written, or
// a writer that started before the claim) until `deadline`.
Result<Xapian::WritableDatabase> WaitForWriteLock(const DataDir& data_dir,
                                                  const Vocabulary& vocabulary,
                                                  Clock::time_point deadline,
                                                  std::ostream& progress) {
  const Clock::time_point start = Clock::now();
  Clock::time_point next_report = start;
  for (;;) {
    Result<Xapian::WritableDatabase> live = OpenLiveIndexForWriting(data_dir, vocabulary);
    if (live || live.error().code != "index_busy") return live;
    const Clock::time_point now = Clock::now();
    if (now >= deadline) {
      return IndexBusyError("another writer kept the index write lock for the whole wait (" +
                            live.error().message + "); try again later");
    }
    if (now >= next_report) {
      progress << "waiting for the index write lock (another writer holds it; "
               << static_cast<int64_t>(Seconds(start)) << " s so far)\n";
      progress.flush();
      next_report = now + kRebuildWaitReportInterval;
    }
    std::this_thread::sleep_for(kRebuildRetryInterval);
  }
}

}  // namespace

Result<RebuildSummary> RebuildIndex(const DataDir& data_dir, ProfileStore& store,
                                    const Vocabulary& vocabulary, const Compacts& compacts,
                                    const RebuildOptions& options, std::ostream& progress) {
  const Clock::time_point deadline = Clock::now() + options.lock_wait;
  Result<RebuildClaim> claim = RebuildClaim::Take(data_dir, deadline, progress);
  if (!claim) return claim.error();
  // Holding the live index's write lock keeps syncs from acking rows meanwhile.
  Result<Xapian::WritableDatabase> live =
      WaitForWriteLock(data_dir, vocabulary, deadline, progress);
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
  RemoveShards(IndexFolderPath(data_dir, folder.value()), options.builder_threads);
  if (!summary) {
    // A folder the stub already names is live, even if a later step failed.
    Result<std::string> named = ReadIndexStub(data_dir);
    if (!named || named.value() != folder.value()) {
      std::error_code ignored;
      std::filesystem::remove_all(IndexFolderPath(data_dir, folder.value()), ignored);
    }
    return summary;
  }
  RemoveUnusedFolders(data_dir, previous.value(), folder.value(), options.builder_threads,
                      progress);
  live.value().close();
  return summary;
}

}  // namespace rapport
