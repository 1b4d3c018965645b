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
  // (counted per document, not per batch). Small is faster here: Xapian's
  // in-memory inverter keeps a std::map of docids per term and one of
  // positions per term, and with many buffered documents its lookups miss
  // the caches. With realistic bios (~260 words, 2026-12-04, 20k rebuild,
  // CPU s): 64 -> 21.2, 128 -> 21.6, 256 -> 23.7, 512 -> 25.6. Until then the
  // check ran once per batch of `profiles_per_batch`, so every value below
  // 256 flushed every 256 documents (which is why 150 once measured the same
  // as 250). Memory is about 30 KB per buffered document (docs/benchmarks.md).
  unsigned flush_documents = 64;
  int64_t progress_every = 100000;  // documents between progress lines
  // Longest wait for the index's write lock (another rebuild, or the batch
  // of edits being written) before giving up with index_busy.
  std::chrono::seconds lock_wait{600};
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
