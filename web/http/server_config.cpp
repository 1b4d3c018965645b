// Flags and environment variables of rapport-server, described by one table
// so that parsing, the environment and --help never disagree.
#include "server_config.h"

#include "contact_checks.h"
#include "data_dir.h"
#include "profile_validator.h"
#include "query_shape.h"
#include "search_params.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <limits>
#include <sstream>
#include <string_view>
#include <thread>

namespace rapport {
namespace {

// 127.0.0.0/8: the top 8 bits of an IPv4 address are 127.
constexpr int kIpv4NetworkShift = 24;
constexpr uint32_t kIpv4LoopbackNetwork = 127;

enum class Kind { kInt, kSize, kDouble, kBool, kString };

struct Option {
  const char* flag;  // without the leading "--"
  const char* env;
  const char* help;
  Kind kind;
  std::function<void*(ServerConfig&)> target;
  const char* computed_default = nullptr;  // --help text for a default worked out at start
};

const std::vector<Option>& Options() {
  static const std::vector<Option> options = {
      {"port", "RAPPORT_PORT", "TCP port to listen on", Kind::kInt,
       [](ServerConfig& c) -> void* { return &c.port; }},
      {"bind", "RAPPORT_BIND", "address to listen on (loopback: nginx in front)", Kind::kString,
       [](ServerConfig& c) -> void* { return &c.bind; }},
      {"allow-direct-exposure", "RAPPORT_ALLOW_DIRECT_EXPOSURE",
       "allow a non-loopback --bind without nginx in front (unsafe: docs/http.md)", Kind::kBool,
       [](ServerConfig& c) -> void* { return &c.allow_direct_exposure; }},
      {"data-dir", "RAPPORT_DATA_DIR", "folder with rapport.sqlite and the index", Kind::kString,
       [](ServerConfig& c) -> void* { return &c.data_dir; }},
      {"static-dir", "RAPPORT_STATIC_DIR", "folder of the web pages", Kind::kString,
       [](ServerConfig& c) -> void* { return &c.static_dir; }},
      {"threads", "RAPPORT_THREADS",
       "worker threads answering the public API and pages in arrival order", Kind::kInt,
       [](ServerConfig& c) -> void* { return &c.threads; }, "1 per CPU core"},
      {"editor-threads", "RAPPORT_EDITOR_THREADS", "worker threads answering the editor API",
       Kind::kInt, [](ServerConfig& c) -> void* { return &c.editor_threads; }},
      {"io-threads", "RAPPORT_IO_THREADS", "threads that read and write connections", Kind::kInt,
       [](ServerConfig& c) -> void* { return &c.io_threads; }, "1 per CPU core, at least 2"},
      {"max-body-bytes", "RAPPORT_MAX_BODY_BYTES", "largest request body accepted", Kind::kSize,
       [](ServerConfig& c) -> void* { return &c.max_body_bytes; }},
      {"max-json-depth", "RAPPORT_MAX_JSON_DEPTH",
       "deepest nesting of objects and arrays in a JSON body", Kind::kInt,
       [](ServerConfig& c) -> void* { return &c.max_json_depth; }},
      {"max-query-string-bytes", "RAPPORT_MAX_QUERY_STRING_BYTES", "longest query string accepted",
       Kind::kSize, [](ServerConfig& c) -> void* { return &c.max_query_string_bytes; }},
      {"search-time-limit-ms", "RAPPORT_SEARCH_TIME_LIMIT_MS",
       "time after which a search stops and answers 503 search_timeout", Kind::kInt,
       [](ServerConfig& c) -> void* { return &c.search_time_limit_ms; }},
      {"max-multi-searches", "RAPPORT_MAX_MULTI_SEARCHES",
       "searches one POST /api/v1/multi-search may hold (more: 400)", Kind::kInt,
       [](ServerConfig& c) -> void* { return &c.max_multi_searches; }},
      {"max-in-flight", "RAPPORT_MAX_IN_FLIGHT",
       "requests received in full and queued or being answered before 503 overloaded", Kind::kInt,
       [](ServerConfig& c) -> void* { return &c.max_in_flight; }},
      {"max-queued-body-bytes", "RAPPORT_MAX_QUEUED_BODY_BYTES",
       "bytes of request bodies waiting or being answered, all together, before 503 overloaded",
       Kind::kSize, [](ServerConfig& c) -> void* { return &c.max_queued_body_bytes; }},
      {"max-requests-per-client", "RAPPORT_MAX_REQUESTS_PER_CLIENT",
       "requests one client address may have open before 429", Kind::kInt,
       [](ServerConfig& c) -> void* { return &c.max_requests_per_client; }},
      {"shutdown-grace-ms", "RAPPORT_SHUTDOWN_GRACE_MS",
       "on SIGTERM, time in-flight requests get to finish", Kind::kInt,
       [](ServerConfig& c) -> void* { return &c.shutdown_grace_ms; }},
      {"refresh-interval-ms", "RAPPORT_REFRESH_INTERVAL_MS",
       "how often a new index revision is picked up", Kind::kInt,
       [](ServerConfig& c) -> void* { return &c.refresh_interval_ms; }},
      {"key-usage-flush-ms", "RAPPORT_KEY_USAGE_FLUSH_MS",
       "how often partner keys' request counts and last use are written to the store", Kind::kInt,
       [](ServerConfig& c) -> void* { return &c.key_usage_flush_ms; }},
      {"suggester-refresh-ms", "RAPPORT_SUGGESTER_REFRESH_MS",
       "least time between two rebuilds of the suggestions after index changes", Kind::kInt,
       [](ServerConfig& c) -> void* { return &c.suggester_refresh_ms; }},
      {"english-words", "RAPPORT_ENGLISH_WORDS",
       "English word list (one word a line; Debian wamerican) whose words are never "
       "spelling-corrected; unreadable: no corrections",
       Kind::kString, [](ServerConfig& c) -> void* { return &c.english_words; }},
      {"correct-below", "RAPPORT_CORRECT_BELOW",
       "a query finding fewer therapists than this (under its filters) may get a did_you_mean",
       Kind::kInt, [](ServerConfig& c) -> void* { return &c.correct_below; }},
      {"drop-words-below", "RAPPORT_DROP_WORDS_BELOW",
       "a plain query whose words together find fewer therapists than this drops its least "
       "useful words (dropped_words; 0: never)",
       Kind::kInt, [](ServerConfig& c) -> void* { return &c.drop_words_below; }},
      {"anon-rate", "RAPPORT_ANON_RATE", "anonymous requests/s per client address", Kind::kDouble,
       [](ServerConfig& c) -> void* { return &c.anon_rate; }},
      {"anon-burst", "RAPPORT_ANON_BURST", "anonymous burst per client address", Kind::kInt,
       [](ServerConfig& c) -> void* { return &c.anon_burst; }},
      {"cost-unit-ms", "RAPPORT_COST_UNIT_MS",
       "worker ms one rate-limit token buys: a request costs the time its handler ran, at least 1",
       Kind::kInt, [](ServerConfig& c) -> void* { return &c.cost_unit_ms; }},
      {"rate-limiter-max-clients", "RAPPORT_RATE_LIMITER_MAX_CLIENTS",
       "token buckets kept in memory", Kind::kSize,
       [](ServerConfig& c) -> void* { return &c.rate_limiter_max_clients; }},
      {"trust-forwarded-for", "RAPPORT_TRUST_FORWARDED_FOR",
       "client address from X-Forwarded-For (behind nginx only)", Kind::kBool,
       [](ServerConfig& c) -> void* { return &c.trust_forwarded_for; }},
      {"log-queries", "RAPPORT_LOG_QUERIES",
       "log query strings and client addresses (health data!)", Kind::kBool,
       [](ServerConfig& c) -> void* { return &c.log_queries; }},
      {"insecure-cookies", "RAPPORT_INSECURE_COOKIES",
       "session cookies without Secure (plain http on localhost only)", Kind::kBool,
       [](ServerConfig& c) -> void* { return &c.insecure_cookies; }},
      {"gzip-min-bytes", "RAPPORT_GZIP_MIN_BYTES", "smallest body worth compressing", Kind::kSize,
       [](ServerConfig& c) -> void* { return &c.gzip_min_bytes; }},
      {"search-max-age", "RAPPORT_SEARCH_MAX_AGE", "Cache-Control max-age of searches (s)",
       Kind::kInt, [](ServerConfig& c) -> void* { return &c.search_max_age_s; }},
      {"profile-max-age", "RAPPORT_PROFILE_MAX_AGE", "Cache-Control max-age of profiles (s)",
       Kind::kInt, [](ServerConfig& c) -> void* { return &c.profile_max_age_s; }},
      {"vocab-max-age", "RAPPORT_VOCAB_MAX_AGE", "Cache-Control max-age of vocab/openapi (s)",
       Kind::kInt, [](ServerConfig& c) -> void* { return &c.vocab_max_age_s; }},
      {"static-max-age", "RAPPORT_STATIC_MAX_AGE", "Cache-Control max-age of pages (s)", Kind::kInt,
       [](ServerConfig& c) -> void* { return &c.static_max_age_s; }},
      {"embed-max-age", "RAPPORT_EMBED_MAX_AGE",
       "Cache-Control max-age of the /embed/v1/ widget scripts (s)", Kind::kInt,
       [](ServerConfig& c) -> void* { return &c.embed_max_age_s; }},
      {"suggest-limit", "RAPPORT_SUGGEST_LIMIT", "completions per suggest answer", Kind::kInt,
       [](ServerConfig& c) -> void* { return &c.suggest_limit; }},
      {"directory-contact-email", "RAPPORT_DIRECTORY_CONTACT_EMAIL",
       "the directory's own email, shown where a profile lists no contact (set it!)", Kind::kString,
       [](ServerConfig& c) -> void* { return &c.directory_contact_email; }},
      {"directory-contact-url", "RAPPORT_DIRECTORY_CONTACT_URL",
       "the directory's own https contact page, shown beside the email (optional)", Kind::kString,
       [](ServerConfig& c) -> void* { return &c.directory_contact_url; }},
      {"public-base-url", "RAPPORT_PUBLIC_BASE_URL",
       "the directory's permanent public base URL: canonical base of its FHIR extensions and "
       "code systems and of /fhir links (default https://rapport.example; docs/interop.md §6.1)",
       Kind::kString, [](ServerConfig& c) -> void* { return &c.public_base_url; }},
      {"replica", "RAPPORT_REPLICA",
       "read-only replica: serve the index xapian-replicate keeps in DATA_DIR/index, no store "
       "or editor API (needs --primary-url; docs/scaling.md)",
       Kind::kBool, [](ServerConfig& c) -> void* { return &c.replica; }},
      {"primary-url", "RAPPORT_PRIMARY_URL",
       "replica: the primary's http://host:port, named to editors and polled for the lag",
       Kind::kString, [](ServerConfig& c) -> void* { return &c.primary_url; }},
      {"max-replica-lag-s", "RAPPORT_MAX_REPLICA_LAG_S",
       "replica: seconds behind a reachable primary before /readyz answers 503 replica_lagging",
       Kind::kInt, [](ServerConfig& c) -> void* { return &c.max_replica_lag_s; }},
      {"primary-poll-ms", "RAPPORT_PRIMARY_POLL_MS",
       "replica: how often the primary's /readyz is asked for its index revision", Kind::kInt,
       [](ServerConfig& c) -> void* { return &c.primary_poll_ms; }},
      {"index-changesets", "RAPPORT_INDEX_CHANGESETS",
       "primary of replicas: changesets the index writer keeps for replicas to catch up from "
       "(sets XAPIAN_MAX_CHANGESETS; 300 for replicas, docs/scaling.md; 0: none unless the "
       "environment sets XAPIAN_MAX_CHANGESETS)",
       Kind::kInt, [](ServerConfig& c) -> void* { return &c.index_changesets; }},
  };
  return options;
}

bool ParseBool(const std::string& text, bool* out) {
  if (text == "1" || text == "true" || text == "yes" || text == "on") return *out = true, true;
  if (text == "0" || text == "false" || text == "no" || text == "off") return *out = false, true;
  return false;
}

// Stores `text` into the option's field; false if it is not a valid value.
bool Assign(const Option& option, ServerConfig& config, const std::string& text) {
  void* target = option.target(config);
  char* end = nullptr;
  errno = 0;
  switch (option.kind) {
    case Kind::kString:
      *static_cast<std::string*>(target) = text;
      return true;
    case Kind::kBool:
      return ParseBool(text, static_cast<bool*>(target));
    case Kind::kDouble: {
      double value = std::strtod(text.c_str(), &end);
      if (text.empty() || *end != '\0' || errno != 0 || !(value > 0)) return false;
      *static_cast<double*>(target) = value;
      return true;
    }
    case Kind::kInt:
    case Kind::kSize: {
      long long value = std::strtoll(text.c_str(), &end, 10);
      if (text.empty() || *end != '\0' || errno != 0 || value < 0 ||
          value > std::numeric_limits<int>::max()) {
        return false;
      }
      if (option.kind == Kind::kInt) {
        *static_cast<int*>(target) = static_cast<int>(value);
      } else {
        *static_cast<size_t*>(target) = static_cast<size_t>(value);
      }
      return true;
    }
  }
  return false;
}

std::string DefaultStaticDir() { return RAPPORT_STATIC_DIR; }

std::string DefaultText(const Option& option) {
  if (option.computed_default) return option.computed_default;
  ServerConfig defaults;
  defaults.data_dir = DefaultDataDir();
  defaults.static_dir = DefaultStaticDir();
  void* target = option.target(defaults);
  std::ostringstream text;
  switch (option.kind) {
    case Kind::kString:
      text << *static_cast<std::string*>(target);
      break;
    case Kind::kBool:
      text << (*static_cast<bool*>(target) ? "true" : "false");
      break;
    case Kind::kDouble:
      text << *static_cast<double*>(target);
      break;
    case Kind::kInt:
      text << *static_cast<int*>(target);
      break;
    case Kind::kSize:
      text << *static_cast<size_t*>(target);
      break;
  }
  return text.str();
}

// The directory's contact goes into pages as mailto: and https links: it
// passes the same checks as a profile's contact (contact_checks.h).
Status CheckDirectoryContact(ServerConfig* config) {
  const ValidationLimits limits;
  if (const std::string reason =
          CheckEmail(config->directory_contact_email, limits.email_max_chars);
      !reason.empty()) {
    return Error::BadParameter("--directory-contact-email", "--directory-contact-email " + reason);
  }
  if (config->directory_contact_url.empty()) return Status::Ok();
  std::string normalized;
  if (const std::string reason =
          NormalizeHttpsUrl(config->directory_contact_url, limits.url_max_chars, &normalized);
      !reason.empty()) {
    return Error::BadParameter("--directory-contact-url", "--directory-contact-url " + reason);
  }
  config->directory_contact_url = std::move(normalized);
  return Status::Ok();
}

// The public base is written into every FHIR canonical URL and link: an
// absolute http(s) URL without query, fragment or spaces.
Status CheckPublicBaseUrl(const ServerConfig& config) {
  const std::string& url = config.public_base_url;
  if (url.empty()) return Status::Ok();
  const bool scheme = url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
  if (!scheme || url.find_first_of("?# \t\r\n\"<>") != std::string::npos) {
    return Error::BadParameter("--public-base-url",
                               "--public-base-url must be an http(s) URL without query or spaces");
  }
  return Status::Ok();
}

// A replica names its primary by a plain http://host[:port] base URL (the
// primary listens behind nginx or on a private address; nothing after the
// authority, so "/readyz" can be appended). Trailing slashes are dropped.
Status CheckReplicaConfig(ServerConfig* config) {
  constexpr std::string_view kScheme = "http://";
  std::string& url = config->primary_url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  if (!config->replica) {
    if (url.empty()) return Status::Ok();
    return Error::BadParameter("--primary-url", "--primary-url is only for --replica");
  }
  if (url.empty()) return Error::BadParameter("--primary-url", "--replica needs --primary-url");
  const std::string authority = url.rfind(kScheme, 0) == 0 ? url.substr(kScheme.size()) : "";
  const bool plain = !authority.empty() && authority.find_first_of("/?#@ ") == std::string::npos;
  if (!plain) {
    return Error::BadParameter("--primary-url",
                               "--primary-url must look like http://host:port (no path)");
  }
  if (config->primary_poll_ms < 1) {
    return Error::BadParameter("--primary-poll-ms", "primary-poll-ms must be at least 1");
  }
  return Status::Ok();
}

}  // namespace

Result<ServerConfig> ParseServerConfig(const std::vector<std::string>& args, bool* show_help) {
  ServerConfig config;
  config.data_dir = DefaultDataDir();
  config.static_dir = DefaultStaticDir();
  *show_help = false;
  for (const Option& option : Options()) {
    const char* value = std::getenv(option.env);
    if (value && *value && !Assign(option, config, value)) {
      return Error::BadParameter(option.env, std::string("bad value for ") + option.env);
    }
  }
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h") {
      *show_help = true;
      return config;
    }
    if (arg.rfind("--", 0) != 0) return Error::BadParameter(arg, "unexpected argument " + arg);
    std::string name = arg.substr(2), value;
    bool has_value = false;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      has_value = true;
    }
    auto option = std::find_if(Options().begin(), Options().end(),
                               [&](const Option& o) { return name == o.flag; });
    if (option == Options().end()) return Error::BadParameter(arg, "unknown flag " + arg);
    if (!has_value) {
      if (option->kind == Kind::kBool) {
        value = "true";
      } else if (i + 1 < args.size()) {
        value = args[++i];
      } else {
        return Error::BadParameter(arg, "missing value for " + arg);
      }
    }
    if (!Assign(*option, config, value)) {
      return Error::BadParameter(arg, "bad value '" + value + "' for " + arg);
    }
  }
  const int cores = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  if (config.threads == 0) config.threads = cores;
  if (config.io_threads == 0) config.io_threads = std::max(cores, kMinIoThreads);
  if (config.port <= 0 || config.port > 65535) {
    return Error::BadParameter("--port", "port must be between 1 and 65535");
  }
  if (config.max_json_depth < 1) {
    return Error::BadParameter("--max-json-depth", "max-json-depth must be at least 1");
  }
  if (config.max_queued_body_bytes < config.max_body_bytes) {
    return Error::BadParameter("--max-queued-body-bytes",
                               "max-queued-body-bytes must be at least max-body-bytes");
  }
  if (config.max_in_flight < 1) {
    return Error::BadParameter("--max-in-flight", "max-in-flight must be at least 1");
  }
  if (config.key_usage_flush_ms < 1) {
    return Error::BadParameter("--key-usage-flush-ms", "key-usage-flush-ms must be at least 1");
  }
  if (config.max_multi_searches < 1) {
    return Error::BadParameter("--max-multi-searches", "max-multi-searches must be at least 1");
  }
  if (config.search_time_limit_ms < 1) {
    return Error::BadParameter("--search-time-limit-ms", "search-time-limit-ms must be at least 1");
  }
  if (config.cost_unit_ms < 1) {
    return Error::BadParameter("--cost-unit-ms", "cost-unit-ms must be at least 1");
  }
  if (config.io_threads < kMinIoThreads) {
    return Error::BadParameter("--io-threads",
                               "io-threads must be at least " + std::to_string(kMinIoThreads));
  }
  if (config.editor_threads < 1) {
    return Error::BadParameter("--editor-threads", "editor-threads must be at least 1");
  }
  if (config.index_changesets < 0) {
    return Error::BadParameter("--index-changesets", "index-changesets must be 0 or more");
  }
  if (config.max_requests_per_client < 1) {
    return Error::BadParameter("--max-requests-per-client",
                               "max-requests-per-client must be at least 1");
  }
  if (Status contact = CheckDirectoryContact(&config); !contact) return contact.error();
  if (Status replica = CheckReplicaConfig(&config); !replica) return replica.error();
  if (Status base = CheckPublicBaseUrl(config); !base) return base.error();
  if (!config.allow_direct_exposure && !IsLoopbackAddress(config.bind)) {
    return Error::BadParameter(
        "--bind", "--bind " + config.bind +
                      " is not a loopback address. rapport-server must run behind the nginx of "
                      "web/deploy: cpprestsdk's listener has no read timeouts and buffers whole "
                      "headers and bodies in memory (docs/http.md, Robustness). Pass "
                      "--allow-direct-exposure to listen there anyway.");
  }
  return config;
}

JsonLimits BodyJsonLimits(const ServerConfig& config) {
  return JsonLimits{config.max_body_bytes, config.max_json_depth};
}

bool IsLoopbackAddress(const std::string& address) {
  if (address == "localhost") return true;
  in_addr v4{};
  if (inet_pton(AF_INET, address.c_str(), &v4) == 1) {
    return (ntohl(v4.s_addr) >> kIpv4NetworkShift) == kIpv4LoopbackNetwork;
  }
  in6_addr v6{};
  return inet_pton(AF_INET6, address.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

std::string ServerConfigHelp() {
  std::ostringstream out;
  out << "usage: rapport-server [--port N] [--data-dir DIR] [options]\n\n"
         "Serves the Rapport JSON API and web pages. Every option can also be set\n"
         "with the environment variable shown; flags win.\n\noptions:\n";
  for (const Option& option : Options()) {
    std::string left = std::string("  --") + option.flag;
    if (option.kind != Kind::kBool) left += " V";
    out << left << std::string(left.size() < 30 ? 30 - left.size() : 1, ' ') << option.help << " ["
        << option.env << ", default " << DefaultText(option) << "]\n";
  }
  out << "  --help                      show this help\n\n"
         "search bounds (the API's, docs/search-api.md): q may have "
      << DescribeQueryShapeBounds() << "; facet filters at most " << kParamLimits.max_filter_values
      << " values in all\n";
  return out.str();
}

}  // namespace rapport
