// IndexReader: the Xapian readers of one index (the stub file DATA_DIR/index)
// and the FacetStore of the revision they read. Xapian databases are not
// thread-safe, so a search leases a reader of its own from a pool; all
// readers of a revision share one immutable IndexSnapshot. Refresh() notices
// a new revision (reopen) and a stub that names a new folder after a rebuild
// (opened anew: reopen() does not re-read the stub).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <xapian.h>

#include "error.h"
#include "facet_store.h"
#include "suggester.h"
#include "vocabulary.h"

namespace rapport {

struct IndexSnapshot {
  std::string stub;  // stub file content the revision was opened through
  uint64_t revision = 0;
  uint64_t generation = 0;  // increases with every new snapshot
  uint64_t documents = 0;
  std::shared_ptr<const FacetStore> store;
  std::shared_ptr<const Vocabulary> vocabulary;
  std::shared_ptr<const Suggester> suggester;
};

class IndexReader {
 public:
  struct Reader {
    Xapian::Database db;
    std::string stub;
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
  static Result<std::unique_ptr<IndexReader>> Open(const std::string& stub_path);

  // A reader at the snapshot's revision (building a new snapshot first when
  // the index moved on since the last Refresh).
  [[nodiscard]] Result<Lease> Acquire();
  // Builds a new snapshot when the index has a new revision or a new folder.
  [[nodiscard]] Status Refresh();
  std::shared_ptr<const IndexSnapshot> snapshot() const;

 private:
  explicit IndexReader(std::string stub_path) : stub_path_(std::move(stub_path)) {}
  [[nodiscard]] Result<std::unique_ptr<Reader>> OpenReader() const;
  [[nodiscard]] Status Publish(Xapian::Database& db, const std::string& stub);
  void Return(std::unique_ptr<Reader> reader);
  std::string ReadStub() const;

  const std::string stub_path_;
  std::mutex refresh_mutex_;         // one Refresh at a time
  std::unique_ptr<Reader> control_;  // guarded by refresh_mutex_: Refresh's reader
  mutable std::mutex state_mutex_;
  std::shared_ptr<const IndexSnapshot> snapshot_;  // guarded by state_mutex_
  std::vector<std::unique_ptr<Reader>> idle_;      // guarded by state_mutex_
  // Every distinct vocabulary published, kept alive for vocabulary() references.
  std::vector<std::shared_ptr<const Vocabulary>> vocabularies_;  // guarded by refresh_mutex_
};

}  // namespace rapport
