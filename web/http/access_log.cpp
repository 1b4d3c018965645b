// Structured, one-line-per-event logging to stderr.
#include "access_log.h"
#include "utc_time.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>

namespace rapport {
namespace {

std::string Timestamp() { return FormatUtcTimestamp(UtcNow(), TimestampPrecision::kMilliseconds); }

void WriteLine(std::string line) {
  line += '\n';
  // One write(2) per line: concurrent lines never interleave.
  const ssize_t ignored = ::write(STDERR_FILENO, line.data(), line.size());
  (void)ignored;
}

}  // namespace

std::string LogValue(const std::string& value) {
  bool needs_quotes = value.empty();
  std::string escaped;
  for (unsigned char c : value) {
    if (c == '"' || c == '\\') {
      escaped += '\\';
      escaped += static_cast<char>(c);
      needs_quotes = true;
    } else if (c < 0x20 || c == 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      escaped += hex;
      needs_quotes = true;
    } else {
      if (c == ' ' || c == '=') needs_quotes = true;
      escaped += static_cast<char>(c);
    }
  }
  return needs_quotes ? "\"" + escaped + "\"" : escaped;
}

void WriteAccessLog(const AccessLogEntry& entry, bool log_queries) {
  char latency[32];
  std::snprintf(latency, sizeof latency, "%.2f", entry.latency_ms);
  std::string line = "ts=" + Timestamp() + " event=request method=" + LogValue(entry.method) +
                     " route=" + LogValue(entry.route) + " status=" + std::to_string(entry.status) +
                     " latency_ms=" + latency + " request_id=" + LogValue(entry.request_id) +
                     " key=" + LogValue(entry.key_name.empty() ? "-" : entry.key_name);
  if (log_queries) {
    line += " query=" + LogValue(entry.query) + " client=" + LogValue(entry.client);
  }
  WriteLine(std::move(line));
}

void WriteServerLog(const std::string& event, const std::string& message) {
  WriteLine("ts=" + Timestamp() + " event=" + LogValue(event) + " message=" + LogValue(message));
}

}  // namespace rapport
