// Metrics: counters and latency histograms of the server, written in the
// Prometheus text format (version 0.0.4) for GET /metrics.
//   rapport_http_requests_total{route,method,status}
//   rapport_http_request_duration_seconds{route} (histogram)
//   rapport_rate_limited_total{client="key"|"anonymous"}
//   rapport_request_cost_units_total{client="key"|"anonymous"} (request_cost.h)
//   rapport_requests_total{key="<partner name>"} (never the key itself)
//   rapport_index_revision, rapport_index_documents, rapport_in_flight_requests,
//   rapport_queued_requests
//   on a replica: rapport_replica_primary_up, rapport_replica_same_index,
//   rapport_replica_primary_revision, rapport_replica_lag_revisions,
//   rapport_replica_lag_seconds (replica_status.h)
//   on a primary: rapport_index_commit_lock_waits_total,
//   rapport_index_commit_lock_timeouts_total,
//   rapport_index_commit_lock_wait_seconds_total (index_commit_lock.h)
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

#include "index_commit_lock.h"
#include "replica_status.h"
#include "search_service.h"

namespace rapport {

class Metrics {
 public:
  // Records one finished request; `route` is the route pattern, never the raw path.
  void RecordRequest(const std::string& route, const std::string& method, int status,
                     double seconds);
  void RecordRateLimited(bool keyed);
  // Records one request made with the key of partner `partner`.
  void RecordKeyRequest(const std::string& partner);
  // Records the rate-limit tokens one public API request cost.
  void RecordCost(bool keyed, int units);
  // The index updater's commit lock counts so far (replacing the last ones).
  void SetCommitLockCounts(const CommitLockCounts& counts);

  // Requests accepted and not yet fully written back (graceful drain waits for 0).
  std::atomic<int>& in_flight() { return in_flight_; }
  // Requests received in full and waiting for a worker (first come, first served).
  std::atomic<int>& queued() { return queued_; }

  // The whole exposition text; `stats` null while no index is open, `replica`
  // null on a primary.
  std::string Render(const IndexStats* stats, const ReplicaLag* replica) const;

 private:
  static constexpr std::array<double, 12> kBucketBounds = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
  struct Histogram {
    std::array<uint64_t, kBucketBounds.size()> buckets{};  // non-cumulative
    uint64_t count = 0;
    double sum = 0;
  };

  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, uint64_t> requests_;  // guarded by mutex_
  std::map<std::string, Histogram> latency_;                                // guarded by mutex_
  std::map<std::string, uint64_t> key_requests_;  // partner → requests; guarded by mutex_
  CommitLockCounts commit_lock_;                  // guarded by mutex_
  std::atomic<uint64_t> rate_limited_keyed_{0};
  std::atomic<uint64_t> rate_limited_anonymous_{0};
  std::atomic<uint64_t> cost_units_keyed_{0};
  std::atomic<uint64_t> cost_units_anonymous_{0};
  std::atomic<int> in_flight_{0};
  std::atomic<int> queued_{0};
};

}  // namespace rapport
