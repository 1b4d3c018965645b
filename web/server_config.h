// ServerConfig: every limit and default of rapport-server in one place,
// filled from RAPPORT_* environment variables and then command-line flags
// (flags win). `rapport-server --help` prints the same table with defaults.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "bounded_json.h"
#include "error.h"

namespace rapport {

struct ServerConfig {
  int port = 8080;
  std::string bind = "127.0.0.1";
  std::string data_dir;    // default: DefaultDataDir()
  std::string static_dir;  // default: the source tree's web/static
  int threads = 0;         // default: kThreadsPerCore per core, at least kMinThreads

  size_t max_body_bytes = 1 << 20;   // larger Content-Length → 413 before reading
  int max_json_depth = 32;           // JSON bodies nested deeper → 400 invalid_json
  int search_time_limit_ms = 2000;   // a slower search is cut short
  int max_in_flight = 256;           // more concurrent requests → 503 overloaded
  int shutdown_grace_ms = 10000;     // SIGTERM: how long in-flight requests may finish
  int refresh_interval_ms = 100;     // how often the index is checked for a new revision
  int suggester_refresh_ms = 30000;  // suggestions are rebuilt at most this often (they lag)

  double anon_rate = 20;  // anonymous requests per second per client address
  int anon_burst = 40;
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
  int suggest_limit = 10;
  int suggest_max_prefix_bytes = 200;
  size_t max_query_string_bytes = 8192;  // longer query strings → 414
};

inline constexpr int kMinThreads = 2;
// Editor writes wait on the store's fsync; with one worker per core they hold
// every worker and searches queue behind them (search p99 7.9x idle during an
// edit stream, 1.7x with four workers per core: docs/benchmarks.md, Editing).
inline constexpr int kThreadsPerCore = 4;

// Reads RAPPORT_* variables from the environment, then `args` (argv without
// argv[0]). 400 Error naming the flag on a bad value or unknown flag.
// Sets `show_help` when --help is given.
Result<ServerConfig> ParseServerConfig(const std::vector<std::string>& args, bool* show_help);

// The limits every JSON request body is parsed with (bounded_json.h).
[[nodiscard]] JsonLimits BodyJsonLimits(const ServerConfig& config);

// Usage text: every flag, its environment variable and its default.
std::string ServerConfigHelp();

}  // namespace rapport
