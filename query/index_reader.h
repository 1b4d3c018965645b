// IndexReader: the Xapian readers of one index (a stub file: DATA_DIR/index on
// a primary, DATA_DIR/index/XAPIANDB on a replica) and the FacetStore of the
// revision they read. Xapian databases are not thread-safe, so a search
// leases a reader of its own from a pool; all readers of a revision share one
// immutable IndexSnapshot. Refresh() notices a new revision (reopen) and a new
// database (opened anew: reopen() does not re-read the stub). A database's
// identity is (stub text, UUID): a rebuild's stub names a new folder, and a
// replica's full copy may come back under a folder name used before
// (replica_0, replica_1, replica_0, …), which reopen() would follow by path
// into another database; its UUID tells them apart. A new revision of the
// same database gets its FacetStore by updating the previous one from the
// index's change log (cheap); a new database gets one built from scratch. The
// Suggester is rebuilt in the background at most once per
// IndexReaderOptions::suggester_refresh, so it may lag.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <xapian.h>

#include "error.h"
#include "facet_store.h"
#include "posting_cache.h"
#include "suggester.h"
#include "vocabulary.h"
#include "vocabulary_phrases.h"

namespace rapport {

struct IndexSnapshot {
  std::string stub;  // stub file content the revision was opened through
  std::string uuid;  // the database's UUID (with `stub`, its identity)
  uint64_t revision = 0;
  uint64_t generation = 0;  // increases with every new snapshot
  // Times a snapshot moved to another database (stub text or UUID) since
  // Open: rebuilds on a primary, full copies switched in on a replica.
  uint64_t database_switches = 0;
  uint64_t documents = 0;
  std::shared_ptr<const FacetStore> store;
  std::shared_ptr<const Vocabulary> vocabulary;
  // The vocabulary's phrase holders (for phrase queries).
  std::shared_ptr<const VocabularyPhrases> phrases;
  // Common words' postings of this revision, decoded as searches ask for them.
  std::shared_ptr<PostingCache> postings = std::make_shared<PostingCache>();
  // The docids whose documents changed since the previous snapshot of the
  // same index; nullopt when this one was built from scratch.
  std::optional<std::vector<uint32_t>> changed_since_previous;
};

struct IndexReaderOptions {
  // Least time from the end of one suggester build to the start of the next.
  std::chrono::milliseconds suggester_refresh{30000};
};

class IndexReader {
 public:
  struct Reader {
    Xapian::Database db;
    std::string stub;
    std::string uuid;  // of the database when opened; reopen() may move it elsewhere
    uint64_t generation = 0;
  };

  // One search's reader and the snapshot of the revision it reads; returns
  // the reader to the pool when destroyed.
  class Lease {
   public:
    Lease(IndexReader* owner, std::unique_ptr<Reader> reader,
          std::shared_ptr<const IndexSnapshot> snapshot);
    Lease(Lease&&) = default;
    ~Lease();
    Xapian::Database& db() { return reader_->db; }
    const IndexSnapshot& snapshot() const { return *snapshot_; }
    // The reader saw DatabaseModifiedError: open it anew next time.
    void MarkStale() { reader_->generation = 0; }

   private:
    IndexReader* owner_;
    std::unique_ptr<Reader> reader_;
    std::shared_ptr<const IndexSnapshot> snapshot_;
  };

  // 503 Error ("index_unavailable") when the stub or the index cannot be read.
  // The first snapshot and suggester are built before Open returns.
  static Result<std::unique_ptr<IndexReader>> Open(const std::string& stub_path,
                                                   IndexReaderOptions options = {});
  // Waits for a background suggester build to finish.
  ~IndexReader();
  IndexReader(const IndexReader&) = delete;
  IndexReader& operator=(const IndexReader&) = delete;

  // A reader at the snapshot's revision (building a new snapshot first when
  // the index moved on since the last Refresh).
  [[nodiscard]] Result<Lease> Acquire();
  // Builds a new snapshot when the index has a new revision or is a new
  // database (other stub text or UUID).
  [[nodiscard]] Status Refresh();
  std::shared_ptr<const IndexSnapshot> snapshot() const;
  // The latest suggester built (possibly of an older revision); never null
  // after Open.
  std::shared_ptr<const Suggester> suggester() const;

 private:
  IndexReader(std::string stub_path, IndexReaderOptions options)
      : stub_path_(std::move(stub_path)), options_(options) {}
  [[nodiscard]] Result<std::unique_ptr<Reader>> OpenReader() const;
  [[nodiscard]] Status RefreshOnce();
  [[nodiscard]] Status Publish(Reader& reader);
  // Starts a background suggester build when the index changed since the
  // last one and the interval has passed. Called with refresh_mutex_ held.
  void ScheduleSuggester(const IndexSnapshot& snapshot);
  void BuildSuggester(std::shared_ptr<const Vocabulary> vocabulary);
  void Return(std::unique_ptr<Reader> reader);
  std::string ReadStub() const;

  const std::string stub_path_;
  const IndexReaderOptions options_;
  std::mutex refresh_mutex_;         // one Refresh at a time
  std::unique_ptr<Reader> control_;  // guarded by refresh_mutex_: Refresh's reader
  mutable std::mutex state_mutex_;
  std::shared_ptr<const IndexSnapshot> snapshot_;  // guarded by state_mutex_
  std::vector<std::unique_ptr<Reader>> idle_;      // guarded by state_mutex_
  // Every distinct vocabulary published, kept alive for vocabulary() references.
  std::vector<std::shared_ptr<const Vocabulary>> vocabularies_;  // guarded by refresh_mutex_
  std::shared_ptr<const VocabularyPhrases> phrases_;             // of vocabularies_.back()

  std::shared_ptr<const Suggester> suggester_;  // guarded by state_mutex_
  // (stub text + UUID, revision) the suggester was built from; guarded by
  // state_mutex_.
  std::pair<std::string, uint64_t> suggester_source_;
  std::chrono::steady_clock::time_point suggester_built_at_;  // guarded by state_mutex_
  bool suggester_building_ = false;                           // guarded by state_mutex_
  std::thread suggester_thread_;                              // guarded by refresh_mutex_
};

}  // namespace rapport
