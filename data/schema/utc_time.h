// UTC time: the one ISO-8601 parser (strict), the one formatter and the one
// clock of Rapport. Every timestamp Rapport stores or shows is UTC,
// "2026-10-01T12:00:00Z" (seconds) or, where order within a second matters
// (editor accounts and sessions, the access log), "2026-10-01T12:00:00.123Z";
// both have one fixed width, so comparing the strings (also in SQL) compares
// the times. Every "now" and "current year" comes from UtcNow(), which a test
// may set with ScopedUtcTimeForTesting.
//
//   const std::string at = FormatUtcTimestamp(UtcNow(), TimestampPrecision::kMilliseconds);
//   if (auto seconds = ParseUtcTimestamp(text)) ...
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rapport {

using WallClock = std::chrono::system_clock;

enum class TimestampPrecision {
  kSeconds,       // "2026-10-01T12:00:00Z"
  kMilliseconds,  // "2026-10-01T12:00:00.123Z"
};

// Seconds since the epoch of an ISO 8601 UTC time "YYYY-MM-DDTHH:MM:SSZ"
// naming a real calendar date; nullopt if it is not exactly one.
[[nodiscard]] std::optional<int64_t> ParseUtcTimestamp(std::string_view text);

// `at` as an ISO 8601 UTC timestamp of `precision` (truncated, not rounded).
[[nodiscard]] std::string FormatUtcTimestamp(WallClock::time_point at,
                                             TimestampPrecision precision);
// "2026-10-01T12:00:00Z" for a unix time.
[[nodiscard]] std::string FormatUtcTimestamp(int64_t unix_seconds);

// Calendar year (UTC) of a unix time.
[[nodiscard]] int YearOf(int64_t unix_seconds);

// The current time: the system clock, unless a test has set it.
[[nodiscard]] WallClock::time_point UtcNow();
// UtcNow() in whole seconds since the epoch.
[[nodiscard]] int64_t UtcNowSeconds();
// The calendar year (UTC) of UtcNow().
[[nodiscard]] int CurrentUtcYear();

// Makes UtcNow() return `at` (for every thread) while it lives; tests only.
// Not nestable.
class ScopedUtcTimeForTesting {
 public:
  explicit ScopedUtcTimeForTesting(WallClock::time_point at);
  ~ScopedUtcTimeForTesting();
  ScopedUtcTimeForTesting(const ScopedUtcTimeForTesting&) = delete;
  ScopedUtcTimeForTesting& operator=(const ScopedUtcTimeForTesting&) = delete;
};

}  // namespace rapport
