// AccessLog: one line per request on stderr, in logfmt (key=value), e.g.
//   ts=2026-11-25T20:00:00.123Z event=request method=GET route=/api/v1/search
//   status=200 latency_ms=1.84 request_id=5f2c… key=acme
// Searches are health information: the query string and the client address
// are written only when the server runs with --log-queries.
#pragma once

#include <string>

namespace rapport {

struct AccessLogEntry {
  std::string method;
  std::string route;  // the route pattern, never the raw path
  int status = 0;
  double latency_ms = 0;
  std::string request_id;
  std::string key_name;  // partner of the API key; empty when anonymous
  std::string query;     // written only with log_queries
  std::string client;    // written only with log_queries
};

// Writes `entry` as one line to stderr (one write call, so lines from
// concurrent requests never interleave).
void WriteAccessLog(const AccessLogEntry& entry, bool log_queries);

// A logfmt line for a server event: `event=<event> message="<message>"`.
void WriteServerLog(const std::string& event, const std::string& message);

// `value` quoted for logfmt when needed, with control characters escaped.
std::string LogValue(const std::string& value);

}  // namespace rapport
