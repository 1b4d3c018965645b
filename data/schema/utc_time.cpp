// UTC time (utc_time.h): civil-date arithmetic on the proleptic Gregorian
// calendar, so no C library time zone or locale is involved.
#include "utc_time.h"

#include <atomic>
#include <cstdio>
#include <limits>

namespace rapport {
namespace {

constexpr int64_t kSecondsPerMinute = 60;
constexpr int64_t kSecondsPerHour = 3600;
constexpr int64_t kSecondsPerDay = 86400;
constexpr int64_t kMillisPerSecond = 1000;

// The time a test set, in milliseconds since the epoch, or kNotSet.
constexpr int64_t kNotSet = std::numeric_limits<int64_t>::min();
std::atomic<int64_t> set_millis{kNotSet};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Days since 1970-01-01 of a proleptic Gregorian date, counted in 400-year
// eras (each exactly 146097 days) with years starting in March so that the
// leap day falls at the end.
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

struct CivilDate {
  int64_t year;
  unsigned month;
  unsigned day;
};

CivilDate CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int64_t>(yoe) + era * 400 + (m <= 2), m, d};
}

unsigned DaysInMonth(int64_t year, unsigned month) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

int Digits(std::string_view text, size_t from, size_t count) {
  int value = 0;
  for (size_t i = from; i < from + count; ++i) value = value * 10 + (text[i] - '0');
  return value;
}

}  // namespace

std::optional<int64_t> ParseUtcTimestamp(std::string_view t) {
  // YYYY-MM-DDTHH:MM:SSZ
  static constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:ddZ";
  if (t.size() != kShape.size()) return std::nullopt;
  for (size_t i = 0; i < t.size(); ++i) {
    if (kShape[i] == 'd' ? !IsDigit(t[i]) : t[i] != kShape[i]) return std::nullopt;
  }
  const int year = Digits(t, 0, 4);
  const int month = Digits(t, 5, 2), day = Digits(t, 8, 2);
  const int hour = Digits(t, 11, 2), minute = Digits(t, 14, 2), second = Digits(t, 17, 2);
  if (month < 1 || month > 12 || day < 1) return std::nullopt;
  if (static_cast<unsigned>(day) > DaysInMonth(year, static_cast<unsigned>(month))) {
    return std::nullopt;
  }
  if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
  const int64_t days =
      DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  return days * kSecondsPerDay + hour * kSecondsPerHour + minute * kSecondsPerMinute + second;
}

int YearOf(int64_t unix_seconds) {
  int64_t days = unix_seconds / kSecondsPerDay;
  if (unix_seconds % kSecondsPerDay < 0) --days;
  return static_cast<int>(CivilFromDays(days).year);
}

std::string FormatUtcTimestamp(WallClock::time_point at, TimestampPrecision precision) {
  const int64_t millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
  int64_t seconds = millis / kMillisPerSecond;
  int64_t fraction = millis % kMillisPerSecond;
  if (fraction < 0) fraction += kMillisPerSecond, --seconds;
  std::string formatted = FormatUtcTimestamp(seconds);
  if (precision == TimestampPrecision::kMilliseconds) {
    char text[8];
    std::snprintf(text, sizeof text, ".%03lld", static_cast<long long>(fraction));
    formatted.insert(formatted.size() - 1, text);
  }
  return formatted;
}

std::string FormatUtcTimestamp(int64_t unix_seconds) {
  int64_t days = unix_seconds / kSecondsPerDay;
  int64_t rest = unix_seconds % kSecondsPerDay;
  if (rest < 0) rest += kSecondsPerDay, --days;
  const CivilDate date = CivilFromDays(days);
  char text[96];  // room for any int64 year, so the format can never truncate
  std::snprintf(text, sizeof text, "%04lld-%02u-%02uT%02lld:%02lld:%02lldZ",
                static_cast<long long>(date.year), date.month, date.day,
                static_cast<long long>(rest / kSecondsPerHour),
                static_cast<long long>(rest / kSecondsPerMinute % kSecondsPerMinute),
                static_cast<long long>(rest % kSecondsPerMinute));
  return text;
}

WallClock::time_point UtcNow() {
  const int64_t set = set_millis.load();
  if (set == kNotSet) return WallClock::now();
  return WallClock::time_point(std::chrono::milliseconds(set));
}

int64_t UtcNowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(UtcNow().time_since_epoch()).count();
}

int CurrentUtcYear() { return YearOf(UtcNowSeconds()); }

ScopedUtcTimeForTesting::ScopedUtcTimeForTesting(WallClock::time_point at) {
  set_millis.store(
      std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count());
}

ScopedUtcTimeForTesting::~ScopedUtcTimeForTesting() { set_millis.store(kNotSet); }

}  // namespace rapport
