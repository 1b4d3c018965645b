// ServerConfig: every limit and default of rapport-server in one place,
// filled from RAPPORT_* environment variables and then command-line flags
// (flags win). `rapport-server --help` prints the same table with defaults.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "bounded_json.h"
#include "english_words.h"
#include "error.h"

namespace rapport {

// Editor writes wait on the store's fsync and logins on Argon2id: they get
// workers of their own, so searches never queue behind them (search p99 7.9x
// idle during an edit stream when both shared one worker per core:
// docs/benchmarks.md, Editing).
inline constexpr int kEditorThreads = 4;

struct ServerConfig {
  int port = 8080;
  std::string bind = "127.0.0.1";
  std::string data_dir;    // default: DefaultDataDir()
  std::string static_dir;  // default: the source tree's web/static
  int threads = 0;         // workers for the public API and pages; default: one per core
  int editor_threads = kEditorThreads;  // workers for the editor API
  int io_threads = 0;  // cpprestsdk's I/O threads; default: one per core, at least kMinIoThreads
  // Listening on an address other than loopback, i.e. without the nginx of
  // web/deploy in front, must be asked for: cpprestsdk's listener has no read
  // timeouts and buffers whole headers and bodies (docs/http.md, Robustness).
  bool allow_direct_exposure = false;

  size_t max_body_bytes = 1 << 20;   // larger Content-Length → 413 before reading
  int max_json_depth = 32;           // JSON bodies nested deeper → 400 invalid_json
  int search_time_limit_ms = 2000;   // a slower search answers 503 search_timeout
  int max_multi_searches = 10;       // searches one POST /api/v1/multi-search may hold
  int max_in_flight = 1024;          // requests received in full, queued or being
                                     // answered; more → 503 overloaded
  int max_requests_per_client = 32;  // requests one address has open (head received,
                                     // answer not yet ready); more → 429
  // Bytes of bodies held by requests received in full and not yet answered,
  // all lanes together; a body that does not fit → 503 overloaded.
  size_t max_queued_body_bytes = 64 << 20;
  int shutdown_grace_ms = 10000;     // SIGTERM: how long in-flight requests may finish
  int refresh_interval_ms = 100;     // how often the index is checked for a new revision
  int key_usage_flush_ms = 10000;    // how often partner keys' usage is written to the store
  int suggester_refresh_ms = 30000;  // suggestions are rebuilt at most this often (they lag)
  // Word list that keeps ordinary English words from being "corrected"
  // (query/spelling_policy.h); unreadable: no corrections (docs/search-api.md).
  std::string english_words = std::string(kDefaultEnglishWordsPath);
  int correct_below = 3;     // a query finding fewer than this may get a did_you_mean
  int drop_words_below = 1;  // a plain query finding fewer than this drops words (word_dropping.h)

  double anon_rate = 20;  // anonymous requests per second per client address
  int anon_burst = 40;
  int cost_unit_ms = 5;  // worker time one rate-limit token buys (request_cost.h)
  size_t rate_limiter_max_clients = 100000;  // buckets kept before idle ones are dropped
  bool trust_forwarded_for = false;          // take the client address from X-Forwarded-For
                                             // (only behind the nginx of web/deploy)

  bool log_queries = false;       // access log includes query strings and addresses
  bool insecure_cookies = false;  // session cookies without `Secure` (plain http on localhost)
  size_t gzip_min_bytes = 512;    // smaller bodies are sent uncompressed

  int search_max_age_s = 30;  // Cache-Control of search and suggest answers
  int profile_max_age_s = 60;
  int vocab_max_age_s = 3600;
  int static_max_age_s = 300;
  // The versioned widget scripts (/embed/v1/): a day, so a v1 fix reaches
  // every partner page within a day while repeat visits load nothing.
  int embed_max_age_s = 86400;
  int suggest_limit = 10;
  int suggest_max_prefix_bytes = 200;
  size_t max_query_string_bytes = 8192;  // longer query strings → 414

  // How a client reaches the directory itself, shown by /api/v1/directory and
  // on profiles that list no contact of their own. Set both in production.
  std::string directory_contact_email = "help@rapport.example";
  std::string directory_contact_url;  // https only; empty: none shown
  // The permanent public base URL (FhirUrls, indexer/fhir/fhir_urls.h): FHIR
  // canonical URLs and /fhir links; empty: kDefaultCanonicalBase.
  std::string public_base_url;

  // Read replica (docs/scaling.md, "Replica mode"): no store, no editor API,
  // no index updater; the index is the copy xapian-replicate keeps in
  // DATA_DIR/index (opened through its stub DATA_DIR/index/XAPIANDB).
  bool replica = false;
  // The primary's base URL (http://host:port): named by editor routes' 503
  // read_only_replica, and polled for its /readyz to measure the lag.
  std::string primary_url;
  int max_replica_lag_s = 30;  // longer behind a reachable primary: /readyz 503 replica_lagging
  int primary_poll_ms = 1000;  // how often a replica asks the primary's /readyz
  // Primary of replicas: how many changesets the index writer keeps, so a
  // replica that many commits behind still catches up without a full copy
  // (main() sets XAPIAN_MAX_CHANGESETS from it before any thread starts;
  // docs/scaling.md, "Processes and flags"). 0: as the environment says (no
  // changesets unless XAPIAN_MAX_CHANGESETS is set).
  int index_changesets = 0;
};

// The I/O threads only read, write and answer health checks. At least two:
// cpprestsdk's listener, when it closes, blocks one of them until every
// connection has ended, and connections end on the others (with one, a
// SIGTERM with connections open never finished).
inline constexpr int kMinIoThreads = 2;

// True for an address only this machine can reach: localhost, 127.0.0.0/8, ::1.
[[nodiscard]] bool IsLoopbackAddress(const std::string& address);

// Reads RAPPORT_* variables from the environment, then `args` (argv without
// argv[0]). 400 Error naming the flag on a bad value or unknown flag, or
// on a non-loopback --bind without --allow-direct-exposure.
// Sets `show_help` when --help is given.
Result<ServerConfig> ParseServerConfig(const std::vector<std::string>& args, bool* show_help);

// The limits every JSON request body is parsed with (bounded_json.h).
[[nodiscard]] JsonLimits BodyJsonLimits(const ServerConfig& config);

// Usage text: every flag, its environment variable and its default.
std::string ServerConfigHelp();

}  // namespace rapport
