// The UTC time unit (utc_time.h): the strict parser, the formatter at both
// precisions, and the clock a test can set, checked against the C library's
// own UTC conversion (timegm/gmtime_r).
#include "utc_time.h"

#include <doctest/doctest.h>

#include <ctime>
#include <random>

namespace rapport {
namespace {

// The C library's answer for `seconds`, formatted independently.
std::string LibcTimestamp(int64_t seconds) {
  const auto at = static_cast<std::time_t>(seconds);
  std::tm utc{};
  gmtime_r(&at, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

TEST_CASE("formatting and parsing agree with the C library over 1900-2200") {
  std::mt19937_64 random(12);
  std::uniform_int_distribution<int64_t> seconds(-2208988800LL, 7258118400LL);
  for (int i = 0; i < 2000; ++i) {
    const int64_t at = seconds(random);
    CAPTURE(at);
    const std::string text = FormatUtcTimestamp(at);
    CHECK(text == LibcTimestamp(at));
    CHECK(ParseUtcTimestamp(text) == at);
    std::tm parts{};
    const auto time = static_cast<std::time_t>(at);
    gmtime_r(&time, &parts);
    CHECK(YearOf(at) == parts.tm_year + 1900);
  }
}

TEST_CASE("milliseconds are appended before the Z, truncated, also before 1970") {
  const WallClock::time_point at = WallClock::time_point(std::chrono::milliseconds(1234567890123));
  CHECK(FormatUtcTimestamp(at, TimestampPrecision::kMilliseconds) ==
        LibcTimestamp(1234567890).insert(19, ".123"));
  CHECK(FormatUtcTimestamp(at, TimestampPrecision::kSeconds) == LibcTimestamp(1234567890));
  const WallClock::time_point before = WallClock::time_point(std::chrono::milliseconds(-1));
  CHECK(FormatUtcTimestamp(before, TimestampPrecision::kMilliseconds) ==
        LibcTimestamp(-1).insert(19, ".999"));
}

TEST_CASE("the parser is strict: only YYYY-MM-DDTHH:MM:SSZ naming a real date") {
  for (const char* text :
       {"2026-10-01", "2026-10-01T12:00:00", "2026-10-01T12:00:00+00:00", "2026-10-01 12:00:00Z",
        "2026-10-01T12:00:00.5Z", "2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z",
        "2026-10-01T24:00:00Z", " 2026-10-01T12:00:00Z"}) {
    CAPTURE(text);
    CHECK_FALSE(ParseUtcTimestamp(text).has_value());
  }
  CHECK(ParseUtcTimestamp("2024-02-29T00:00:00Z").has_value());
  CHECK(ParseUtcTimestamp("1970-01-01T00:00:00Z") == 0);
  CHECK(ParseUtcTimestamp("2026-10-01T12:00:00Z") == 1790856000);
  // The forms the document builder's own parser used to accept as well; no
  // stored profile has them (the validator checks every timestamp strictly).
  for (const char* text :
       {"2026-10-01T12:00:00.250Z", "2026-10-01T14:00:00+02:00", "2026-10-01", "", "yesterday"}) {
    CAPTURE(text);
    CHECK_FALSE(ParseUtcTimestamp(text).has_value());
  }
}

TEST_CASE("a test can set the clock, and every now and current year follows it") {
  const int64_t set = 4102444800;  // 2100-01-01T00:00:00Z
  {
    const ScopedUtcTimeForTesting clock{WallClock::time_point(std::chrono::seconds(set))};
    CHECK(UtcNowSeconds() == set);
    CHECK(CurrentUtcYear() == 2100);
  }
  CHECK(UtcNowSeconds() < set);
}

}  // namespace
}  // namespace rapport
