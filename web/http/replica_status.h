// ReplicaStatus: how far a read replica is behind its primary
// (docs/scaling.md, "Lag the replica can see"). The replication protocol
// tells a replica nothing about the primary's revision, so the replica polls
// the primary's /readyz (its index UUID and revision) and keeps, for every
// primary revision it has not got yet, when it first saw it: the lag in
// seconds is the age of the oldest such sighting, on the replica's own clock
// (no skew between hosts). Another UUID on the primary means a full copy is
// pending (a rebuild, or a replica that is new or was away too long).
// Thread-safe: the poller records, /readyz and /metrics read.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>

#include "error.h"
#include "search_service.h"

namespace rapport {

// What the primary's /readyz says of its index.
struct PrimaryIndex {
  std::string uuid;
  uint64_t revision = 0;
};

// A replica's position against its primary at one moment.
struct ReplicaLag {
  bool primary_up = false;        // the last poll read the primary's index
  bool same_index = false;        // the replica serves the primary's database (same UUID)
  uint64_t primary_revision = 0;  // as of the last poll that read it
  uint64_t revision = 0;          // the replica's own (0 while no index is open)
  uint64_t lag_revisions = 0;     // primary − own on the same index; the primary's on another
  double lag_seconds = 0;         // since the replica first saw what it still lacks
  bool lagging = false;           // primary up and lag_seconds past the bound
};

class ReplicaStatus {
 public:
  using Clock = std::chrono::steady_clock;

  explicit ReplicaStatus(std::chrono::seconds max_lag) : max_lag_(max_lag) {}

  // Records one poll: the primary's index, or nullopt when it could not be
  // reached or read.
  void RecordPoll(const std::optional<PrimaryIndex>& primary, Clock::time_point now);
  // The lag of a replica serving `own` (null while no index is open) at
  // `now`; forgets the sightings `own` has caught up on.
  [[nodiscard]] ReplicaLag Lag(const IndexStats* own, Clock::time_point now);

 private:
  struct Sighting {
    uint64_t revision = 0;
    Clock::time_point first_seen;
  };
  // Sightings kept at most: an older one is never dropped (it carries the
  // lag), newer ones beyond this only make the seconds less precise.
  static constexpr size_t kMaxSightings = 4096;

  const std::chrono::seconds max_lag_;
  std::mutex mutex_;
  bool primary_up_ = false;              // guarded by mutex_
  std::optional<PrimaryIndex> primary_;  // guarded by mutex_: the last one read
  std::deque<Sighting> ahead_;           // guarded by mutex_: oldest first
};

// The index of a primary's /readyz answer body ({"index_uuid":…,
// "index_revision":…}); 502 Error when it is not one.
[[nodiscard]] Result<PrimaryIndex> ParsePrimaryReadyz(const std::string& body);

// GETs `primary_url`/readyz within `timeout`; nullopt when no ready answer
// with an index came (the reason goes to `why`).
[[nodiscard]] std::optional<PrimaryIndex> FetchPrimaryIndex(const std::string& primary_url,
                                                            std::chrono::milliseconds timeout,
                                                            std::string* why);

// 503 read_only_replica: what a replica answers to `what` (editor routes,
// partner keys), naming the primary.
[[nodiscard]] Error ReadOnlyReplica(const std::string& what, const std::string& primary_url);

}  // namespace rapport
