// IndexRebuilder: `rapport-index rebuild`. Builds a complete index from the
// store into a new folder DATA_DIR/index-<N> and switches the live stub to it
// atomically; readers already open keep answering from the old folder.
//
// Protocol (docs/consistency.md): claim the rebuild's turn (writers back off),
// wait for the live index's write lock and hold it for the
// whole rebuild (no other writer acks outbox rows meanwhile); note the highest
// pending outbox seq S before reading the store; build every published profile
// on worker threads, each into its own shard, and merge the shards into the
// new folder (Xapian compaction); re-apply the
// outbox rows after S; commit; switch the stub; ack; release the lock; remove
// index folders older than the previous live one.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>

#include "compacts.h"
#include "data_dir.h"
#include "error.h"
#include "profile_store.h"
#include "vocabulary.h"

namespace rapport {

struct RebuildOptions {
  // Worker threads; each builds documents and writes its own shard, and the
  // shards are merged (Xapian compaction) at the end.
  unsigned builder_threads = 2;
  size_t profiles_per_batch = 256;  // unit of work handed to a worker
  size_t queued_batches = 8;        // bounds the profiles read ahead of the workers
  // Documents each worker buffers before Xapian writes them to its shard
  // (counted per document, not per batch). A trade-off: Xapian's in-memory
  // inverter keeps a std::map of docids per term, whose lookups miss the
  // caches as more documents are buffered, while each flush reads and
  // rewrites the last postlist chunk of every term it touches, which costs
  // more as the shard grows. Measured on the 1M realistic store
  // (docs/benchmarks.md, "Flush interval at 1M"): 64 -> 943 s wall
  // (1,704 CPU-s, 467 of them system), 256 -> 681 s (1,259 CPU-s),
  // 1024 -> slower than 256 from the first 100k on. Memory is about 30 KB
  // per buffered document.
  unsigned flush_documents = 256;
  int64_t progress_every = 100000;  // documents between progress lines
  // Longest wait for the index's write lock (another rebuild, or the batch
  // of edits being written) before giving up with index_busy: long enough
  // for another rebuild of 1M realistic profiles (681 s on the project's
  // 2-core machine, docs/benchmarks.md).
  std::chrono::seconds lock_wait{1200};
};

struct RebuildSummary {
  std::string folder;               // the new live folder, e.g. "index-3"
  int64_t documents = 0;            // documents in the new index
  int64_t outbox_rows_applied = 0;  // rows after the snapshot, applied at the end
  int64_t applied_outbox_seq = 0;   // recorded in the index metadata and acked
  int64_t shard_flushes = 0;        // commits of the shards while building, the last ones included
  double seconds = 0;
};

// Rebuilds the index of `data_dir` from `store`, writing progress lines to
// `progress`. Waits its turn for the live index's write lock
// (rebuild_claim.h), saying so on `progress`; 503 "index_busy" when it did
// not get the lock within options.lock_wait.
[[nodiscard]] Result<RebuildSummary> RebuildIndex(const DataDir& data_dir, ProfileStore& store,
                                                  const Vocabulary& vocabulary,
                                                  const Compacts& compacts,
                                                  const RebuildOptions& options,
                                                  std::ostream& progress);

}  // namespace rapport
