// ServerState: what every handler may use — the configuration, the search
// service (opened lazily: the server starts and answers /healthz and /readyz
// even before an index exists), partner keys, rate limits and metrics.
// Shared by all worker threads; every member is thread-safe.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api_keys.h"
#include "crisis_terms.h"
#include "data_dir.h"
#include "metrics.h"
#include "rate_limiter.h"
#include "replica_status.h"
#include "routes.h"
#include "search_service.h"
#include "server_config.h"

namespace rapport {

class ServerState {
 public:
  // `routes` (the server's route table, in match order) must outlive the
  // state; `crisis_terms` decide which searches answer "crisis": true.
  ServerState(ServerConfig config, const std::vector<Route>& routes, CrisisTerms crisis_terms);

  const ServerConfig& config() const { return config_; }
  // The route table the dispatcher matches and the OpenAPI document lists.
  const std::vector<Route>& routes() const { return routes_; }
  const CrisisTerms& crisis_terms() const { return crisis_terms_; }
  DataDir data_dir() const { return DataDir{config_.data_dir}; }
  // The stub file the index is opened through: DATA_DIR/index on a primary,
  // the stub xapian-replicate keeps, DATA_DIR/index/XAPIANDB, on a replica.
  std::string IndexStubPath() const;
  // A replica whose xapian-replicate has not brought a first copy yet (no
  // stub, or the empty database the client creates at once): /readyz says
  // so instead of "outdated". False on a primary.
  [[nodiscard]] bool AwaitingFirstCopy() const;

  // The search service, or an Error (503 index_unavailable) while no index
  // could be opened yet.
  Result<std::shared_ptr<SearchService>> Search() const;
  // Opens the index if not open yet, else picks up a new revision. Called
  // by the refresh thread every refresh_interval_ms.
  Status RefreshSearch();
  // OK when the index is open, its last refresh succeeded and a document can
  // be read from it; otherwise the Error saying what failed (503
  // index_unavailable or index_outdated; internal text, for the log).
  [[nodiscard]] Status IndexHealth() const;

  // Partner keys in the store; Error when the store cannot be opened, and 503
  // read_only_replica on a replica (it has no store).
  Result<KeyStore*> Keys();
  // The identity of the partner key `key_text` (401 invalid_api_key when
  // unknown, revoked or expired): from the store on a primary, from the keys
  // the index carries on a replica, read anew whenever the index this server
  // serves has moved to another revision or database since they were read.
  Result<KeyIdentity> AuthenticateKey(std::string_view key_text);
  // Writes the keys' usage counted since the last call to the store
  // (KeyStore::FlushUsage); nothing to do before the first keyed request.
  Status FlushKeyUsage();

  // The replica's lag behind its primary (polled by rapport-server's main).
  ReplicaStatus& replica_status() { return replica_status_; }
  // The lag now, of the index this server serves; not meaningful on a primary.
  [[nodiscard]] ReplicaLag ReplicaLagNow();

  RateLimiter& rate_limiter() { return rate_limiter_; }
  Metrics& metrics() { return metrics_; }

  // Set on SIGTERM: readiness fails so load balancers stop sending traffic.
  void BeginDrain() { draining_ = true; }
  bool draining() const { return draining_; }

 private:
  const ServerConfig config_;
  const std::vector<Route>& routes_;
  const CrisisTerms crisis_terms_;
  mutable std::mutex search_mutex_;
  std::shared_ptr<SearchService> search_;  // guarded by search_mutex_
  // Guarded by search_mutex_: the last open or refresh failure, if any.
  std::optional<Error> search_error_;
  std::mutex keys_mutex_;
  std::unique_ptr<KeyStore> keys_;  // guarded by keys_mutex_ until set
  // A replica's keys and the index (UUID, revision) they were read for;
  // guarded by keys_mutex_.
  std::shared_ptr<const IndexKeys> index_keys_;
  std::string index_keys_uuid_;
  uint64_t index_keys_revision_ = 0;
  RateLimiter rate_limiter_;
  ReplicaStatus replica_status_;
  Metrics metrics_;
  std::atomic<bool> draining_{false};
};

}  // namespace rapport
